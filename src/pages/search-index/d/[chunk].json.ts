import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { cacheKey } from '../../../lib/server/cache-key';
import { getStories } from '../../../lib/server/content';
import { searchFiles } from '../../../lib/server/search-index';

/** One chunk of search results: what a result shows of each story of a range of story numbers. */
export const getStaticPaths = (async () =>
  [...searchFiles(await getStories()).chunks].map(([chunk, docs]) => {
    const body = JSON.stringify(docs);
    return { params: { chunk: String(chunk) }, props: { body }, cacheKey: cacheKey(body) };
  })) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(props.body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
