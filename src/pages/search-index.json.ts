import type { APIRoute } from 'astro';
import { getStories } from '../lib/server/content';
import type { SearchManifest } from '../lib/search';
import { searchShards, searchShardUrl } from '../lib/search-shards';

/** The search index's manifest: the URL of each shard, versioned by its content. */
export const GET: APIRoute = async () => {
  const manifest: SearchManifest = { v: 2, shards: searchShards(await getStories()).map(searchShardUrl) };
  return new Response(JSON.stringify(manifest), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
