import type { APIRoute } from 'astro';
import { storyLists } from '../lib/listing';
import { getAuthors, getSections, getStories, getTags } from '../lib/server/content';

/**
 * How many stories each story list has, by its base path. The site server sends a link of the
 * numbering lists used before (`…/page/{n}`, counted from the newest) to the archive page that
 * now holds those stories (shared/list-archive.ts).
 */
export const GET: APIRoute = async () => {
  const [stories, sections, tags, authors] = await Promise.all([getStories(), getSections(), getTags(), getAuthors()]);
  const sizes = Object.fromEntries(storyLists(stories, sections, tags, authors).map((l) => [l.base, l.stories.length]));
  return new Response(JSON.stringify(sizes), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
