/** A story as far as its URL is concerned. */
export interface StoryRef {
  storyNumber: number;
  section: { slug: string };
}

/** The story's permanent URL. The number never changes, so the URL never changes meaning. */
export function storyPath(story: StoryRef): string {
  return `/news/${story.section.slug}/${story.storyNumber}`;
}

/** The section's front page. */
export function sectionPath(slug: string): string {
  return `/news/${slug}`;
}

/** A tag's page. */
export function tagPath(slug: string): string {
  return `/tag/${slug}`;
}

/** An author's page. */
export function authorPath(slug: string): string {
  return `/author/${slug}`;
}

/** The site's RSS feed. */
export const SITE_FEED_PATH = '/rss.xml';

/** A section's RSS feed. */
export function sectionFeedPath(slug: string): string {
  return `${sectionPath(slug)}/rss.xml`;
}

/** The fragment of a gallery's picture on its story page (1-based, in the editors' order). */
export function galleryPhotoId(position: number): string {
  return `photo-${position}`;
}
