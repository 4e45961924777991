import { describe, expect, it } from 'vitest';
import { countWords, excerpt, markdownToText, readingMinutes } from '../../src/lib/thai-text';

const graphemes = (s: string) =>
  [...new Intl.Segmenter('th', { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

describe('countWords', () => {
  it.each([
    ['', 0],
    ['ข่าว', 1],
    ['ฝนตกหนักต่อเนื่อง', 4], // ฝน ตก หนัก ต่อเนื่อง
    ['ราคาข้าว 15,000 บาท', 4],
    ['“อย่ากลัว” เขากล่าว', 4],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('readingMinutes', () => {
  it.each([
    ['สั้น', 1],
    ['ข่าว'.repeat(200), 1],
    ['ข่าว '.repeat(1000), 5],
  ])('%#: %i min', (text, minutes) => {
    expect(readingMinutes(text)).toBe(minutes);
  });
});

describe('excerpt', () => {
  it('keeps a short text whole', () => {
    expect(excerpt('ข่าวสั้น', 20)).toBe('ข่าวสั้น');
  });

  it.each([10, 17, 25, 40, 61])('cuts at a Thai word boundary within %i characters', (max) => {
    const text = 'ฝนตกหนักต่อเนื่องชาวบ้านริมแม่น้ำยมเร่งขนของขึ้นที่สูงก่อนน้ำมาถึงหมู่บ้าน';
    const cut = excerpt(text, max);
    expect(cut.length).toBeLessThanOrEqual(max);
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(text.startsWith(kept)).toBe(true);
    // The cut falls where the segmenter puts a word boundary.
    const boundaries = [...new Intl.Segmenter('th', { granularity: 'word' }).segment(text)].map(
      (s) => s.index + s.segment.length,
    );
    expect(boundaries).toContain(kept.length);
  });

  it('never splits a grapheme cluster, even inside one long word', () => {
    const word = 'กี่'.repeat(30); // consonant + vowel + tone mark, 3 code units each
    for (let max = 2; max < 40; max++) {
      const kept = excerpt(word, max).slice(0, -1);
      expect(graphemes(kept).join('')).toBe(kept);
      expect(kept.length % 3).toBe(0);
    }
  });

  it('ends every cut on a grapheme boundary, for every possible length', () => {
    const body = 'นักวิชาการมองว่าเป็นก้าวที่ดี หากดำเนินการต่อเนื่องและโปร่งใส ผู้ใหญ่บ้านกล่าวว่าจะติดตามผลอย่างใกล้ชิด';
    const ends = new Set(graphemes(body).map((_, i, all) => all.slice(0, i + 1).join('').length));
    for (let max = 2; max < body.length; max++) {
      const kept = excerpt(body, max).slice(0, -1);
      expect(body.startsWith(kept), `max ${max}`).toBe(true);
      expect(kept.length <= max - 1 && (kept.length === 0 || ends.has(kept.length)), `max ${max}: "${kept}"`).toBe(
        true,
      );
    }
  });
});

describe('markdownToText', () => {
  it('drops Markdown syntax and keeps the words', () => {
    expect(markdownToText('## หัวข้อ\n\n**ข่าว** [ที่มา](https://x.example) ![ภาพ](a.png)')).toBe('หัวข้อ ข่าว ที่มา');
  });
});
