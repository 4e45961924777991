import { describe, expect, it } from 'vitest';
import { pagePath, paginateStories, storyLists } from '../../src/lib/listing';

const stories = (n: number) => Array.from({ length: n }, (_, i) => ({ documentId: `d${i}` }));

describe('paginateStories', () => {
  it.each([
    // stories, page size, pages, sizes
    [0, 20, 1, [0]],
    [1, 20, 1, [1]],
    [20, 20, 1, [20]],
    [21, 20, 2, [20, 1]],
    [45, 20, 3, [20, 20, 5]],
  ])('%i stories by %i → %i page(s)', (count, size, pages, sizes) => {
    const result = paginateStories('/tag/flood', stories(count), size);
    expect(result).toHaveLength(pages);
    expect(result.map((p) => p.stories.length)).toEqual(sizes);
    expect(result.every((p) => p.total === pages)).toBe(true);
  });

  it('gives stable paths with previous and next links', () => {
    const [first, second, third] = paginateStories('/news/politics', stories(45), 20);
    expect([first!.path, second!.path, third!.path]).toEqual([
      '/news/politics',
      '/news/politics/page/2',
      '/news/politics/page/3',
    ]);
    expect([first!.prev, first!.next]).toEqual([null, '/news/politics/page/2']);
    expect([third!.prev, third!.next]).toEqual(['/news/politics/page/2', null]);
    expect(second!.stories[0]).toEqual({ documentId: 'd20' });
  });

  it.each([
    ['/author/kanya-srisuk', 1, '/author/kanya-srisuk'],
    ['/author/kanya-srisuk', 4, '/author/kanya-srisuk/page/4'],
  ])('pagePath(%s, %i) = %s', (base, n, path) => {
    expect(pagePath(base, n)).toBe(path);
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
