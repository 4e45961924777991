import { describe, expect, it } from 'vitest';
import { archivePageOfOldPage, archivePath } from '../../shared/list-archive.ts';
import { paginateStories, storyLists } from '../../src/lib/listing';

/** `n` stories, newest first: story `n` is the newest, story 1 the oldest. */
const stories = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('paginateStories', () => {
  it.each([
    // stories, page size, [path, first and last story shown] of each page, newest first
    [0, 20, [['/tag/flood', []]]],
    [1, 20, [['/tag/flood', [1, 1]]]],
    [
      20,
      20,
      [
        ['/tag/flood', [20, 1]],
        ['/tag/flood/archive/1', [20, 1]],
      ],
    ],
    [
      45,
      20,
      [
        ['/tag/flood', [45, 26]],
        ['/tag/flood/archive/2', [40, 21]],
        ['/tag/flood/archive/1', [20, 1]],
      ],
    ],
  ])('%i stories by %i', (count, size, expected) => {
    const pages = paginateStories('/tag/flood', stories(count), size);
    const shown = pages.map((p) => [p.path, p.stories.length > 0 ? [p.stories[0], p.stories.at(-1)] : []]);
    expect(shown).toEqual(expected);
  });

  it('keeps every archive page as it was when a story is published', () => {
    const before = paginateStories('/news/politics', stories(59), 20);
    const after = paginateStories('/news/politics', stories(60), 20);
    const archive = (pages: typeof before) => pages.filter((p) => p.number !== null).map((p) => [p.path, p.stories]);
    // The 60th story fills archive page 3: a page is added, none changes.
    expect(archive(after).slice(1)).toEqual(archive(before));
    expect(archive(after)[0]).toEqual(['/news/politics/archive/3', stories(60).slice(0, 20)]);
    expect(after[0]!.stories).not.toEqual(before[0]!.stories);
  });

  it('links each page to the next newer and older ones', () => {
    const links = (count: number) =>
      paginateStories('/news/politics', stories(count), 20).map((p) => [p.path, p.newer, p.older]);
    expect(links(45)).toEqual([
      ['/news/politics', null, '/news/politics/archive/2'],
      ['/news/politics/archive/2', '/news/politics', '/news/politics/archive/1'],
      ['/news/politics/archive/1', '/news/politics/archive/2', null],
    ]);
    // The list's own page shows exactly archive page 2: it continues on page 1.
    expect(links(40)[0]).toEqual(['/news/politics', null, '/news/politics/archive/1']);
    expect(links(20)[0]).toEqual(['/news/politics', null, null]);
  });

  it('numbers archive pages from the oldest', () => {
    const pages = paginateStories('/author/kanya-srisuk', stories(45), 20);
    expect(pages.map((p) => p.number)).toEqual([null, 2, 1]);
    expect(archivePath('/author/kanya-srisuk', 4)).toBe('/author/kanya-srisuk/archive/4');
  });
});

describe('archivePageOfOldPage', () => {
  it.each([
    // old page n of a list of `count`: its first story is story count − (n − 1) × 20
    [2, 45, '/tag/flood/archive/2'], // story 25
    [3, 45, '/tag/flood/archive/1'], // story 5
    [4, 45, '/tag/flood'], // no such page then
    [2, 30, '/tag/flood/archive/1'], // story 10
    [2, 21, '/tag/flood/archive/1'], // story 1
    [2, 39, '/tag/flood/archive/1'], // story 19
  ])('old page %i of %i stories → %s', (oldPage, count, target) => {
    expect(archivePageOfOldPage('/tag/flood', oldPage, count, 20)).toBe(target);
  });

  it('sends every old page to a page holding its first story', () => {
    for (const count of [21, 40, 41, 99, 100]) {
      const pages = paginateStories('/tag/flood', stories(count), 20);
      for (let oldPage = 2; (oldPage - 1) * 20 < count; oldPage++) {
        const first = stories(count)[(oldPage - 1) * 20];
        const target = pages.find((p) => p.path === archivePageOfOldPage('/tag/flood', oldPage, count, 20));
        expect(target?.stories, `${oldPage} of ${count}`).toContain(first);
      }
    }
  });
});

describe('storyLists', () => {
  const ref = (documentId: string) => ({ documentId });
  const listed = [
    { documentId: 's1', section: ref('news'), tags: [ref('flood')], authors: [ref('kanya')] },
    { documentId: 's2', section: ref('sports'), tags: [], authors: [ref('kanya')] },
    { documentId: 's3', section: ref('news'), tags: [ref('flood'), ref('flood')], authors: [] },
  ];
  const lists = storyLists(
    listed,
    [
      { documentId: 'news', slug: 'news', name: 'ข่าว', description: null },
      { documentId: 'sports', slug: 'sports', name: 'กีฬา', description: 'ผลการแข่งขัน' },
    ],
    [{ documentId: 'flood', slug: 'flood', name: 'น้ำท่วม' }],
    [
      { documentId: 'kanya', slug: 'kanya-srisuk', name: 'กัญญา ศรีสุข', bio: null },
      { documentId: 'nobody', slug: 'nobody', name: 'ไม่มีข่าว', bio: null },
    ],
  );

  // s3 names its tag twice (as an editor may): it is still listed once.
  it.each([
    ['/news/news', ['s1', 's3'], false],
    ['/news/sports', ['s2'], false],
    ['/tag/flood', ['s1', 's3'], true],
    ['/author/kanya-srisuk', ['s1', 's2'], true],
    ['/author/nobody', [], true],
  ])('%s lists %j, naming sections: %s', (base, ids, showSection) => {
    const list = lists.find((l) => l.base === base);
    expect(list?.stories.map((s) => s.documentId)).toEqual(ids);
    expect(list?.showSection).toBe(showSection);
  });

  it('has one list per section, tag and author, with Thai headings', () => {
    expect(lists.map((l) => l.heading)).toEqual([
      'ข่าว',
      'กีฬา',
      expect.stringContaining('น้ำท่วม'),
      expect.stringContaining('กัญญา ศรีสุข'),
      expect.stringContaining('ไม่มีข่าว'),
    ]);
  });
});
