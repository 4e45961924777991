import type { APIRoute } from 'astro';
import { getSiteFrame } from '../../lib/server/site-frame';
import { catalogHead } from '../../lib/server/fast-publish-plan';
import { getAuthors, getStories, getTags, getVideos } from '../../lib/server/content';

/**
 * What this build rendered the front page, story pages, lists and feeds from
 * (lib/server/fast-publish-plan.ts): the fast-publish render of the next publish starts from it.
 * This file holds all but the stories, which are in its parts (./catalog/[part].json.ts).
 * Moved to the release's internal/ folder when the build is done
 * (src/integrations/internal-routes.ts): only the render worker serves it, to the holder of its
 * key; everything in it is published anyway.
 */
export const GET: APIRoute = async () => {
  const [stories, videos, frame, tags, authors] = await Promise.all([
    getStories(),
    getVideos(),
    getSiteFrame(),
    getTags(),
    getAuthors(),
  ]);
  // This process read the CMS for the whole build (the content sync), after it started.
  const readFrom = new Date(performance.timeOrigin).toISOString();
  return new Response(JSON.stringify(catalogHead(stories.length, videos, frame, { tags, authors }, readFrom)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
