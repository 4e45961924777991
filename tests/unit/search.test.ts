import { describe, expect, it } from 'vitest';
import {
  buildSearchFiles,
  compoundHalves,
  compoundLetters,
  decodePostings,
  eachFileOnce,
  docChunkOf,
  encodePostings,
  expansions,
  indexedStory,
  findStories,
  letterOf,
  fitRecentChanges,
  mergeRecentChanges,
  NO_RECENT_CHANGES,
  recentChangesOf,
  recentStory,
  resultDocs,
  searchBucketCount,
  searchIndexPath,
  termBucket,
  words,
  type RecentChanges,
  type SearchDoc,
  type SearchFiles,
} from '../../src/lib/search';

const doc = (p: string, t: string): SearchDoc => ({ p, t, s: 'ข่าว', d: '1 ม.ค. 2569 08:00 น.', e: null });

// Original sample texts; Thai runs without spaces, as in real stories.
const files = buildSearchFiles([
  indexedStory(3, doc('/news/news/3', 'ฝนตกหนักทั่วกรุงเทพมหานคร'), 'กรมอุตุนิยมวิทยาเตือนประชาชนเตรียมรับมือน้ำท่วมขังในหลายเขต'),
  indexedStory(2, doc('/news/economy/2', 'ตลาดหุ้นไทยปิดบวก'), 'นักลงทุนต่างชาติซื้อสุทธิ ขณะที่ราคาทองคำทรงตัว'),
  indexedStory(
    1,
    doc('/news/sports/1', 'ทีมชาติไทยชนะเวียดนาม'),
    'แฟนฟุตบอลเฉลิมฉลองที่กรุงเทพมหานคร หลังเกมจบลง Bangkok FC ราคาตั๋วตก งานหนักของโค้ช',
  ),
]);

/** Serves the index files as the site does (with `recent`, the fast publishes' changes), recording what a query fetched. */
function served(index: SearchFiles, recent?: RecentChanges) {
  const fetched: string[] = [];
  const byPath = new Map<string, unknown>(recent ? [[searchIndexPath.recent, recent]] : []);
  for (const [letter, list] of index.wordLists) byPath.set(searchIndexPath.words(letter), list);
  for (const [b, bucket] of index.buckets) byPath.set(searchIndexPath.bucket(b), bucket);
  for (const [c, chunk] of index.chunks) byPath.set(searchIndexPath.chunk(c), chunk);
  const fetchFile = (path: string) => {
    fetched.push(path);
    return Promise.resolve(byPath.get(path) ?? null);
  };
  return { fetchFile, fetched };
}

/** What a reader's search shows, as the search page runs it. */
async function search(query: string, index = files, fetchFile = served(index).fetchFile) {
  return resultDocs(await findStories(query, fetchFile, index.bucketCount), fetchFile);
}

const paths = async (query: string, index = files) => (await search(query, index)).map((d) => d.p);

