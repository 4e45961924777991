import { describe, expect, it } from 'vitest';
import { relatedIndex, relatedStories, type RelatedInput } from '../../src/lib/related';

/** A story in section `section` with `tags`, picking `picks`; ids double as titles. */
const story = (id: string, section: string, tags: string[] = [], picks: string[] = []): RelatedInput => ({
  documentId: id,
  title: id,
  storyNumber: 1,
  excerpt: null,
  firstPublishedAt: null,
  publishedAt: null,
  section: { documentId: section, name: section, slug: section },
  tags: tags.map((slug) => ({ slug })),
  relatedStories: picks.map((documentId) => ({ documentId })),
});

// Newest first, as getStories() returns them.
const all = [
  story('eco-new', 'economy'),
  story('pol-tagged', 'politics', ['budget']),
  story('eco-tagged', 'economy', ['budget']),
  story('world', 'world'),
  story('eco-old', 'economy'),
  story('world-picked', 'world'),
];

describe('relatedStories', () => {
  it.each([
    [
      'picks, then same section with a shared tag, then the section, then other sections sharing a tag',
      story('me', 'economy', ['budget'], ['world-picked']),
      4,
      ['world-picked', 'eco-tagged', 'eco-new', 'eco-old'],
    ],
    [
      'other sections sharing a tag fill up the list',
      story('me', 'economy', ['budget']),
      5,
      ['eco-tagged', 'eco-new', 'eco-old', 'pol-tagged'],
    ],
    ['a pick that is no longer published is skipped', story('me', 'world', [], ['gone']), 4, ['world', 'world-picked']],
    ['never the story itself', all[0]!, 4, ['eco-tagged', 'eco-old']],
    ['the limit holds', story('me', 'economy'), 1, ['eco-new']],
    [
      'a story in the middle: nearest older in its section first, then nearest newer, then a shared tag',
      all[2]!,
      4,
      ['eco-old', 'eco-new', 'pol-tagged'],
    ],
  ])('%s', (_, me, limit, expected) => {
    expect(relatedStories(me, relatedIndex(all), limit).map((s) => s.documentId)).toEqual(expected);
  });
});

describe('relatedStories on a random newsroom', () => {
  /** The definition, written the slow obvious way: every story scored against every other. */
  function naive(me: RelatedInput, all: RelatedInput[], limit: number): string[] {
    const tags = new Set(me.tags.map((t) => t.slug));
    const score = (s: RelatedInput) =>
      (s.section.documentId === me.section.documentId ? 2 : 0) + (s.tags.some((t) => tags.has(t.slug)) ? 1 : 0);
    const mine = all.indexOf(me);
    // Older stories (later in the newest-first list) nearest first, then newer nearest first.
    const nearness = (s: RelatedInput) => {
      const i = all.indexOf(s);
      return i > mine ? i - mine : all.length + (mine - i);
    };
    const picks = me.relatedStories.flatMap((r) => all.filter((s) => s.documentId === r.documentId));
    const rest = all.filter((s) => score(s) > 0).sort((a, b) => score(b) - score(a) || nearness(a) - nearness(b));
    const ids = [...picks, ...rest].map((s) => s.documentId).filter((id) => id !== me.documentId);
    return [...new Set(ids)].slice(0, limit);
  }

  /** 300 stories in 5 sections with up to 2 of 8 tags and a pick, drawn from `seed`. */
  function randomNewsroom(seed: number): RelatedInput[] {
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    return Array.from({ length: 300 }, (_, i) =>
      story(
        `s${i}`,
        `sec${random(5)}`,
        Array.from({ length: random(3) }, () => `tag${random(8)}`),
        Array.from({ length: random(2) }, () => `s${random(320)}`), // some picks are not published
      ),
    );
  }

  it('chooses exactly what the definition chooses, for 300 stories', () => {
    const all = randomNewsroom(42);
    const index = relatedIndex(all);
    for (const me of all) {
      for (const limit of [1, 4, 6]) {
        expect(relatedStories(me, index, limit).map((s) => s.documentId)).toEqual(naive(me, all, limit));
      }
    }
  });

  it('chooses the same from an index of just what a few stories need (the fast publish)', () => {
    const all = randomNewsroom(7);
    for (const start of [0, 37, 150, 296]) {
      const few = all.slice(start, start + 4);
      const index = relatedIndex(all, few);
      expect(index.byId.size).toBeLessThan(all.length);
      for (const me of few) {
        expect(relatedStories(me, index).map((s) => s.documentId)).toEqual(naive(me, all, 4));
      }
    }
  });
});
