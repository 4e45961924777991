import { buildSearchFiles, indexedStory, type IndexedStory, type SearchFiles } from '../search';
import { publishedTime } from '../story';
import { formatStoryDateTime } from '../thai-date';
import { markdownToText } from '../thai-text';
import { storyPath } from '../urls';
import type { Story } from './content';

/** A story as the search index takes it: its result line and the words of its full text. */
function indexStory(story: Story): IndexedStory {
  const time = publishedTime(story);
  return indexedStory(
    story.storyNumber,
    { p: storyPath(story), t: story.title, s: story.section.name, d: formatStoryDateTime(time), e: story.excerpt },
    [
      story.excerpt ?? '',
      markdownToText(story.body),
      ...story.tags.map((tag) => tag.name),
      ...story.authors.map((a) => a.name),
    ].join('\n'),
  );
}

function* indexed(stories: Story[]): Generator<IndexedStory> {
  for (const story of stories) yield indexStory(story);
}

let last: { stories: Story[]; files: SearchFiles } | null = null;

/**
 * The whole search index of the published stories, computed once for the routes that publish it
 * (cutting 100,000 stories into words is most of its cost).
 */
export function searchFiles(stories: Story[]): SearchFiles {
  // getStories() hands each route a new array of the same story objects.
  const same = last?.stories.length === stories.length && last.stories.every((story, i) => story === stories[i]);
  if (!last || !same) last = { stories, files: buildSearchFiles(indexed(stories)) };
  return last.files;
}
