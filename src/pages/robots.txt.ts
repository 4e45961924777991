import type { APIRoute } from 'astro';
import { NEWS_SITEMAP_PATH } from '../lib/news-sitemap';
import { SITEMAP_INDEX_PATH } from '../lib/sitemap';

/** Lets crawlers in everywhere but the hooks, and points them at both sitemaps. */
export const GET: APIRoute = ({ site }) =>
  new Response(
    [
      'User-agent: *',
      'Disallow: /_hooks/',
      '',
      `Sitemap: ${new URL(SITEMAP_INDEX_PATH, site).href}`,
      `Sitemap: ${new URL(NEWS_SITEMAP_PATH, site).href}`,
      '',
    ].join('\n'),
    { headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
