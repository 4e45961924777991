import { getCollection } from 'astro:content';

/** A published story as the content layer holds it. */
export type Story = Awaited<ReturnType<typeof getStories>>[number];

/** What a story list shows of a story: enough to link it, date it and summarise it. */
export interface StoryTeaser {
  documentId: string;
  title: string;
  storyNumber: number;
  excerpt: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  section: { name: string; slug: string };
}

/** Every published story, newest first by first publication. */
export async function getStories() {
  const stories = (await getCollection('articles')).map((entry) => entry.data);
  return stories.sort((a, b) => publishedTime(b) - publishedTime(a) || b.storyNumber - a.storyNumber);
}

/** When the story first ran; Strapi's publishedAt for stories saved before that field existed. */
export function publishedTime(story: { firstPublishedAt: string | null; publishedAt: string | null }): number {
  return Date.parse(story.firstPublishedAt ?? story.publishedAt ?? '1970-01-01T00:00:00Z');
}

/** Sections in the editor-chosen order. */
export async function getSections() {
  const sections = (await getCollection('categories')).map((entry) => entry.data);
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'th'));
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
  if (!entry) throw new Error('CMS: the Global single type (site name, footer) has no published entry');
  return entry.data;
}
