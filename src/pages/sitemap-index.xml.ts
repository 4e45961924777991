import type { APIRoute } from 'astro';
import { getStories } from '../lib/server/content';
import { sitemapIndex, storySitemapPath, storySitemaps } from '../lib/sitemap';
import { isoInBangkok } from '../lib/thai-date';

/** The sitemap index robots.txt points at: the pages sitemap and every story sitemap. */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap-index.xml: set `site` in astro.config.mjs (SITE_URL)');
  const stories = storySitemaps(await getStories()).map((sitemap) => ({
    loc: new URL(storySitemapPath(sitemap.id), site).href,
    lastmod: isoInBangkok(sitemap.newest),
  }));
  return new Response(sitemapIndex([{ loc: new URL('/sitemap-pages.xml', site).href }, ...stories]), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  });
};
