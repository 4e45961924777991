import type { APIRoute } from 'astro';
import { getChrome } from '../../lib/chrome';
import { expressCatalog } from '../../lib/express';
import { getStories, getVideos } from '../../lib/newsroom';

/**
 * What this build rendered the front page and story pages from (lib/express.ts): the express
 * render of the next publish starts from it. Only the site server's express requests may read
 * it (server/src/site-server.ts); everything in it is published anyway.
 */
export const GET: APIRoute = async () => {
  const [stories, videos, chrome] = await Promise.all([getStories(), getVideos(), getChrome()]);
  return new Response(JSON.stringify(expressCatalog(stories, videos, chrome)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
