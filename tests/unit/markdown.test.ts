import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown';

describe('renderMarkdown', () => {
  it.each([
    ['paragraphs', 'ย่อหน้าแรก\n\nย่อหน้าที่สอง', '<p>ย่อหน้าแรก</p>\n<p>ย่อหน้าที่สอง</p>\n'],
    ['Thai quotes stay as typed', '“อย่ากลัว” เขากล่าว', '<p>“อย่ากลัว” เขากล่าว</p>\n'],
    [
      'emphasis and links',
      '**ด่วน** [ที่มา](https://example.org)',
      '<p><strong>ด่วน</strong> <a href="https://example.org">ที่มา</a></p>\n',
    ],
  ])('renders %s', (_, source, html) => {
    expect(renderMarkdown(source)).toBe(html);
  });

  it.each([
    ['a script tag', '<script>alert(1)</script>', '<script'],
    ['an event handler', '<img src=x onerror="alert(1)">', '<img'],
    ['an iframe', '<iframe src="https://evil.example"></iframe>', '<iframe'],
    ['a javascript: link', '[คลิก](javascript:alert(1))', 'href="javascript:'],
    ['a data: link', '[คลิก](data:text/html;base64,PHNjcmlwdD4=)', 'href="data:'],
  ])('never yields executable HTML from %s', (_, source, forbidden) => {
    expect(renderMarkdown(source)).not.toContain(forbidden);
  });

  it('turns a post URL alone on a line into a click-to-load facade, with no frame yet', () => {
    const html = renderMarkdown('ย่อหน้าแรก\n\nhttps://youtu.be/dQw4w9WgXcQ แถลงข่าว <b>เต็ม</b>\n\nย่อหน้าสุดท้าย');
    expect(html).toContain('data-embed-frame="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"');
    expect(html).toContain('<p class="embed-title">แถลงข่าว &lt;b&gt;เต็ม&lt;/b&gt;</p>');
    expect(html).toContain(
      '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener noreferrer">เปิดดูบน YouTube</a>',
    );
    expect(html).toContain('>แตะเพื่อเล่น</button>');
    expect(html).not.toMatch(/<iframe|<img|<script/);
    expect(html.startsWith('<p>ย่อหน้าแรก</p>')).toBe(true);
    expect(html).toContain('<p>ย่อหน้าสุดท้าย</p>');
  });

  it.each([
    ['an X post', 'https://x.com/ThaiPBS/status/123', 'แตะเพื่อดูโพสต์', 'โพสต์จาก X'],
    ['a TikTok video', 'https://www.tiktok.com/@thairath/video/7300000000000000000', 'แตะเพื่อเล่น', 'คลิปจาก TikTok'],
  ])('names %s by its platform when the editor gave no title', (_, url, label, title) => {
    const html = renderMarkdown(url);
    expect(html).toContain(`>${label}</button>`);
    expect(html).toContain(`<p class="embed-title">${title}</p>`);
  });

  it.each([
    [
      'an unsupported site',
      'https://example.org/news/1',
      '<p><a href="https://example.org/news/1">https://example.org/news/1</a></p>\n',
    ],
    [
      'a YouTube URL that is not a clip',
      'https://www.youtube.com/@ThaiPBS',
      '<p><a href="https://www.youtube.com/@ThaiPBS">https://www.youtube.com/@ThaiPBS</a></p>\n',
    ],
    [
      'a post URL inside a paragraph',
      'ดูคลิป\nhttps://youtu.be/dQw4w9WgXcQ',
      '<p>ดูคลิป\n<a href="https://youtu.be/dQw4w9WgXcQ">https://youtu.be/dQw4w9WgXcQ</a></p>\n',
    ],
  ])('leaves %s a plain link', (_, source, html) => {
    expect(renderMarkdown(source)).toBe(html);
  });
});
