import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { cacheKey } from '../../../lib/server/cache-key';
import { getStories } from '../../../lib/server/content';
import { searchFiles } from '../../../lib/server/search-index';

/** The indexed words that begin with one letter (its code point, in hex): a half-typed query word is matched against them. */
export const getStaticPaths = (async () =>
  [...searchFiles(await getStories()).wordLists].map(([listPath, list]) => {
    const body = JSON.stringify(list);
    const letter = listPath.slice(listPath.lastIndexOf('/') + 1, -'.json'.length);
    return { params: { letter }, props: { body }, cacheKey: cacheKey(body) };
  })) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(props.body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
