import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getStories } from '../../../lib/server/content';
import { searchFilePaths, searchFileResponse, searchFiles } from '../../../lib/server/search-index';

/**
 * One bucket of the Thai search index: the stories of each word hashed into it (drafts never
 * reach the content layer). Its key is its content, so a publish rewrites only the buckets of
 * the words it added or removed.
 */
export const getStaticPaths = (async () =>
  searchFilePaths('bucket', searchFiles(await getStories()).buckets)) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) => searchFileResponse(props.body);
