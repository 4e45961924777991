import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { cacheKey } from '../../../lib/server/cache-key';
import { getStories } from '../../../lib/server/content';
import { searchFiles } from '../../../lib/server/search-index';

/**
 * One bucket of the Thai search index: the stories of each word hashed into it (drafts never
 * reach the content layer). Its key is its content, so a publish rewrites only the buckets of
 * the words it added or removed.
 */
export const getStaticPaths = (async () =>
  [...searchFiles(await getStories()).buckets].map(([bucket, terms]) => {
    const body = JSON.stringify(terms);
    return { params: { bucket: String(bucket) }, props: { body }, cacheKey: cacheKey(body) };
  })) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(props.body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
