import type { APIRoute } from 'astro';
import { siteFeed } from '../lib/feed';
import { getGlobal, getStories } from '../lib/server/content';

/** The site's feed: the newest stories of every section. */
export const GET: APIRoute = async ({ site }) => {
  const [global, stories] = await Promise.all([getGlobal(), getStories()]);
  return siteFeed(global, site!, stories);
};
