import { describe, expect, it } from 'vitest';
import type { CmsClient } from '../../src/lib/server/cms/client';
import { CmsValidationError } from '../../src/lib/server/cms/errors';
import { liveSiteFrame } from '../../src/lib/server/cms/live-site-frame';
import { sortSections } from '../../src/lib/story';

const AT = '2026-11-26T03:00:00.000Z';
const entry = (documentId: string) => ({ id: 1, documentId, createdAt: AT, updatedAt: AT, publishedAt: AT });
const section = (documentId: string, name: string, order: number) => ({
  ...entry(documentId),
  name,
  slug: documentId,
  order,
  description: null,
});
const global = {
  ...entry('g1'),
  siteName: 'ข่าวทดสอบ',
  tagline: null,
  footerGroups: [{ id: 1, title: 'เกี่ยวกับเรา', links: [{ id: 1, label: 'ติดต่อ', url: '/contact' }] }],
  appLinks: [],
  socialAccounts: [{ id: 1, platform: 'line', url: 'https://line.me/ti/p/example' }],
};

/** A CMS client answering with `single` for the Global type and `sections` for categories. */
function client(single: unknown, sections: unknown[]): CmsClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    findSingle: (contentType) => (asked.push(contentType), Promise.resolve(single)),
    findAll: (contentType) => (asked.push(contentType), Promise.resolve(sections)),
    count: () => Promise.reject(new Error('not used')),
    findDraft: () => Promise.reject(new Error('not used')),
  };
}

describe('sortSections', () => {
  it.each([
    [
      'editor order first',
      [
        ['b', 'กีฬา', 2],
        ['a', 'การเมือง', 1],
      ],
      ['a', 'b'],
    ],
    [
      'Thai alphabetical order on equal order',
      [
        ['b', 'เศรษฐกิจ', 0],
        ['a', 'กีฬา', 0],
        ['c', 'ข่าว', 0],
      ],
      ['a', 'c', 'b'],
    ],
    ['no sections', [], []],
  ] as [string, [string, string, number][], string[]][])('%s', (_, given, expected) => {
    const sorted = sortSections(given.map(([id, name, order]) => section(id, name, order)));
    expect(sorted.map((s) => s.documentId)).toEqual(expected);
  });
});

describe('liveSiteFrame (the draft preview reads header and footer from the CMS)', () => {
  it('returns the validated Global settings and the sections in menu order', async () => {
    const cms = client(global, [section('sport', 'กีฬา', 2), section('news', 'ข่าว', 1)]);
    const frame = await liveSiteFrame(cms);
    expect(cms.asked.sort()).toEqual(['categories', 'global']);
    expect(frame.global.siteName).toBe('ข่าวทดสอบ');
    expect(frame.sections.map((s) => s.slug)).toEqual(['news', 'sport']);
    expect(frame.renderedAt).toBeGreaterThan(0);
  });

  it('says so when the Global single type was never published', async () => {
    await expect(liveSiteFrame(client(null, []))).rejects.toThrow(/Global single type .* no published entry/);
  });

  it('names the entry and field of an invalid section', async () => {
    const broken = { ...section('sport', 'กีฬา', 1), slug: 'กีฬา' };
    const failure = liveSiteFrame(client(global, [broken]));
    await expect(failure).rejects.toBeInstanceOf(CmsValidationError);
    await expect(failure).rejects.toThrow(/categories.*sport.*slug/s);
  });
});
