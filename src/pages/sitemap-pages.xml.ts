import type { APIRoute } from 'astro';
import { paginateStories, storyLists } from '../lib/listing';
import { getAuthors, getSections, getStories, getTags } from '../lib/server/content';
import { urlset } from '../lib/sitemap';

/**
 * Every page but the stories: the front page and each page of every section, tag and author
 * list. The reader's own pages (saved stories, search results) and the 404 page are not for
 * crawlers; a new static page must be added here.
 */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap-pages.xml: set `site` in astro.config.mjs (SITE_URL)');
  const [stories, sections, tags, authors] = await Promise.all([getStories(), getSections(), getTags(), getAuthors()]);
  const listPages = storyLists(stories, sections, tags, authors).flatMap((list) =>
    paginateStories(list.base, list.stories).map((page) => page.path),
  );
  const urls = ['/', ...listPages].map((path) => ({ loc: new URL(path, site).href }));
  return new Response(urlset(urls), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
