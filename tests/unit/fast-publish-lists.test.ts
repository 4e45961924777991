import { describe, expect, it } from 'vitest';
import { changedListPages, type ListedStory, type ListRecords } from '../../src/lib/server/fast-publish-lists';

/** Story n of the economy section, first published n hours into 2026-11-20 (UTC), with `tags`. */
function story(n: number, tags: string[] = [], title = `ข่าวที่ ${n}`): ListedStory {
  const published = new Date(Date.UTC(2026, 10, 20, n)).toISOString();
  return {
    documentId: `doc${n}`,
    title,
    storyNumber: n,
    excerpt: null,
    firstPublishedAt: published,
    publishedAt: published,
    section: { documentId: 'sec-economy', name: 'เศรษฐกิจ', slug: 'economy' },
    tags: tags.map((slug) => ({ documentId: `tag-${slug}` })),
    authors: [],
  };
}

/** Stories 1 to n, newest first (as the catalog holds them). */
const upTo = (n: number) => Array.from({ length: n }, (_, i) => story(n - i));
const without = (stories: ListedStory[], n: number) => stories.filter((s) => s.storyNumber !== n);

const records: ListRecords = {
  sections: [
    { documentId: 'sec-economy', slug: 'economy', name: 'เศรษฐกิจ', description: null },
    { documentId: 'sec-world', slug: 'world', name: 'ต่างประเทศ', description: null },
  ],
  tags: [{ documentId: 'tag-flood', slug: 'flood', name: 'น้ำท่วม' }],
  authors: [],
};

const own = '/news/economy';
const archive = (n: number) => `/news/economy/archive/${n}`;

describe('changedListPages', () => {
  it.each([
    // What the batch does, the stories before and after it, the stories it touched (their versions
    // before and after), and the pages a full build would render differently, own page first.
    ['a publish into a list of 45: its own page only', upTo(45), upTo(46), [story(46)], [own], [], false],
    [
      'the 40th story: a new archive page, and the link to it from the one before',
      upTo(39),
      upTo(40),
      [story(40)],
      [own, archive(2), archive(1)],
      [],
      true,
    ],
    [
      'a takedown far back: every archive page from its own up shifts; the own page shows the same 20',
      upTo(45),
      without(upTo(45), 5),
      [story(5)],
      [archive(2), archive(1)],
      [],
      false,
    ],
    [
      'a takedown that empties the newest archive page: it is gone',
      upTo(40),
      upTo(39),
      [story(40)],
      [own, archive(1)],
      [archive(2)],
      true,
    ],
    [
      'a changed headline on archive page 1: that page only',
      upTo(45),
      upTo(45).map((s) => (s.storyNumber === 10 ? story(10, [], 'พาดหัวใหม่') : s)),
      [story(10), story(10, [], 'พาดหัวใหม่')],
      [archive(1)],
      [],
      false,
    ],
    [
      'an edit that leaves the teaser as it was (the body): no list page',
      upTo(45),
      upTo(45).map((s) => (s.storyNumber === 10 ? { ...story(10) } : s)),
      [story(10), story(10)],
      [],
      [],
      false,
    ],
    [
      'a story tagged on publish: its section and its tag',
      upTo(3),
      [story(4, ['flood']), ...upTo(3)],
      [story(4, ['flood'])],
      [own, '/tag/flood'],
      [],
      false,
    ],
    [
      'a tag taken off: the tag page loses it, the section page is as before',
      [story(4, ['flood']), ...upTo(3)],
      upTo(4),
      [story(4, ['flood']), story(4)],
      ['/tag/flood'],
      [],
      false,
    ],
  ])('%s', (_, before, after, touched, pages, gone, pageSetChanged) => {
    const changes = changedListPages(before, after, touched, records, 100);
    expect(changes.pages.map((render) => render.page.path)).toEqual(pages);
    expect(changes.gone).toEqual(gone);
    expect(changes.pageSetChanged).toBe(pageSetChanged);
    expect(changes.left).toBe(0);
  });

  it('renders what the full build would: the pages hold the stories after the batch', () => {
    const { pages } = changedListPages(upTo(45), without(upTo(45), 5), [story(5)], records, 100);
    const archiveOne = pages.find((render) => render.page.path === archive(1))!;
    // Archive page 1 holds the oldest 20 left: 1–4 and 6–21, newest first.
    expect(archiveOne.page.stories.map((s) => s.storyNumber)).toEqual([
      21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 4, 3, 2, 1,
    ]);
    expect(archiveOne.list).toMatchObject({ base: own, heading: 'เศรษฐกิจ', showSection: false });
  });

  it('writes at most `limit` pages, own pages first, and counts those left to the full build', () => {
    const changes = changedListPages(upTo(39), upTo(40), [story(40)], records, 1);
    expect(changes.pages.map((render) => render.page.path)).toEqual([own]);
    expect(changes.left).toBe(2);
  });

  it('leaves lists the batch did not touch alone', () => {
    const world = { ...story(50), section: { documentId: 'sec-world', name: 'ต่างประเทศ', slug: 'world' } };
    const changes = changedListPages(upTo(45), [world, ...upTo(45)], [world], records, 100);
    expect(changes.pages.map((render) => render.page.path)).toEqual(['/news/world']);
  });
});
