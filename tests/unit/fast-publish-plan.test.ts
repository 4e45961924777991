import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  catalogHead,
  catalogStory,
  FAST_PUBLISH_MAX_STORIES,
  fastPublishCatalog,
  joinCatalog,
  planFastPublish,
  shownStories,
  type FastPublishCatalog,
} from '../../src/lib/server/fast-publish-plan';
import { withPolicyMeta } from '../../server/src/fast-publish';
import { frontPageSelection, LATEST_STORIES } from '../../src/lib/front-page';
import type { Story } from '../../src/lib/server/content';
import { insertStories, sortStories } from '../../src/lib/story';
import { CATALOG_PART_STORIES, catalogPartPaths } from '../../shared/fast-publish-contract';

/** A published story: number n, first published n hours into 2026-11-20 (Bangkok), updated at `updated`. */
function story(
  n: number,
  section = 'economy',
  extra: Partial<{
    isBreaking: boolean;
    cover: boolean;
    tags: string[];
    authors: string[];
    updated: string;
    title: string;
  }> = {},
): Story {
  const published = new Date(Date.UTC(2026, 10, 19, 17 + n)).toISOString();
  return {
    documentId: `doc${n}`,
    title: extra.title ?? `ข่าวที่ ${n}`,
    storyNumber: n,
    excerpt: null,
    body: `เนื้อหาข่าวที่ ${n}`,
    firstPublishedAt: published,
    publishedAt: published,
    updatedAt: extra.updated ?? published,
    isBreaking: extra.isBreaking ?? false,
    cover: extra.cover
      ? {
          id: n,
          image: { id: n, url: `/uploads/${n}.png`, alternativeText: null, width: 800, height: 450 },
          caption: null,
          credit: null,
        }
      : null,
    section: { documentId: `sec-${section}`, name: section, slug: section },
    tags: (extra.tags ?? []).map((slug) => ({ documentId: `tag-${slug}`, slug })),
    authors: (extra.authors ?? []).map((slug) => ({ documentId: `author-${slug}`, slug })),
    relatedStories: [],
    notes: [],
  } as unknown as Story;
}

const frame = {
  global: { siteName: 'ข่าวทดสอบ' },
  sections: [
    { documentId: 'sec-economy', slug: 'economy', name: 'เศรษฐกิจ', description: null },
    { documentId: 'sec-world', slug: 'world', name: 'ต่างประเทศ', description: null },
  ],
  renderedAt: 0,
} as unknown as Parameters<typeof fastPublishCatalog>[2];

/** The catalog of a build that saw `stories`. */
const catalogOf = (stories: Story[]): FastPublishCatalog =>
  fastPublishCatalog(sortStories(stories), [], frame, { tags: [], authors: [] });

describe('the catalog in parts', () => {
  it.each([
    [0, []],
    [1, ['/fast-publish/catalog/0.json']],
    [CATALOG_PART_STORIES, ['/fast-publish/catalog/0.json']],
    [CATALOG_PART_STORIES + 1, ['/fast-publish/catalog/0.json', '/fast-publish/catalog/1.json']],
    [100_064, Array.from({ length: 21 }, (_, part) => `/fast-publish/catalog/${part}.json`)],
  ])('%i stories → %j', (count, paths) => {
    expect(catalogPartPaths(count)).toEqual(paths);
  });

  it('joins its parts, in order, into the catalog a build would have given whole', () => {
    const stories = sortStories([story(1), story(2, 'world'), story(3)]);
    const head = catalogHead(stories.length, [], frame, { tags: [], authors: [] }, new Date(0).toISOString());
    const parts = [stories.slice(0, 2).map(catalogStory), stories.slice(2).map(catalogStory)];
    expect(joinCatalog(head, parts)).toEqual(catalogOf(stories));
  });

  it('refuses parts that do not hold the stories its head counts', () => {
    const head = catalogHead(3, [], frame, { tags: [], authors: [] }, new Date(0).toISOString());
    expect(() => joinCatalog(head, [[catalogStory(story(1))]])).toThrow(/hold 1 stories where its head counts 3/);
  });
});

describe('sortStories', () => {
  it('orders newest first, the higher number first at the same time', () => {
    const same = { ...story(2), storyNumber: 3, documentId: 'doc3-same-time' };
    expect(sortStories([story(1), story(2), same, story(4)]).map((s) => s.documentId)).toEqual([
      'doc4',
      'doc3-same-time',
      'doc2',
      'doc1',
    ]);
  });
});