describe('words', () => {
  it.each([
    ['ประชาชนไทย', ['ประชาชน', 'ไทย']],
    ['ตลาดหุ้น ไทย', ['ตลาด', 'หุ้น', 'ไทย']],
    ['Bangkok FC 2569', ['bangkok', 'fc', '2569']],
    ['  , . ! ', []],
    ['ไทย ไทย ไทย', ['ไทย']],
  ])('%j → %j', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

describe('searchIndex', () => {
  it.each([
    ['a Thai word from a body', 'น้ำท่วม', ['/news/news/3']],
    ['a word from a headline', 'หุ้น', ['/news/economy/2']],
    ['a word in two stories, headline match first', 'กรุงเทพมหานคร', ['/news/news/3', '/news/sports/1']],
    ['headline matches, newest first', 'ไทย', ['/news/economy/2', '/news/sports/1']],
    ['several words must all match', 'ทองคำ นักลงทุน', ['/news/economy/2']],
    ['words that never meet find nothing', 'ทองคำ ฟุตบอล', []],
    ['a half-typed word matches as a prefix', 'เวียด', ['/news/sports/1']],
    ['a word the dictionary kept inside a longer one, in a headline', 'หนัก', ['/news/news/3', '/news/sports/1']],
    ['Latin text, any case', 'bangkok', ['/news/sports/1']],
    ['Latin text, upper case', 'BANGKOK', ['/news/sports/1']],
    ['an unknown word', 'ภูเขาไฟ', []],
    ['a word that names an Object property', 'constructor', []],
    ['an empty query', '   ', []],
  ])('%s: %s', async (_, query, expected) => {
    expect(await paths(query)).toEqual(expected);
  });

  it('fetches one bucket per indexed word, the recent changes and the chunks of the results, not the word list', async () => {
    const { fetchFile, fetched } = served(files);
    await search('ทองคำ นักลงทุน', files, fetchFile);
    const buckets = new Set(words('ทองคำ นักลงทุน').map((word) => termBucket(word, files.bucketCount)));
    expect([...new Set(fetched)].sort()).toEqual(
      [
        ...[...buckets].map(searchIndexPath.bucket),
        searchIndexPath.recent,
        searchIndexPath.chunk(docChunkOf(2)),
      ].sort(),
    );
  });

  it('asks for each file once through eachFileOnce, as the search page does', async () => {
    const { fetchFile, fetched } = served(files);
    const once = eachFileOnce(fetchFile);
    const found = await findStories('ไทย', once, files.bucketCount);
    await resultDocs(found, once);
    await resultDocs(found, once);
    expect(fetched).toEqual([...new Set(fetched)]);
    expect(fetched).toContain(searchIndexPath.recent);
  });

  it('fetches the word list of its first letter only for a word that is not indexed', async () => {
    const { fetchFile, fetched } = served(files);
    await search('เวียด', files, fetchFile);
    expect(fetched.filter((path) => path.startsWith('/search-index/w/'))).toEqual([
      searchIndexPath.words(letterOf('เวียด')),
    ]);
  });

  it('shows the results a page at a time, in rank order', async () => {
    const found = await findStories('ไทย', served(files).fetchFile, files.bucketCount);
    expect(found).toEqual([2, 1]);
    expect((await resultDocs(found.slice(1), served(files).fetchFile)).map((d) => d.p)).toEqual(['/news/sports/1']);
  });

  it('leaves out a result whose chunk no longer has it', async () => {
    const stale: SearchFiles = { ...files, chunks: new Map() };
    expect(await paths('ไทย', stale)).toEqual([]);
  });

  it('treats a missing bucket as no match', async () => {
    const empty: SearchFiles = { bucketCount: 64, buckets: new Map(), chunks: new Map(), wordLists: new Map() };
    expect(await paths('ไทย', empty)).toEqual([]);
  });
});

describe('buildSearchFiles', () => {
  it('writes every bucket, each word in the bucket its hash names', () => {
    expect(files.buckets.size).toBe(files.bucketCount);
    for (const [b, bucket] of files.buckets) {
      for (const term of Object.keys(bucket)) expect(termBucket(term, files.bucketCount)).toBe(b);
    }
  });

  it('lists a word once per story, highest story first, the headline flagged', () => {
    const bucket = files.buckets.get(termBucket('ไทย', files.bucketCount)) ?? {};
    expect(decodePostings(bucket['ไทย'] ?? [])).toEqual([2 * 2 + 1, 1 * 2 + 1]);
    const body = files.buckets.get(termBucket('กรุงเทพมหานคร', files.bucketCount)) ?? {};
    expect(decodePostings(body['กรุงเทพมหานคร'] ?? [])).toEqual([3 * 2 + 1, 1 * 2]);
  });

  it('puts each story in the chunk of its number', () => {
    expect(files.chunks.get(docChunkOf(3))?.['3']?.p).toBe('/news/news/3');
    expect(docChunkOf(25)).toBe(0);
    expect(docChunkOf(26)).toBe(1);
  });

  it('lists every word once, sorted, in the list of its first letter', () => {
    for (const [letter, list] of files.wordLists) {
      expect(list).toEqual([...new Set(list)].sort());
      for (const word of list) expect(letterOf(word)).toBe(letter);
    }
    expect(files.wordLists.get(letterOf('เวียดนาม'))).toContain('เวียดนาม');
  });

  it('indexes a compound the dictionary kept whole under its halves too, the headline flag kept', () => {
    const bucket = files.buckets.get(termBucket('หนัก', files.bucketCount)) ?? {};
    // Story 3 has ตกหนัก in its headline; story 1 has หนัก on its own in its text.
    expect(decodePostings(bucket['หนัก'] ?? [])).toEqual([3 * 2 + 1, 1 * 2]);
  });
});

describe('postings', () => {
  it.each([
    [[], []],
    [[9], [9]],
    [
      [2001, 2000, 1999, 7],
      [2001, 1, 1, 1992],
    ],
  ])('%j ↔ %j', (values, deltas) => {
    expect(encodePostings(values)).toEqual(deltas);
    expect(decodePostings(deltas)).toEqual(values);
  });
});

describe('termBucket', () => {
  it.each(['ไทย', 'น้ำท่วม', 'bangkok', ''])('puts %j in a bucket in range, the same each time', (term) => {
    const b = termBucket(term, 1024);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(1024);
    expect(termBucket(term, 1024)).toBe(b);
  });

  it('spreads words evenly', () => {
    const counts = new Array<number>(64).fill(0);
    for (let i = 0; i < 6400; i++) counts[termBucket(`คำ${i}`, 64)]!++;
    expect(Math.max(...counts)).toBeLessThan(150);
  });
});

describe('searchBucketCount', () => {
  it.each([
    [0, 64],
    [70, 64],
    [10_000, 1024],
    [100_000, 8192],
    [1_000_000, 65_536],
  ])('%i stories → %i buckets', (stories, buckets) => {
    expect(searchBucketCount(stories)).toBe(buckets);
  });
});

describe('expansions', () => {
  it.each([
    ['words that begin with it, shortest first', ['หนักแน่น', 'หนัก1', 'ตกหนัก', 'หนัก'], 'หนัก', ['หนัก1', 'หนักแน่น']],
    ['none', ['ไทย'], 'ลาว', []],
  ])('%s', (_, list, word, expected) => {
    expect(expansions(list, word)).toEqual(expected);
  });
});

describe('compoundHalves', () => {
  const archive = new Set(['ตก', 'หนัก', 'นัก', 'ba', 'ngkok']);
  it.each([
    ['two words the archive has', 'ตกหนัก', ['ตก', 'หนัก']],
    ['a fragment is no half', 'ตกหนักมาก', []],
    ['one word', 'ไทย', []],
    ['Latin is cut by spaces, not by the dictionary', 'bangkok', []],
  ])('%s: %s → %j', (_, word, halves) => {
    expect(compoundHalves(word, (text) => archive.has(text))).toEqual(halves);
  });
});

describe('recent changes (fast publishes since the build)', () => {
  /** The archive's words, as the build's word lists hold them. */
  const archive = new Set([...files.wordLists.values()].flat());
  const isWord = (text: string) => archive.has(text);
  const recent = (stories: [number, SearchDoc, string][], removed: number[] = []): RecentChanges =>
    recentChangesOf(
      stories.map(([n, d, text]) => indexedStory(n, d, text)),
      removed,
      isWord,
    );
  const changes = recent(
    [
      // A story published after the build.
      [4, doc('/news/news/4', 'ภูเขาไฟระเบิดที่อินโดนีเซีย'), 'ฝนตกหนักตามมา ชาวบ้านอพยพจาก Jakarta'],
      // Story 2 as edited since: its headline and text no longer speak of shares.
      [2, doc('/news/economy/2', 'ราคาทองคำพุ่งสูง'), 'นักลงทุนหันมาถือทองคำ'],
    ],
    // Story 1 taken down.
    [1],
  );
  const pathsNow = async (query: string) =>
    (await search(query, files, served(files, changes).fetchFile)).map((d) => d.p);

  it.each([
    ['a word only the new story has', 'ภูเขาไฟ', ['/news/news/4']],
    ["a half of the new story's compound, a word of the archive", 'หนัก', ['/news/news/3', '/news/news/4']],
    ['a half-typed word of the new story', 'jakar', ['/news/news/4']],
    ['a word the edited story no longer has', 'หุ้น', []],
    ['a word the edited story now has, in its headline', 'ทองคำ', ['/news/economy/2']],
    ['a word only the story taken down had', 'เวียดนาม', []],
    ['words of the new story and an old one together', 'ตก ชาวบ้าน', ['/news/news/4']],
  ])('%s: %s', async (_, query, expected) => {
    expect(await pathsNow(query)).toEqual(expected);
  });

  it('shows a recent story from the recent changes, without fetching its chunk', async () => {
    const { fetchFile, fetched } = served(files, changes);
    expect((await resultDocs([4, 2], fetchFile)).map((d) => d.t)).toEqual(['ภูเขาไฟระเบิดที่อินโดนีเซีย', 'ราคาทองคำพุ่งสูง']);
    expect(fetched.filter((path) => path.startsWith('/search-index/d/'))).toEqual([]);
  });

  it('flags the halves of a headline compound as headline words', () => {
    const story = recentStory(indexedStory(9, doc('/news/news/9', 'ฝนตกหนัก'), ''), isWord);
    expect(story.t.split(' ')).toEqual(expect.arrayContaining(['ตก', 'หนัก']));
  });

  it.each<[string, RecentChanges | undefined, RecentChanges, RecentChanges]>([
    ['nothing before', undefined, recent([[4, doc('/a', 'ก'), '']]), recent([[4, doc('/a', 'ก'), '']])],
    [
      'a later version replaces an earlier one',
      recent([[4, doc('/a', 'ก'), '']]),
      recent([[4, doc('/a', 'ข'), '']]),
      recent([[4, doc('/a', 'ข'), '']]),
    ],
    ['a takedown drops the story', recent([[4, doc('/a', 'ก'), '']]), recent([], [4]), recent([], [4])],
    [
      'published again after a takedown',
      recent([], [4, 1]),
      recent([[4, doc('/a', 'ก'), '']]),
      recent([[4, doc('/a', 'ก'), '']], [1]),
    ],
    ['no change', NO_RECENT_CHANGES, NO_RECENT_CHANGES, NO_RECENT_CHANGES],
  ])('merges: %s', (_, earlier, later, expected) => {
    expect(mergeRecentChanges(earlier, later)).toEqual(expected);
  });

  it.each([
    ['a Thai word: the letters of its heads and tails', 'ตกหนัก', ['e15', 'e2b', 'e19', 'e31']],
    ['a word too short to split', 'ไทย', []],
    ['Latin is never split', 'bangkok', []],
  ])('compoundLetters: %s', (_, word, letters) => {
    expect([...compoundLetters([word])].sort()).toEqual([...letters].sort());
  });

  const many = (numbers: number[], removed: number[] = []) =>
    recent(
      numbers.map((n) => [n, doc(`/news/news/${n}`, 'ข่าว'), '']),
      removed,
    );
  it.each<[string, RecentChanges | undefined, RecentChanges, number, number[]]>([
    ['room for all', undefined, many([7, 8]), 3, [7, 8]],
    ['the newest first when there is no room for all', many([1]), many([7, 8, 9]), 3, [8, 9]],
    ['a story already held is replaced, room or not', many([1, 2, 3]), many([2, 9]), 3, [2]],
    ['a takedown makes room', many([1, 2, 3]), many([9], [1]), 3, [9]],
    ['full', many([1, 2, 3]), many([9]), 3, []],
  ])('fits: %s', (_, earlier, batch, max, kept) => {
    const fitted = fitRecentChanges(earlier, batch, max);
    expect(Object.keys(fitted.stories).map(Number).sort()).toEqual(kept);
    expect(fitted.removed).toEqual(batch.removed);
    expect(Object.keys(mergeRecentChanges(earlier, fitted).stories).length).toBeLessThanOrEqual(max);
  });
});
