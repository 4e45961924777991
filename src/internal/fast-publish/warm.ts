import type { APIRoute } from 'astro';
import { fastPublishAllowed, warmCatalog } from '../../lib/server/fast-publish-render';

/**
 * Reads and parses the release's catalog before the first plan needs it: the site server asks
 * this when it starts the release's render worker, before the release goes live.
 */
export const GET: APIRoute = async ({ request }) => {
  if (!fastPublishAllowed(request)) return new Response('Not found', { status: 404 });
  const problem = await warmCatalog(request);
  return problem
    ? new Response(problem, { status: 503, headers: { 'cache-control': 'no-store' } })
    : new Response(null, { status: 204, headers: { 'cache-control': 'no-store' } });
};
