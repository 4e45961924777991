import { describe, expect, it } from 'vitest';
import type { Story } from '../../src/lib/server/content';
import { search } from '../../src/lib/search';
import { searchShardIndex, searchShards, searchShardUrl } from '../../src/lib/search-shards';

/** The fields of a story the search index reads; the rest of a Story does not matter here. */
const story = (storyNumber: number, title: string, body = 'เนื้อหาข่าว') =>
  ({
    documentId: `d${storyNumber}`,
    storyNumber,
    title,
    excerpt: null,
    body,
    firstPublishedAt: new Date(Date.UTC(2026, 10, 1) + storyNumber * 60_000).toISOString(),
    publishedAt: null,
    section: { name: 'ข่าว', slug: 'news' },
    tags: [{ name: 'น้ำท่วม' }],
    authors: [{ name: 'สมชาย ใจดี' }],
  }) as unknown as Story;

const stories = [story(2001, 'ข่าวที่สาม'), story(1500, 'ข่าวที่สอง'), story(7, 'ข่าวแรก'), story(999, 'ข่าวเก่า')];

describe('searchShards', () => {
  it('groups stories by thousands of story numbers, in shard order', () => {
    expect(searchShards(stories).map((s) => [s.id, s.stories.map((x) => x.storyNumber)])).toEqual([
      [0, [7, 999]],
      [1, [1500]],
      [2, [2001]],
    ]);
  });

  it.each([
    ['the headline', (s: Story) => ({ ...s, title: 'พาดหัวใหม่' })],
    ['the body', (s: Story) => ({ ...s, body: 'ย่อหน้าใหม่' })],
    ['a tag name', (s: Story) => ({ ...s, tags: [{ ...s.tags[0]!, name: 'ภัยแล้ง' }] })],
    ['the section name', (s: Story) => ({ ...s, section: { ...s.section, name: 'การเมือง' } })],
  ])('changes only the key of the edited story’s shard when %s changes', (_, edit) => {
    const before = searchShards(stories);
    const after = searchShards(stories.map((s) => (s.storyNumber === 1500 ? edit(s) : s)));
    expect(after.map((s) => s.key !== before[after.indexOf(s)]!.key)).toEqual([false, true, false]);
    expect(searchShardUrl(after[1]!)).not.toBe(searchShardUrl(before[1]!));
    expect(searchShardUrl(after[0]!)).toBe(searchShardUrl(before[0]!));
  });

  it('indexes a shard with Thai dates and finds its stories by body, tag and author', () => {
    const [first] = searchShards([story(7, 'ข่าวแรก', 'ฝนตกหนักในเชียงใหม่'), story(8, 'ข่าวถัดไป')]);
    const index = searchShardIndex(first!);
    expect(index.docs[0]).toMatchObject({ p: '/news/news/7', t: 'ข่าวแรก', s: 'ข่าว', d: '1 พ.ย. 2569 07:07 น.' });
    expect(search(index, 'เชียงใหม่').map((d) => d.p)).toEqual(['/news/news/7']);
    expect(search(index, 'น้ำท่วม')).toHaveLength(2);
    expect(search(index, 'สมชาย')).toHaveLength(2);
  });

  it('versions each shard URL with its key', () => {
    const [shard] = searchShards([story(1, 'ข่าว')]);
    expect(searchShardUrl(shard!)).toBe(`/search-index/0.json?v=${shard!.key.slice(0, 16)}`);
  });
});
