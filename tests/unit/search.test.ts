import { describe, expect, it } from 'vitest';
import {
  buildSearchIndex,
  mergeSearchIndexes,
  search,
  searchShardOf,
  words,
  type SearchDoc,
} from '../../src/lib/search';

const doc = (p: string, t: string, n = 0): SearchDoc => ({ p, t, s: 'ข่าว', d: '1 ม.ค. 2569 08:00 น.', e: null, n });

// Original sample texts; Thai runs without spaces, as in real stories.
const index = buildSearchIndex([
  { doc: doc('/news/news/3', 'ฝนตกหนักทั่วกรุงเทพมหานคร'), text: 'กรมอุตุนิยมวิทยาเตือนประชาชนเตรียมรับมือน้ำท่วมขังในหลายเขต' },
  { doc: doc('/news/economy/2', 'ตลาดหุ้นไทยปิดบวก'), text: 'นักลงทุนต่างชาติซื้อสุทธิ ขณะที่ราคาทองคำทรงตัว' },
  { doc: doc('/news/sports/1', 'ทีมชาติไทยชนะเวียดนาม'), text: 'แฟนฟุตบอลเฉลิมฉลองที่กรุงเทพมหานคร หลังเกมจบลง Bangkok FC' },
]);

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

describe('search', () => {
  it.each([
    ['a Thai word from a body', 'น้ำท่วม', ['/news/news/3']],
    ['a word from a headline', 'หุ้น', ['/news/economy/2']],
    ['a word in two stories, headline match first', 'กรุงเทพมหานคร', ['/news/news/3', '/news/sports/1']],
    ['several words must all match', 'ทองคำ นักลงทุน', ['/news/economy/2']],
    ['words that never meet find nothing', 'ทองคำ ฟุตบอล', []],
    ['a half-typed word matches as a prefix', 'เวียด', ['/news/sports/1']],
    ['a word the dictionary kept inside a longer one', 'หนัก', ['/news/news/3']],
    ['Latin text, any case', 'bangkok', ['/news/sports/1']],
    ['Latin text, upper case', 'BANGKOK', ['/news/sports/1']],
    ['an unknown word', 'ภูเขาไฟ', []],
    ['a word that names an Object property', 'constructor', []],
    ['an empty query', '   ', []],
  ])('%s: %s', (_, query, expected) => {
    expect(search(index, query).map((d) => d.p)).toEqual(expected);
  });

  it('stops at the limit', () => {
    expect(search(index, 'ไทย', 1)).toHaveLength(1);
  });

  it('indexes every word once per story', () => {
    expect(index.terms['ไทย']).toEqual([1, 2]);
  });
});

describe('searchShardOf', () => {
  it.each([
    [1, 0],
    [1000, 0],
    [1001, 1],
    [10046, 10],
  ])('story %i is in shard %i', (storyNumber, shard) => {
    expect(searchShardOf(storyNumber)).toBe(shard);
  });
});

describe('mergeSearchIndexes', () => {
  // The three stories of `index` above, in two shards, published at different times.
  const rain = { doc: doc('/news/news/3', 'ฝนตกหนักทั่วกรุงเทพมหานคร', 300), text: 'น้ำท่วมขังในหลายเขต' };
  const stocks = { doc: doc('/news/economy/2', 'ตลาดหุ้นไทยปิดบวก', 100), text: 'ราคาทองคำทรงตัว' };
  const football = { doc: doc('/news/sports/1', 'ทีมชาติไทยชนะเวียดนาม', 200), text: 'กรุงเทพมหานคร Bangkok FC' };
  const merged = mergeSearchIndexes([buildSearchIndex([rain, stocks]), buildSearchIndex([football])]);

  it('orders the stories of all shards newest first', () => {
    expect(merged.docs.map((d) => d.n)).toEqual([300, 200, 100]);
  });

  it('points every word at the merged positions, ascending', () => {
    expect(merged.terms['ไทย']).toEqual([1, 2]);
    expect(merged.terms['กรุงเทพมหานคร']).toEqual([0, 1]);
  });

  it.each([
    ['a word of one shard', 'ทองคำ', ['/news/economy/2']],
    ['headline matches in both shards, newest first', 'ไทย', ['/news/sports/1', '/news/economy/2']],
    ['the headline match before the newer body match', 'กรุงเทพมหานคร', ['/news/news/3', '/news/sports/1']],
  ])('finds %s: %s', (_, query, expected) => {
    expect(search(merged, query).map((d) => d.p)).toEqual(expected);
  });

  it('finds what one index of all the stories finds', () => {
    const whole = buildSearchIndex([rain, football, stocks]);
    for (const query of ['ไทย', 'กรุงเทพมหานคร', 'bangkok', 'หนัก', 'ทองคำ น้ำ']) {
      expect(search(merged, query), query).toEqual(search(whole, query));
    }
  });

  it('merges no shards into an empty index', () => {
    expect(mergeSearchIndexes([])).toEqual({ v: 1, docs: [], terms: {} });
  });
});