describe('insertStories', () => {
  const archive = sortStories([story(1), story(3), story(5), story(7)]);
  const sameTime = (n: number, as: number) => ({ ...story(as), storyNumber: n, documentId: `doc${n}-at-${as}` });
  it.each([
    ['a newest story', [story(9)]],
    ['an oldest story', [story(0)]],
    ['stories between, in any order', [story(6), story(2), story(4)]],
    ['stories at the same time as others', [sameTime(10, 5), sameTime(0, 3)]],
    ['nothing', []],
  ])('puts %s where sortStories puts them', (_, added) => {
    expect(insertStories(archive, added).map((s) => s.documentId)).toEqual(
      sortStories([...archive, ...added]).map((s) => s.documentId),
    );
  });
});

describe('frontPageSelection', () => {
  const stories = sortStories([
    story(1, 'world', { cover: true }),
    story(2, 'economy', { isBreaking: true }),
    ...Array.from({ length: 10 }, (_, i) => story(3 + i, 'economy')),
  ]);
  const selection = frontPageSelection(stories, frame.sections);

  it.each([
    ['the lead is the newest story with a picture', selection.lead?.documentId, 'doc1'],
    ['breaking stories, newest first', selection.breaking.map((s) => s.documentId), ['doc2']],
    ['the latest list leaves out the lead', selection.latest.length, LATEST_STORIES],
    ['the latest list starts with the newest', selection.latest[0]?.documentId, 'doc12'],
    ['one block per section in menu order', selection.blocks.map((b) => b.section.slug), ['economy', 'world']],
    ['a block holds four stories', selection.blocks[0]?.stories.length, 4],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    ['the lead is far down', 40, (n: number) => n === 3],
    ['breaking stories are rare', 60, (n: number) => n % 17 === 0],
    ['every story has a picture', 30, () => true],
  ])('chooses as a filter per part would when %s', (_, count, hasCover) => {
    const archive = sortStories(
      Array.from({ length: count }, (_, i) =>
        story(i + 1, i % 3 === 0 ? 'world' : 'economy', { cover: hasCover(i + 1), isBreaking: (i + 1) % 7 === 0 }),
      ),
    );
    const lead = archive.find((s) => s.cover) ?? archive[0];
    const ids = (list: Story[]) => list.map((s) => s.documentId);
    const chosen = frontPageSelection(archive, frame.sections);
    expect({
      lead: chosen.lead?.documentId,
      breaking: ids(chosen.breaking),
      latest: ids(chosen.latest),
      blocks: chosen.blocks.map((block) => ids(block.stories)),
    }).toEqual({
      lead: lead?.documentId,
      breaking: ids(archive.filter((s) => s.isBreaking).slice(0, 3)),
      latest: ids(archive.filter((s) => s !== lead).slice(0, LATEST_STORIES)),
      blocks: frame.sections.map((section) => ids(archive.filter((s) => s.section.slug === section.slug).slice(0, 4))),
    });
  });

  it('leads with the newest story when none has a picture', () => {
    expect(frontPageSelection(sortStories([story(1), story(2)]), frame.sections).lead?.documentId).toBe('doc2');
  });
});

