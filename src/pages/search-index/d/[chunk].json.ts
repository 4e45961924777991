import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getStories } from '../../../lib/server/content';
import { searchFilePaths, searchFileResponse, searchFiles } from '../../../lib/server/search-index';

/** One chunk of search results: what a result shows of each story of a range of story numbers. */
export const getStaticPaths = (async () =>
  searchFilePaths('chunk', searchFiles(await getStories()).chunks)) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) => searchFileResponse(props.body);
