import type { APIRoute } from 'astro';
import { getStories, publishedTime } from '../lib/newsroom';
import { buildSearchIndex } from '../lib/search';
import { formatStoryDateTime } from '../lib/thai-date';
import { markdownToText } from '../lib/thai-text';
import { storyPath } from '../lib/urls';

/** The Thai search index of every published story (drafts never reach the content layer). */
export const GET: APIRoute = async () => {
  const stories = await getStories();
  const index = buildSearchIndex(
    stories.map((story) => ({
      doc: {
        p: storyPath(story),
        t: story.title,
        s: story.section.name,
        d: formatStoryDateTime(publishedTime(story)),
        e: story.excerpt,
      },
      text: [
        story.excerpt ?? '',
        markdownToText(story.body),
        ...story.tags.map((tag) => tag.name),
        ...story.authors.map((a) => a.name),
      ].join('\n'),
    })),
  );
  return new Response(JSON.stringify(index), { headers: { 'content-type': 'application/json; charset=utf-8' } });
};
