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
});
