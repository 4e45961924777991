import { getCollection } from 'astro:content';
import { NO_GLOBAL } from './cms/errors';
import { rememberDigest } from './content-digest';
import { sortSections, sortStories } from '../story';

export { publishedTime, type StoryTeaser } from '../story';

/** A published story as the content layer holds it. */
export type Story = Awaited<ReturnType<typeof getStories>>[number];

/** Every published story, newest first by first publication. */
export async function getStories() {
  const stories = (await getCollection('articles')).map(({ data, digest }) => {
    rememberDigest(data, digest); // for contentDigest() in cache keys
    return data;
  });
  return sortStories(stories);
}

/** Sections in the editor-chosen order. */
export async function getSections() {
  return sortSections((await getCollection('categories')).map((entry) => entry.data));
}

/** Tags, in Thai alphabetical order. */
export async function getTags() {
  return (await getCollection('tags')).map((e) => e.data).sort((a, b) => a.name.localeCompare(b.name, 'th'));
}

/** Authors, in Thai alphabetical order. */
export async function getAuthors() {
  return (await getCollection('authors')).map((e) => e.data).sort((a, b) => a.name.localeCompare(b.name, 'th'));
}

/** The Global settings; the build fails with a clear message when an editor has not saved them. */
export async function getGlobal() {
  const [entry] = await getCollection('global');
  if (!entry) throw new Error(NO_GLOBAL);
  return entry.data;
}

/** Videos, newest first: the front page recommends the latest ones. */
export async function getVideos() {
  const videos = (await getCollection('videos')).map((e) => e.data);
  return videos.sort(
    (a, b) => Date.parse(b.publishedAt ?? '') - Date.parse(a.publishedAt ?? '') || a.title.localeCompare(b.title, 'th'),
  );
}
