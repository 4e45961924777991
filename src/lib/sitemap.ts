import { CORRECTIONS_PATH } from './notes';
import { cacheKey } from './server/cache-key';
import { byStoryNumberRange, storyNumberRange } from './story';
import { isoInBangkok } from './thai-date';
import { storyPath } from './urls';
import { escapeXml } from './xml';

/**
 * The sitemaps. Story pages are listed in sitemaps of 5,000 story numbers each (stories
 * 1–5000 in sitemap-stories-0.xml, …), so a deploy re-renders only the sitemap of the stories
 * that changed, and no sitemap nears the protocol's 50,000 URLs; every other page is in
 * sitemap-pages.xml. sitemap-index.xml lists them all.
 */

/** Story numbers per story sitemap. */
export const STORY_SITEMAP_SIZE = 5000;

/** One URL of a sitemap. */
export interface SitemapUrl {
  loc: string;
  /** When the page last changed (W3C datetime), when known. */
  lastmod?: string;
}

/** What a story sitemap needs of a story. */
interface SitemapStory {
  storyNumber: number;
  updatedAt: string;
  section: { slug: string };
}

/** One story sitemap at build time: its stories and the key of what it lists. */
export interface StorySitemap<S extends SitemapStory = SitemapStory> {
  id: number;
  /** By story number. */
  stories: S[];
  key: string;
}

/** The story sitemap that lists a story: 0 for stories 1–5000, 1 for 5001–10000, … */
export function storySitemapOf(storyNumber: number): number {
  return storyNumberRange(storyNumber, STORY_SITEMAP_SIZE);
}

/**
 * The stories grouped into story sitemaps, in sitemap order. The key covers each story's
 * path and updatedAt, which is all a story sitemap shows; dates are formatted only when a
 * changed sitemap is rendered.
 */
export function storySitemaps<S extends SitemapStory>(stories: S[]): StorySitemap<S>[] {
  return byStoryNumberRange(stories, STORY_SITEMAP_SIZE).map(({ id, stories: members }) => {
    const sorted = members.sort((a, b) => a.storyNumber - b.storyNumber);
    return { id, stories: sorted, key: cacheKey(sorted.map((s) => [storyPath(s), s.updatedAt])) };
  });
}

/** The URLs of a story sitemap, each with its story's last change in Bangkok time. */
export function storySitemapUrls(sitemap: StorySitemap, site: URL): SitemapUrl[] {
  return sitemap.stories.map((s) => ({ loc: new URL(storyPath(s), site).href, lastmod: isoInBangkok(s.updatedAt) }));
}

/** A sitemap document: the `root` element holding one `item` element per entry. */
function sitemapXml(root: 'urlset' | 'sitemapindex', item: 'url' | 'sitemap', entries: SitemapUrl[]): string {
  const items = entries.map(
    ({ loc, lastmod }) =>
      `<${item}><loc>${escapeXml(loc)}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</${item}>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join('\n')}\n</${root}>\n`;
}

/** A sitemap (`<urlset>`) of `urls`. */
export function urlset(urls: SitemapUrl[]): string {
  return sitemapXml('urlset', 'url', urls);
}

/** A sitemap index (`<sitemapindex>`) of `sitemaps`. */
export function sitemapIndex(sitemaps: SitemapUrl[]): string {
  return sitemapXml('sitemapindex', 'sitemap', sitemaps);
}

/** Where a story sitemap is published. */
export function storySitemapPath(id: number): string {
  return `/sitemap-stories-${id}.xml`;
}

/** The story sitemap a path names (storySitemapPath()'s inverse); null for any other path. */
export function storySitemapAt(path: string): number | null {
  const id = /^\/sitemap-stories-(\d+)\.xml$/.exec(path)?.[1];
  return id === undefined ? null : Number(id);
}

/** The sitemap index: robots.txt names it. */
export const SITEMAP_INDEX_PATH = '/sitemap-index.xml';

/** The sitemap of every page but the stories. */
export const PAGES_SITEMAP_PATH = '/sitemap-pages.xml';

/** A story sitemap's document. */
export function storySitemapXml(sitemap: StorySitemap, site: URL): string {
  return urlset(storySitemapUrls(sitemap, site));
}

/** The sitemap index robots.txt points at: the pages sitemap and every story sitemap of `stories`. */
export function sitemapIndexXml(stories: SitemapStory[], site: URL): string {
  // Each story sitemap's newest change, in one pass: the index needs no sitemap's key.
  const newest = new Map<number, { time: number; updatedAt: string }>();
  for (const story of stories) {
    const id = storySitemapOf(story.storyNumber);
    const time = Date.parse(story.updatedAt);
    if (!(time <= (newest.get(id)?.time ?? -Infinity))) newest.set(id, { time, updatedAt: story.updatedAt });
  }
  const storyMaps = [...newest.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, { updatedAt }]) => ({
      loc: new URL(storySitemapPath(id), site).href,
      lastmod: isoInBangkok(updatedAt),
    }));
  return sitemapIndex([{ loc: new URL(PAGES_SITEMAP_PATH, site).href }, ...storyMaps]);
}

/**
 * The pages sitemap: the front page, the corrections page and `listPages`, every page of every section, tag and author
 * list. The reader's own pages (saved stories, search results) and the 404 page are not for
 * crawlers; a new static page must be added here.
 */
export function pagesSitemapXml(listPages: string[], site: URL): string {
  return urlset(['/', CORRECTIONS_PATH, ...listPages].map((path) => ({ loc: new URL(path, site).href })));
}

/** A sitemap or feed document as a response. */
export function xmlResponse(xml: string): Response {
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}
