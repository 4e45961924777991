import { describe, expect, it } from 'vitest';
import { storyFeed } from '../../src/lib/feed';
import { newsSitemap } from '../../src/lib/news-sitemap';
import { escapeXml, xmlSafe } from '../../src/lib/xml';

/** Any character XML 1.0 forbids (what a strict parser such as a reader's feed app rejects). */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

const now = Date.parse('2026-11-25T12:00:00Z');
const story = (title: string, excerpt: string | null = null) => ({
  documentId: 'doc1',
  title,
  storyNumber: 1,
  excerpt,
  firstPublishedAt: new Date(now - 3_600_000).toISOString(),
  publishedAt: null,
  section: { name: 'ข่าว\u000B', slug: 'news' },
});

describe('xmlSafe', () => {
  it.each([
    ['a vertical tab (Word soft line break) becomes a space', 'น้ำท่วม\u000Bเชียงใหม่', 'น้ำท่วม เชียงใหม่'],
    ['a form feed becomes a space', 'a\u000Cb', 'a b'],
    ['NUL and other C0 controls go', 'a\u0000b\u0001c\u001Fd', 'abcd'],
    ['tab and line breaks stay', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['a lone high surrogate goes', 'a\uD800b', 'ab'],
    ['a lone low surrogate goes', 'a\uDC00b', 'ab'],
    ['a surrogate pair (emoji) stays', 'ข่าว 😀', 'ข่าว 😀'],
    ['U+FFFE and U+FFFF go', 'a\uFFFEb\uFFFF', 'ab'],
    ['Thai text is untouched', 'ราคาทองวันนี้', 'ราคาทองวันนี้'],
  ])('%s', (_, input, expected) => {
    expect(xmlSafe(input)).toBe(expected);
  });

  it('escapeXml also drops forbidden characters', () => {
    expect(escapeXml('<ทอง>\u000B&')).toBe('&lt;ทอง&gt; &amp;');
  });
});

describe('feeds with a control character pasted into a headline', () => {
  it('the RSS feed carries no character XML forbids and keeps the headline', async () => {
    const response = await storyFeed({
      title: 'ข่าวสยาม\u0007',
      description: 'ข่าวล่าสุด',
      site: new URL('https://news.example'),
      stories: [story('น้ำท่วม\u000Bเชียงใหม่', 'คำโปรย\u0001')],
    });
    const xml = await response.text();
    expect(xml).not.toMatch(FORBIDDEN);
    expect(xml).toContain('<item><title>น้ำท่วม เชียงใหม่</title>');
  });

  it('the Google News sitemap carries no character XML forbids', () => {
    const xml = newsSitemap([story('น้ำท่วม\u000Bเชียงใหม่')], new URL('https://news.example'), 'ข่าวสยาม', now);
    expect(xml).not.toMatch(FORBIDDEN);
    expect(xml).toContain('<news:title>น้ำท่วม เชียงใหม่</news:title>');
  });
});
