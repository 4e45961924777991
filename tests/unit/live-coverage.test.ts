import { describe, expect, it } from 'vitest';
import { liveProblems } from '../../cms-schema/src/bootstrap/article-rules';
import { entriesNewestFirst, isLiveCoverage, liveBlocks, liveJson, liveJsonPath } from '../../src/lib/live';

const at = (time: string) => `2026-11-22T${time}:00+07:00`;
const entry = (time: string, text: string, pinned = false) => ({ at: at(time), text, pinned });
const seconds = (time: string) => Date.parse(at(time)) / 1000;

describe('entriesNewestFirst', () => {
  it.each([
    ['no entries', [], []],
    [
      'newest first',
      [entry('17:00', 'a'), entry('18:00', 'b')],
      [
        ['b', `update-${seconds('18:00')}`],
        ['a', `update-${seconds('17:00')}`],
      ],
    ],
    [
      'two at the same second: the later-added first, each its own anchor',
      [entry('17:00', 'a'), entry('17:00', 'b')],
      [
        ['b', `update-${seconds('17:00')}-2`],
        ['a', `update-${seconds('17:00')}`],
      ],
    ],
  ])('orders %s', (_, entries, expected) => {
    expect(entriesNewestFirst(entries).map(({ entry: e, anchor }) => [e.text, anchor])).toEqual(expected);
  });

  it('keeps an entry its anchor when a newer one is added', () => {
    const before = entriesNewestFirst([entry('17:00', 'a')]);
    const after = entriesNewestFirst([entry('17:00', 'a'), entry('17:30', 'b')]);
    expect(after.find((e) => e.entry.text === 'a')?.anchor).toBe(before[0]!.anchor);
  });
});

describe('liveBlocks and liveJson', () => {
  const story = {
    storyNumber: 42,
    liveState: 'live' as const,
    liveEntries: [entry('17:00', 'a'), entry('17:05', 'summary', true), entry('18:00', 'b')],
  };

  it('puts the pinned entries on top and the rest newest first', () => {
    const { pinned, rest } = liveBlocks(story.liveEntries);
    expect(pinned.map((e) => e.entry.text)).toEqual(['summary']);
    expect(rest.map((e) => e.entry.text)).toEqual(['b', 'a']);
  });

  it("lists the state and every anchor, newest first, at the story's path", () => {
    expect(liveJsonPath(42)).toBe('/live/42.json');
    expect(liveJson(story)).toEqual({
      state: 'live',
      entries: [`update-${seconds('18:00')}`, `update-${seconds('17:05')}`, `update-${seconds('17:00')}`],
    });
  });

  it.each([
    ['live', true],
    ['ended', true],
    [null, false],
  ] as const)('takes a story with state %s for live coverage: %s', (liveState, expected) => {
    expect(isLiveCoverage({ ...story, liveState })).toBe(expected);
  });
});

describe('liveProblems', () => {
  const now = Date.parse(at('20:00'));
  it.each([
    ['no live fields', {}, []],
    ['good entries', { liveState: 'live', liveEntries: [entry('19:00', 'ข้อความ')] }, []],
    [
      'an entry without text',
      { liveState: 'live', liveEntries: [entry('19:00', ' ')] },
      ['รายการที่ 1 ต้องมีข้อความ (text)'],
    ],
    [
      'an entry without a time',
      { liveState: 'live', liveEntries: [{ text: 'x' }] },
      ['รายการที่ 1 ต้องระบุวันและเวลา (at)'],
    ],
    [
      'an entry dated ahead',
      { liveState: 'ended', liveEntries: [entry('21:00', 'x')] },
      ['รายการที่ 1 ลงวันและเวลาในอนาคตไม่ได้'],
    ],
    [
      'a URL alone that is not a post',
      { liveState: 'live', liveEntries: [entry('19:00', 'ข้อความ\n\nhttps://example.org/a')] },
      ['รายการที่ 1: บรรทัดที่ 3: ลิงก์ที่วางไว้บรรทัดเดียว'],
    ],
    [
      'entries without a state',
      { liveState: null, liveEntries: [entry('19:00', 'x')] },
      ['ยังไม่ได้เลือกสถานะรายงานสด (liveState)'],
    ],
    ['entries saved without the state field (a partial save)', { liveEntries: [entry('19:00', 'x')] }, []],
  ])('%s', (_, data, expected) => {
    const problems = liveProblems(data, now);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((part, i) => expect(problems[i]).toContain(part));
  });
});
