import { describe, expect, it } from 'vitest';
import { buildSearchIndex, search, words, type SearchDoc } from '../../src/lib/search';

const doc = (p: string, t: string): SearchDoc => ({ p, t, s: 'ข่าว', d: '1 ม.ค. 2569 08:00 น.', e: null });

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
