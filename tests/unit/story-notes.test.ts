import { describe, expect, it } from 'vitest';
import { noteProblems } from '../../cms-schema/src/bootstrap/article-rules';
import { lastModified, notesNewestFirst, recentCorrections, type StoryNote } from '../../src/lib/notes';
import type { StoryTeaser } from '../../src/lib/story';

const note = (kind: StoryNote['kind'], at: string, text = `${kind} ${at}`): StoryNote => ({ kind, at, text });

/** Story n with `notes`, updated at `updatedAt`. */
const story = (n: number, notes: StoryNote[], updatedAt = '2026-11-20T00:00:00.000Z') => ({
  documentId: `doc${n}`,
  title: `ข่าวที่ ${n}`,
  storyNumber: n,
  excerpt: null,
  firstPublishedAt: '2026-11-19T00:00:00.000Z',
  publishedAt: '2026-11-19T00:00:00.000Z',
  section: { name: 'เศรษฐกิจ', slug: 'economy' },
  updatedAt,
  notes,
});

describe('notesNewestFirst', () => {
  it.each([
    ['no notes', [], []],
    [
      'by time, newest first',
      [note('update', '2026-11-20T01:00:00Z'), note('correction', '2026-11-20T03:00:00Z')],
      ['2026-11-20T03:00:00Z', '2026-11-20T01:00:00Z'],
    ],
  ])('%s', (_, notes, times) => {
    expect(notesNewestFirst(notes).map((n) => n.at)).toEqual(times);
  });

  it('puts the later listed note first at the same time', () => {
    const same = [note('update', '2026-11-20T01:00:00Z', 'first'), note('update', '2026-11-20T01:00:00Z', 'second')];
    expect(notesNewestFirst(same).map((n) => n.text)).toEqual(['second', 'first']);
  });
});

describe('lastModified', () => {
  it.each([
    ['without notes: the last save', story(1, []), '2026-11-20T00:00:00.000Z'],
    [
      'with notes: the latest note, even before a later save',
      story(1, [note('update', '2026-11-19T05:00:00Z'), note('correction', '2026-11-19T09:00:00Z')]),
      '2026-11-19T09:00:00Z',
    ],
  ])('%s', (_, s, expected) => {
    expect(lastModified(s)).toBe(expected);
  });
});

describe('recentCorrections', () => {
  const stories = [
    story(1, [note('correction', '2026-11-19T05:00:00Z'), note('update', '2026-11-21T00:00:00Z')]),
    story(2, [note('correction', '2026-11-20T05:00:00Z')]),
    story(3, []),
    story(4, [note('correction', '2026-11-19T05:00:00Z')]),
  ];

  it('lists corrections only, newest first, the higher story number first at the same time', () => {
    expect(recentCorrections(stories).map(({ story: s, note: n }) => [s.storyNumber, n.at])).toEqual([
      [2, '2026-11-20T05:00:00Z'],
      [4, '2026-11-19T05:00:00Z'],
      [1, '2026-11-19T05:00:00Z'],
    ]);
  });

  it('keeps at most `limit`, and only the teaser of each story', () => {
    const [first] = recentCorrections(stories, 1);
    expect(recentCorrections(stories, 1)).toHaveLength(1);
    expect(Object.keys(first!.story).sort()).toEqual(
      (
        [
          'documentId',
          'title',
          'storyNumber',
          'excerpt',
          'firstPublishedAt',
          'publishedAt',
          'section',
        ] satisfies (keyof StoryTeaser)[]
      ).sort(),
    );
  });
});

describe('noteProblems', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');
  it.each([
    ['no notes field in the save', undefined, []],
    ['a good note', [{ kind: 'correction', at: '2026-11-20T11:00:00Z', text: 'แก้ตัวเลข' }], []],
    ['a date a minute ahead (a slow clock)', [{ at: '2026-11-20T12:01:00Z', text: 'อัปเดต' }], []],
    ['a date as a Date', [{ at: new Date(now), text: 'อัปเดต' }], []],
    [
      'blank text, named by its place in the list',
      [
        { at: '2026-11-20T11:00:00Z', text: 'ก' },
        { at: '2026-11-20T11:00:00Z', text: '   ' },
      ],
      ['หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 2 ต้องมีข้อความ (text)'],
    ],
    [
      'no date and no text',
      [{ kind: 'update' }],
      [
        'หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 1 ต้องมีข้อความ (text)',
        'หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 1 ต้องระบุวันและเวลา (at)',
      ],
    ],
    [
      'a date in the future',
      [{ at: '2026-11-21T12:00:00Z', text: 'อัปเดต' }],
      ['หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 1 ลงวันและเวลาในอนาคตไม่ได้'],
    ],
  ])('%s', (_, notes, problems) => {
    expect(noteProblems(notes, now)).toEqual(problems);
  });
});
