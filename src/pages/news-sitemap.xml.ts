import type { APIRoute } from 'astro';
import { getGlobal, getStories } from '../lib/server/content';
import { newsSitemap } from '../lib/news-sitemap';
import { xmlResponse } from '../lib/sitemap';

/** Google News sitemap of the last 48 hours; rendered on every build, so the window moves. */
export const GET: APIRoute = async ({ site }) => {
  const [stories, global] = await Promise.all([getStories(), getGlobal()]);
  if (!site) throw new Error('news-sitemap.xml: set `site` in astro.config.mjs (SITE_URL)');
  return xmlResponse(newsSitemap(stories, site, global.siteName, Date.now()));
};
