import { isoInBangkok } from './thai-date';
import { publishedTime, type StoryTeaser } from './story';
import { storyPath } from './urls';
import { escapeXml } from './xml';

/** Where the news sitemap is published. */
export const NEWS_SITEMAP_PATH = '/news-sitemap.xml';

/** Google News reads stories of the last two days from a news sitemap. */
export const NEWS_WINDOW_MS = 48 * 3_600_000;
/** A news sitemap holds at most 1,000 URLs. */
export const NEWS_SITEMAP_LIMIT = 1000;

/**
 * The Google News sitemap: the stories first published within 48 hours before `now`
 * (newest first), with the publication's name, language `th`, date and headline.
 */
export function newsSitemap(stories: StoryTeaser[], site: URL, publication: string, now: number): string {
  const recent: StoryTeaser[] = [];
  for (const s of stories) {
    const age = now - publishedTime(s);
    // Newest first: the rest are older still (a fast publish passes the whole archive).
    if (age > NEWS_WINDOW_MS || recent.length === NEWS_SITEMAP_LIMIT) break;
    if (age >= 0) recent.push(s);
  }
  const urls = recent.map(
    (s) =>
      `<url><loc>${escapeXml(new URL(storyPath(s), site).href)}</loc><news:news><news:publication><news:name>${escapeXml(publication)}</news:name><news:language>th</news:language></news:publication><news:publication_date>${isoInBangkok(publishedTime(s))}</news:publication_date><news:title>${escapeXml(s.title)}</news:title></news:news></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls.join('\n')}\n</urlset>\n`;
}
