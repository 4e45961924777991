import { describe, expect, it } from 'vitest';
import { newsSitemap } from '../../src/lib/news-sitemap';
import { shareLinks } from '../../src/lib/share';

const now = Date.parse('2026-11-25T12:00:00Z');
const teaser = (n: number, hoursAgo: number, title = `ข่าวที่ ${n}`) => ({
  documentId: `doc${n}`,
  title,
  storyNumber: n,
  excerpt: null,
  firstPublishedAt: new Date(now - hoursAgo * 3_600_000).toISOString(),
  publishedAt: null,
  section: { name: 'ข่าว', slug: 'news' },
});

describe('newsSitemap', () => {
  const xml = newsSitemap(
    // Newest first, as every list: a story dated in the future comes before the others.
    [teaser(4, -1), teaser(1, 1, 'ราคา <ทอง> & "เงิน"'), teaser(2, 47.9), teaser(3, 48.1)],
    new URL('https://news.example'),
    'ข่าวสยาม',
    now,
  );

  it.each([
    ['a story of the last hour', 'https://news.example/news/news/1', true],
    ['a story just inside 48 hours', 'https://news.example/news/news/2', true],
    ['a story just outside 48 hours', 'https://news.example/news/news/3', false],
    ['a story dated in the future', 'https://news.example/news/news/4', false],
  ])('%s: %s listed = %s', (_, url, listed) => {
    expect(xml.includes(`<loc>${url}</loc>`)).toBe(listed);
  });

  it('names the publication in Thai with language th and a Bangkok date', () => {
    expect(xml).toContain('<news:name>ข่าวสยาม</news:name><news:language>th</news:language>');
    expect(xml).toContain('<news:publication_date>2026-11-25T18:00:00+07:00</news:publication_date>');
  });

  it('escapes headlines', () => {
    expect(xml).toContain('<news:title>ราคา &lt;ทอง&gt; &amp; &quot;เงิน&quot;</news:title>');
  });
});

describe('shareLinks', () => {
  const links = shareLinks(new URL('https://news.example/news/news/1'), 'ข่าว & เรื่อง');
  it.each([
    ['line', 'https://social-plugins.line.me/lineit/share?url=https%3A%2F%2Fnews.example%2Fnews%2Fnews%2F1'],
    ['facebook', 'https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Fnews%2Fnews%2F1'],
    [
      'x',
      'https://x.com/intent/post?url=https%3A%2F%2Fnews.example%2Fnews%2Fnews%2F1&text=%E0%B8%82%E0%B9%88%E0%B8%B2%E0%B8%A7%20%26%20%E0%B9%80%E0%B8%A3%E0%B8%B7%E0%B9%88%E0%B8%AD%E0%B8%87',
    ],
  ] as const)('%s → %s', (target, url) => {
    expect(links[target]).toBe(url);
  });
});
