import type { APIRoute } from 'astro';
import { getGlobal, getStories } from '../lib/server/content';
import { newsSitemap } from '../lib/news-sitemap';

/** Google News sitemap of the last 48 hours; rendered on every build, so the window moves. */
export const GET: APIRoute = async ({ site }) => {
  const [stories, global] = await Promise.all([getStories(), getGlobal()]);
  if (!site) throw new Error('news-sitemap.xml: set `site` in astro.config.mjs (SITE_URL)');
  return new Response(newsSitemap(stories, site, global.siteName, Date.now()), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
