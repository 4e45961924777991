import { describe, expect, it } from 'vitest';
import {
  sitemapIndex,
  sitemapIndexXml,
  storySitemapAt,
  storySitemapOf,
  storySitemapPath,
  storySitemaps,
  storySitemapUrls,
  urlset,
} from '../../src/lib/sitemap';

const SITE = new URL('https://news.example/');
const story = (storyNumber: number, updatedAt = '2026-11-26T01:00:00.000Z', slug = 'news') => ({
  storyNumber,
  updatedAt,
  section: { slug },
});

describe('storySitemapOf', () => {
  it.each([
    [1, 0],
    [5000, 0],
    [5001, 1],
    [100_000, 19],
  ])('story %i is in story sitemap %i', (storyNumber, id) => {
    expect(storySitemapOf(storyNumber)).toBe(id);
  });
});

describe('storySitemapAt', () => {
  it.each([
    [storySitemapPath(0), 0],
    [storySitemapPath(19), 19],
    ['/sitemap-stories-x.xml', null],
    ['/sitemap-index.xml', null],
    [`${storySitemapPath(3)}.gz`, null],
  ])('%s names story sitemap %s', (path, id) => {
    expect(storySitemapAt(path)).toBe(id);
  });
});

describe('storySitemaps', () => {
  const stories = [story(5003), story(2, '2026-11-26T05:00:00.000Z'), story(1), story(12_000)];

  it('groups stories by 5,000 story numbers, each sitemap in story-number order', () => {
    expect(storySitemaps(stories).map((s) => [s.id, s.stories.map((x) => x.storyNumber)])).toEqual([
      [0, [1, 2]],
      [1, [5003]],
      [2, [12_000]],
    ]);
  });

  it('indexes each story sitemap with the newest change of its stories, in Bangkok time', () => {
    expect(sitemapIndexXml(stories, SITE)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<sitemap><loc>https://news.example/sitemap-pages.xml</loc></sitemap>\n' +
        '<sitemap><loc>https://news.example/sitemap-stories-0.xml</loc><lastmod>2026-11-26T12:00:00+07:00</lastmod></sitemap>\n' +
        '<sitemap><loc>https://news.example/sitemap-stories-1.xml</loc><lastmod>2026-11-26T08:00:00+07:00</lastmod></sitemap>\n' +
        '<sitemap><loc>https://news.example/sitemap-stories-2.xml</loc><lastmod>2026-11-26T08:00:00+07:00</lastmod></sitemap>\n' +
        '</sitemapindex>\n',
    );
  });

  it.each([
    ['an edit (updatedAt)', story(5003, '2026-11-27T00:00:00.000Z')],
    ['a move to another section (the path)', story(5003, undefined, 'sports')],
  ])('changes only the key of the sitemap of a story after %s', (_, changed) => {
    const before = storySitemaps(stories).map((s) => s.key);
    const after = storySitemaps(stories.map((s) => (s.storyNumber === 5003 ? changed : s))).map((s) => s.key);
    expect(after.map((key, i) => key !== before[i])).toEqual([false, true, false]);
  });

  it('lists absolute story URLs with their last change in Bangkok time', () => {
    expect(storySitemapUrls(storySitemaps([story(7)])[0]!, SITE)).toEqual([
      { loc: 'https://news.example/news/news/7', lastmod: '2026-11-26T08:00:00+07:00' },
    ]);
    expect(storySitemapPath(3)).toBe('/sitemap-stories-3.xml');
  });
});

describe('sitemap XML', () => {
  it('writes a urlset, escaping URLs and leaving out an unknown lastmod', () => {
    expect(urlset([{ loc: 'https://news.example/tag/a&b' }, { loc: 'https://news.example/', lastmod: 'X' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<url><loc>https://news.example/tag/a&amp;b</loc></url>\n' +
        '<url><loc>https://news.example/</loc><lastmod>X</lastmod></url>\n</urlset>\n',
    );
  });

  it('writes a sitemap index', () => {
    expect(sitemapIndex([{ loc: 'https://news.example/sitemap-pages.xml' }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        '<sitemap><loc>https://news.example/sitemap-pages.xml</loc></sitemap>\n</sitemapindex>\n',
    );
  });
});
