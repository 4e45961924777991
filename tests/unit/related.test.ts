import { describe, expect, it } from 'vitest';
import { relatedStories, type RelatedInput } from '../../src/lib/related';

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
  ])('%s', (_, me, limit, expected) => {
    expect(relatedStories(me, all, limit).map((s) => s.documentId)).toEqual(expected);
  });
});
