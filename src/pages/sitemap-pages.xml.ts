import type { APIRoute } from 'astro';
import { listPagePaths, storyLists } from '../lib/listing';
import { getAuthors, getSections, getStories, getTags } from '../lib/server/content';
import { pagesSitemapXml, xmlResponse } from '../lib/sitemap';

/** Every page but the stories: the front page and each page of every section, tag and author list. */
export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('sitemap-pages.xml: set `site` in astro.config.mjs (SITE_URL)');
  const [stories, sections, tags, authors] = await Promise.all([getStories(), getSections(), getTags(), getAuthors()]);
  return xmlResponse(pagesSitemapXml(listPagePaths(storyLists(stories, sections, tags, authors)), site));
};
