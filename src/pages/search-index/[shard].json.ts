import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { getStories } from '../../lib/server/content';
import { searchShardIndex, searchShards } from '../../lib/search-shards';

/**
 * One shard of the Thai search index (stories 1–1000, 1001–2000, …; drafts never reach the
 * content layer). The key covers everything the shard indexes, so a deploy re-indexes only
 * the shards of the stories that changed.
 */
export const getStaticPaths = (async () =>
  searchShards(await getStories()).map((shard) => ({
    params: { shard: String(shard.id) },
    props: { shard },
    cacheKey: shard.key,
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(JSON.stringify(searchShardIndex(props.shard)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
