import type { APIRoute } from 'astro';

/** Lets crawlers in everywhere but the hooks, and points them at the sitemap. */
export const GET: APIRoute = ({ site }) =>
  new Response(`User-agent: *\nDisallow: /_hooks/\n\nSitemap: ${new URL('sitemap-index.xml', site).href}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
