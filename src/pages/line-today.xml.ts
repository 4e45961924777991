import type { APIRoute } from 'astro';
import { lineTodayFeed } from '../lib/line-today';
import { getStories } from '../lib/server/content';

/** The site's LINE Today feed: the newest stories of every section (src/lib/line-today.ts). */
export const GET: APIRoute = async ({ site }) =>
  new Response(lineTodayFeed(await getStories(), site!), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
