import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getStories } from '../../../lib/server/content';
import { searchFilePaths, searchFileResponse, searchFiles } from '../../../lib/server/search-index';

/** The indexed words that begin with one letter (its code point, in hex), for half-typed query words. */
export const getStaticPaths = (async () =>
  searchFilePaths('letter', searchFiles(await getStories()).wordLists)) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) => searchFileResponse(props.body);