describe('planFastPublish', () => {
  const built = [story(1), story(2, 'world'), story(3)];
  const catalog = catalogOf(built);

  it.each([
    ['nothing changed', [], 3, /no published story changed/],
    [
      'a story was unpublished while one was published',
      [story(4)],
      3,
      /the CMS has 3 published stories, the catalog 4/,
    ],
    [
      'a story moved to another section',
      [{ ...story(2), updatedAt: 'later' }],
      3,
      /story 2 moved from \/news\/world\/2 to \/news\/economy\/2/,
    ],
    [
      'too many stories at once',
      Array.from({ length: FAST_PUBLISH_MAX_STORIES + 1 }, (_, i) => story(10 + i)),
      3 + FAST_PUBLISH_MAX_STORIES + 1,
      /stories changed/,
    ],
  ])('declines when %s', (_, changed, count, reason) => {
    const plan = planFastPublish(catalog, changed, count);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(reason);
  });

  it('puts a new story in, newest first, and renders its page', () => {
    const plan = planFastPublish(catalog, [story(4)], 4);
    expect(plan).toMatchObject({ ok: true, pages: [{ documentId: 'doc4', path: '/news/economy/4' }] });
    if (plan.ok) expect(plan.stories.map((s) => s.documentId)).toEqual(['doc4', 'doc3', 'doc2', 'doc1']);
  });

  it('writes the lists, feeds, sitemaps and search changes a publish makes', () => {
    const plan = planFastPublish(catalog, [story(4, 'economy', { tags: ['flood'] })], 4);
    expect(plan.ok && [...plan.lists.keys()]).toEqual(['/news/economy']);
    expect(plan.ok && plan.files).toEqual([
      '/rss.xml',
      '/news/economy/rss.xml',
      '/news-sitemap.xml',
      '/sitemap-stories-0.xml',
      '/sitemap-index.xml',
      '/search-index/recent.json',
    ]);
  });

  const correction = { id: 1, kind: 'correction', at: '2026-11-20T12:00:00Z', text: 'แก้ไขชื่อ' } as const;
  const update = { id: 2, kind: 'update', at: '2026-11-20T12:00:00Z', text: 'เพิ่มข้อมูล' } as const;
  it.each([
    ['a story without notes', catalog, [{ ...story(3), updatedAt: 'later' }], [], false],
    ['a story given an update', catalog, [{ ...story(3), updatedAt: 'later', notes: [update] }], [], false],
    ['a story given a correction', catalog, [{ ...story(3), updatedAt: 'later', notes: [correction] }], [], true],
    ['a corrected story taken down', catalogOf([story(1), { ...story(3), notes: [correction] }]), [], ['doc3'], true],
  ])('re-renders the corrections page only when a corrected story changes: %s', (_, base, changed, gone, expected) => {
    const plan = planFastPublish(base, changed as Story[], base.stories.length - gone.length, gone);
    expect(plan.ok && plan.corrections).toBe(expected);
  });

  it('takes a story down: off the list the front page is chosen from, its page to answer 404', () => {
    const plan = planFastPublish(catalog, [], 2, ['doc2']);
    expect(plan).toMatchObject({
      ok: true,
      pages: [],
      removed: [{ documentId: 'doc2', path: '/news/world/2' }],
      filesGone: [],
    });
    if (plan.ok) expect(plan.stories.map((s) => s.documentId)).toEqual(['doc3', 'doc1']);
  });

  it('takes a live coverage down with the JSON its readers poll', () => {
    const live = catalogOf([story(1), { ...story(3), liveState: 'live' }]);
    const plan = planFastPublish(live, [], 1, ['doc3']);
    expect(plan).toMatchObject({ ok: true, removed: [{ path: '/news/economy/3' }], filesGone: ['/live/3.json'] });
  });

  it('takes a story down and puts another in within one batch', () => {
    const plan = planFastPublish(catalog, [story(4)], 3, ['doc1']);
    expect(plan).toMatchObject({ ok: true, removed: [{ path: '/news/economy/1' }] });
    if (plan.ok) expect(plan.stories.map((s) => s.documentId)).toEqual(['doc4', 'doc3', 'doc2']);
  });

  it.each([
    ['a takedown the CMS count does not agree with (another story left too)', [], 1, ['doc2'], /published stories/],
    ['a takedown of a story the build never had, and nothing else', [], 3, ['doc99'], /no published story changed/],
  ] as const)('declines %s', (_, changed, count, gone, reason) => {
    const plan = planFastPublish(catalog, [...changed], count, [...gone]);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(reason);
  });

  it("plans against the catalog with the live fast-publish releases' changes applied", () => {
    // A fast-publish release published story 4 in world; it now moves to economy: the full build must redirect.
    const delta = { stories: [catalogStory(story(4, 'world'))], removed: ['doc1'] };
    const seen = applyDelta(catalog, delta);
    expect(seen.stories.map((s) => s.documentId).sort()).toEqual(['doc2', 'doc3', 'doc4']);
    const plan = planFastPublish(seen, [{ ...story(4, 'economy'), updatedAt: 'later' }], 3);
    expect(plan).toMatchObject({ ok: false, reason: 'story 4 moved from /news/world/4 to /news/economy/4' });
    expect(applyDelta(catalog, null)).toBe(catalog);
  });

  it('replaces an updated story where it stands', () => {
    const edited = story(2, 'world', { title: 'พาดหัวใหม่', updated: '2026-11-26T00:00:00.000Z' });
    const plan = planFastPublish(catalog, [edited], 3);
    if (!plan.ok) throw new Error(plan.reason);
    expect(plan.stories.map((s) => s.title)).toEqual(['ข่าวที่ 3', 'พาดหัวใหม่', 'ข่าวที่ 1']);
  });

  it('chooses the front page and related stories a build would, for a table of stories written out here', () => {
    // Hours into the day = publication order; economy comes before world in the menu.
    const archive = [
      story(1, 'world', { cover: true }),
      story(2, 'economy', { isBreaking: true }),
      story(3, 'economy', { tags: ['budget'] }),
      story(4, 'world'),
      story(5, 'economy'),
      story(6, 'economy', { tags: ['budget'], cover: true }),
    ];
    const fresh = story(7, 'economy', { tags: ['budget'], isBreaking: true });
    const plan = planFastPublish(catalogOf(archive), [fresh], 7);
    if (!plan.ok) throw new Error(plan.reason);
    const ids = (list: { documentId: string }[]) => list.map((s) => s.documentId);
    const front = frontPageSelection(plan.stories, frame.sections);
    expect({
      breaking: ids(front.breaking),
      lead: front.lead?.documentId,
      latest: ids(front.latest),
      blocks: front.blocks.map((block) => [block.section.slug, ids(block.stories)]),
      related: ids(plan.related.get('doc7') ?? []),
      pages: plan.pages,
    }).toEqual({
      breaking: ['doc7', 'doc2'],
      lead: 'doc6', // the newest story with a picture
      latest: ['doc7', 'doc5', 'doc4', 'doc3', 'doc2', 'doc1'],
      blocks: [
        ['economy', ['doc7', 'doc6', 'doc5', 'doc3']],
        ['world', ['doc4', 'doc1']],
      ],
      // Same section sharing a tag, nearest first; then the rest of the section.
      related: ['doc6', 'doc3', 'doc5', 'doc2'],
      pages: [{ documentId: 'doc7', path: '/news/economy/7' }],
    });
  });
});

