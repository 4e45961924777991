/** Story facts that need no content layer, so pure modules and unit tests can use them. */

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

/** When the story first ran; Strapi's publishedAt for stories saved before that field existed. */
export function publishedTime(story: { firstPublishedAt: string | null; publishedAt: string | null }): number {
  return Date.parse(story.firstPublishedAt ?? story.publishedAt ?? '1970-01-01T00:00:00Z');
}

/**
 * Just the teaser fields of a story. Lists pass teasers, not whole stories, so a page's cache
 * key covers what its lists show and an edit to another story's body does not re-render it.
 */
export function toTeaser(story: StoryTeaser): StoryTeaser {
  const { documentId, title, storyNumber, excerpt, firstPublishedAt, publishedAt, section } = story;
  return {
    documentId,
    title,
    storyNumber,
    excerpt,
    firstPublishedAt,
    publishedAt,
    section: { name: section.name, slug: section.slug },
  };
}

/**
 * Sections in the editor-chosen order, then by Thai name: the order of the header's menu, the
 * footer and every list of sections, whether they come from the content layer or the CMS.
 */
export function sortSections<S extends { order: number; name: string }>(sections: S[]): S[] {
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'th'));
}
