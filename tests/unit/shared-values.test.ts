import { describe, expect, it } from 'vitest';
import { valueSharer } from '../../src/lib/server/cms/shared-values';

const section = (slug: string) => ({ documentId: `section-${slug}`, name: slug, slug });
const story = (n: number, fields: Record<string, unknown>): Record<string, unknown> => ({
  documentId: `story-${n}`,
  title: `t${n}`,
  ...fields,
});

describe('valueSharer', () => {
  it.each([
    {
      what: 'empty lists, whichever field they are in',
      entries: [story(1, { tags: [], notes: [] }), story(2, { tags: [], gallery: [] })],
      shared: [
        [0, 'tags', 1, 'tags'],
        [0, 'notes', 1, 'gallery'],
      ],
      distinct: [],
    },
    {
      what: 'identical relations, alone or in lists',
      entries: [
        story(1, { section: section('sports'), tags: [section('a'), section('b')] }),
        story(2, { section: section('sports'), tags: [section('b')] }),
      ],
      shared: [[0, 'section', 1, 'section']],
      distinct: [],
    },
    {
      what: 'not relations that differ in any field',
      entries: [
        story(1, { section: section('sports') }),
        story(2, { section: { ...section('sports'), name: 'renamed' } }),
      ],
      shared: [],
      distinct: [[0, 'section', 1, 'section']],
    },
    {
      what: 'not objects without a documentId (a cover is each story’s own)',
      entries: [
        story(1, { cover: { caption: 'c', image: { url: '/uploads/a.png' } } }),
        story(2, { cover: { caption: 'c', image: { url: '/uploads/a.png' } } }),
      ],
      shared: [],
      distinct: [[0, 'cover', 1, 'cover']],
    },
  ] as {
    what: string;
    entries: Record<string, unknown>[];
    shared: [number, string, number, string][];
    distinct: [number, string, number, string][];
  }[])('shares $what, and keeps every value equal', ({ entries, shared, distinct }) => {
    const before = structuredClone(entries);
    const share = valueSharer();
    const after = entries.map((entry) => share(entry));
    expect(after).toEqual(before);
    for (const [a, fieldA, b, fieldB] of shared) expect(after[a]![fieldA]).toBe(after[b]![fieldB]);
    for (const [a, fieldA, b, fieldB] of distinct) expect(after[a]![fieldA]).not.toBe(after[b]![fieldB]);
  });

  it('shares the items of a list one by one', () => {
    const share = valueSharer();
    const [first, second] = [
      share(story(1, { tags: [section('a'), section('b')] })),
      share(story(2, { tags: [section('b'), section('c')] })),
    ] as { tags: unknown[] }[];
    expect(second!.tags[0]).toBe(first!.tags[1]);
    expect(second!.tags[1]).not.toBe(first!.tags[0]);
  });

  it('freezes what it shares, so a change meant for one story throws instead of reaching all', () => {
    const share = valueSharer();
    const entry = share(story(1, { tags: [], section: section('sports') })) as {
      tags: unknown[];
      section: { name: string };
    };
    expect(() => entry.tags.push('x')).toThrow(TypeError);
    expect(() => {
      entry.section.name = 'x';
    }).toThrow(TypeError);
  });

  it('keeps a sync’s values to itself: another sharer shares nothing with it', () => {
    const a = valueSharer()(story(1, { section: section('sports') }));
    const b = valueSharer()(story(2, { section: section('sports') }));
    expect(a.section).not.toBe(b.section);
  });
});
