import type { APIRoute } from 'astro';
import { getStories } from '../lib/server/content';
import { sitemapIndexXml, xmlResponse } from '../lib/sitemap';

/** The sitemap index robots.txt points at: the pages sitemap and every story sitemap. */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap-index.xml: set `site` in astro.config.mjs (SITE_URL)');
  return xmlResponse(sitemapIndexXml(await getStories(), site));
};
