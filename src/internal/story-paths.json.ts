import type { APIRoute } from 'astro';
import { getStories } from '../lib/server/content';
import { storyPath } from '../lib/urls';

/**
 * Every published story's current path by story number. The site server uses it to send a
 * reader who follows an old link (the story has since moved to another section) to the
 * story's current URL with a permanent redirect: the number never changes meaning.
 */
export const GET: APIRoute = async () => {
  const paths = Object.fromEntries((await getStories()).map((story) => [story.storyNumber, storyPath(story)]));
  return new Response(JSON.stringify(paths), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
