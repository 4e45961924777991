import { entriesNewestFirst, isLiveCoverage } from './live';
import { lastModified } from './notes';
import { absoluteUploadSrc } from './picture';
import { isoInBangkok } from './thai-date';
import { excerpt, markdownToText } from './thai-text';
import type { Story } from './server/content';
import { publishedTime } from './story';
import { galleryPhotoId } from './urls';

/**
 * schema.org ImageGallery of a story's gallery: each picture an ImageObject with its caption,
 * credit and position, and the URL of its place on the page.
 */
function imageGallery(story: Story, canonical: URL): Record<string, unknown> | undefined {
  if (story.gallery.length === 0) return undefined;
  return {
    '@type': 'ImageGallery',
    url: canonical.href,
    associatedMedia: story.gallery.flatMap((figure, i) => {
      const contentUrl = absoluteUploadSrc(figure.image.url, canonical);
      if (!contentUrl) return [];
      return [
        {
          '@type': 'ImageObject',
          contentUrl,
          url: new URL(`#${galleryPhotoId(i + 1)}`, canonical).href,
          position: i + 1,
          caption: figure.caption ?? figure.image.alternativeText ?? undefined,
          creditText: figure.credit ?? undefined,
          width: figure.image.width ?? undefined,
          height: figure.image.height ?? undefined,
        },
      ];
    }),
  };
}

/**
 * The LiveBlogPosting part of a live coverage: when it started (its first entry, or the story's
 * publication), when it ended (its last entry) once it has, and its entries newest first.
 */
function liveBlog(story: Story, canonical: URL): Record<string, unknown> {
  if (!isLiveCoverage(story)) return {};
  const entries = entriesNewestFirst(story.liveEntries);
  const times = entries.map(({ entry }) => Date.parse(entry.at));
  return {
    '@type': 'LiveBlogPosting',
    coverageStartTime: isoInBangkok(Math.min(publishedTime(story), ...times)),
    coverageEndTime: story.liveState === 'ended' ? isoInBangkok(Math.max(publishedTime(story), ...times)) : undefined,
    liveBlogUpdate: entries.map(({ entry, anchor }) => {
      const text = markdownToText(entry.text);
      return {
        '@type': 'BlogPosting',
        headline: excerpt(text, 110),
        articleBody: text,
        datePublished: isoInBangkok(entry.at),
        url: new URL(`#${anchor}`, canonical).href,
      };
    }),
  };
}

/** schema.org NewsArticle data of a story (LiveBlogPosting for a live coverage), for search engines' news results. */
export function newsArticle(
  story: Story,
  canonical: URL,
  siteName: string,
  image: string | null,
): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: story.title,
    description: story.excerpt ?? undefined,
    inLanguage: 'th',
    articleSection: story.section.name,
    datePublished: isoInBangkok(publishedTime(story)),
    // The latest correction or update when it has any (lastModified()).
    dateModified: isoInBangkok(lastModified(story)),
    mainEntityOfPage: canonical.href,
    image: image ? [image] : undefined,
    author: story.authors.map((a) => ({ '@type': 'Person', name: a.name })),
    publisher: { '@type': 'Organization', name: siteName },
    hasPart: imageGallery(story, canonical),
    ...liveBlog(story, canonical),
  };
}

/**
 * Serialises JSON-LD for a <script> element. `<` is escaped so no text from the CMS can
 * close the script element early and inject markup.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