describe('shownStories', () => {
  it('lists every story on the front page and in the related lists, at the version shown', () => {
    const archive = [story(1, 'world'), story(2, 'economy', { tags: ['budget'] }), story(3, 'economy')];
    const fresh = story(4, 'economy', { tags: ['budget'], updated: '2026-11-26T03:00:00.000Z' });
    const plan = planFastPublish(catalogOf(archive), [fresh], 4);
    if (!plan.ok) throw new Error(plan.reason);
    const shown = shownStories(plan, frame.sections);
    expect([...shown.keys()].sort()).toEqual(['doc1', 'doc2', 'doc3', 'doc4']);
    expect(shown.get('doc4')).toBe('2026-11-26T03:00:00.000Z');
  });
});

describe('catalogStory', () => {
  it('keeps what the front page and related lists read, and not the body', () => {
    const entry = catalogStory(story(5, 'economy', { tags: ['budget'], cover: true }));
    expect(entry).not.toHaveProperty('body');
    expect(entry).toMatchObject({ documentId: 'doc5', storyNumber: 5, tags: [{ slug: 'budget' }] });
    expect(entry.cover?.image.url).toBe('/uploads/5.png');
  });
});

describe('withPolicyMeta', () => {
  it.each([
    [
      'puts the policy first in <head>, after the character set, so it covers everything after it',
      '<html><head><meta charset="utf-8"><title>ข่าว</title><script src="/a.js"></script></head><body></body></html>',
      "script-src 'self' 'sha256-abc'",
      `<html><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-abc'"><title>ข่าว</title><script src="/a.js"></script></head><body></body></html>`,
    ],
    [
      'puts it first when there is no character set',
      '<head><title>x</title></head>',
      "default-src 'self'",
      `<head><meta http-equiv="content-security-policy" content="default-src 'self'"><title>x</title></head>`,
    ],
    [
      'escapes quotes and ampersands in the attribute',
      '<head></head>',
      'img-src "x" &',
      '<head><meta http-equiv="content-security-policy" content="img-src &quot;x&quot; &amp;"></head>',
    ],
  ])('%s', (_, html, policy, expected) => {
    expect(withPolicyMeta(html, policy)).toBe(expected);
  });

  it('refuses a page without a head rather than serving it without a policy', () => {
    expect(() => withPolicyMeta('<p>no head</p>', "default-src 'self'")).toThrow(/no <head>/);
  });
});
