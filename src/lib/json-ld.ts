import { lastModified } from './notes';
import { isoInBangkok } from './thai-date';
import type { Story } from './server/content';
import { publishedTime } from './story';

/** schema.org NewsArticle data of a story, for search engines' news results. */
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
  };
}

/**
 * Serialises JSON-LD for a <script> element. `<` is escaped so no text from the CMS can
 * close the script element early and inject markup.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
