import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buddhistYear,
  formatLongDateTime,
  formatRelative,
  formatShortDate,
  formatStoryDateTime,
  isoInBangkok,
} from '../../src/lib/thai-date';

// The build machine's time zone must not matter: every case runs under several zones.
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Bangkok', 'Pacific/Kiritimati'];

const cases = [
  // instant (UTC)                story                       long
  ['2016-12-06T00:30:00Z', '6 ธ.ค. 2559 07:30 น.', 'วันอังคารที่ 6 ธันวาคม 2559 เวลา 07:30 น.'],
  ['2022-07-07T00:13:00Z', '7 ก.ค. 2565 07:13 น.', 'วันพฤหัสที่ 7 กรกฎาคม 2565 เวลา 07:13 น.'],
  // Bangkok midnight: still the previous day in UTC and in Los Angeles.
  ['2026-11-25T17:00:00Z', '26 พ.ย. 2569 00:00 น.', 'วันพฤหัสที่ 26 พฤศจิกายน 2569 เวลา 00:00 น.'],
  ['2026-11-25T16:59:59Z', '25 พ.ย. 2569 23:59 น.', 'วันพุธที่ 25 พฤศจิกายน 2569 เวลา 23:59 น.'],
  // Year boundary: new year in Bangkok seven hours before UTC.
  ['2025-12-31T16:59:00Z', '31 ธ.ค. 2568 23:59 น.', 'วันพุธที่ 31 ธันวาคม 2568 เวลา 23:59 น.'],
  ['2025-12-31T17:00:00Z', '1 ม.ค. 2569 00:00 น.', 'วันพฤหัสที่ 1 มกราคม 2569 เวลา 00:00 น.'],
  // Leap day, and a Los Angeles daylight-saving switch night (Bangkok has none).
  ['2024-02-29T05:00:00Z', '29 ก.พ. 2567 12:00 น.', 'วันพฤหัสที่ 29 กุมภาพันธ์ 2567 เวลา 12:00 น.'],
  ['2026-03-08T10:00:00Z', '8 มี.ค. 2569 17:00 น.', 'วันอาทิตย์ที่ 8 มีนาคม 2569 เวลา 17:00 น.'],
] as const;

describe.each(ZONES)('Thai dates with the process in %s', (zone) => {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    process.env.TZ = original;
  });

  it('really runs in that zone', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone === 'UTC' ? 'UTC' : zone);
  });

  // Each format remembers its results by instant: each zone's instants lie a few milliseconds
  // apart (the same second) so that every zone computes them afresh rather than reading another's.
  const apart = ZONES.indexOf(zone);

  it.each(cases)('%s → %s', (instant, story, long) => {
    expect(formatStoryDateTime(Date.parse(instant) + apart)).toBe(story);
    expect(formatLongDateTime(Date.parse(instant) + apart)).toBe(long);
  });

  it('matches ICU’s Buddhist calendar in Bangkok for instants across a decade', () => {
    const icu = new Intl.DateTimeFormat('th-TH-u-ca-buddhist', {
      timeZone: 'Asia/Bangkok',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
    });
    const start = Date.parse('2016-01-01T00:00:00Z');
    // 2,000 instants spread over ten years, deliberately off the hour.
    for (let i = 0; i < 2000; i++) {
      const instant = start + i * 157_813_337 + apart;
      // ICU prints "6 ธ.ค. 2559"; some ICU versions put "พ.ศ." before the year.
      const expected = icu.format(instant).replace('พ.ศ. ', '');
      expect(formatShortDate(instant)).toBe(expected);
    }
  });
});

describe('machine-readable and year helpers', () => {
  it.each([
    ['2016-12-06T00:30:00Z', '2016-12-06T07:30:00+07:00', 2559],
    ['2025-12-31T17:00:00Z', '2026-01-01T00:00:00+07:00', 2569],
  ] as const)('%s', (instant, iso, year) => {
    expect(isoInBangkok(instant)).toBe(iso);
    expect(buddhistYear(instant)).toBe(year);
  });

  it('rejects an invalid date with a clear message, every time', () => {
    expect(() => formatStoryDateTime('not a date')).toThrow(/not a valid date: not a date/);
    expect(() => formatStoryDateTime('not a date')).toThrow(/not a valid date: not a date/);
  });

  // A remembered result is the instant's, however the instant was handed over.
  it.each([
    ['ISO string', '2016-12-06T00:30:00Z'],
    ['epoch milliseconds', Date.parse('2016-12-06T00:30:00Z')],
    ['Date', new Date('2016-12-06T00:30:00Z')],
    ['ISO string with an offset', '2016-12-06T07:30:00+07:00'],
  ] as const)('remembers by instant: %s', (_, instant) => {
    expect(formatStoryDateTime(instant)).toBe('6 ธ.ค. 2559 07:30 น.');
    expect(isoInBangkok(instant)).toBe('2016-12-06T07:30:00+07:00');
  });

  it('keeps formatting correctly past the number of results it remembers', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < 60_000; i++) formatShortDate(start + i * 60_000);
    expect(formatShortDate('2016-12-06T00:30:00Z')).toBe('6 ธ.ค. 2559');
    expect(formatShortDate(start + 59_999 * 60_000)).toBe('11 ก.พ. 2563');
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const MIN = 60_000;
  it.each([
    ['just now', ago(0), 'เมื่อสักครู่'],
    ['59 seconds', ago(59_000), 'เมื่อสักครู่'],
    ['a clock running behind', ago(-30_000), 'เมื่อสักครู่'],
    ['1 minute', ago(MIN), '1 นาทีที่แล้ว'],
    ['5 minutes 59 s', ago(5 * MIN + 59_000), '5 นาทีที่แล้ว'],
    ['59 minutes', ago(59 * MIN), '59 นาทีที่แล้ว'],
    ['1 hour', ago(60 * MIN), '1 ชั่วโมงที่แล้ว'],
    ['23 h 59 min', ago(24 * 60 * MIN - MIN), '23 ชั่วโมงที่แล้ว'],
    ['1 day', ago(24 * 60 * MIN), '1 วันที่แล้ว'],
    ['6 days 23 h', ago(7 * 24 * 60 * MIN - 60 * MIN), '6 วันที่แล้ว'],
    ['a week', ago(7 * 24 * 60 * MIN), null],
    ['an invalid date', 'not a date', null],
  ])('%s → %s', (_, instant, expected) => {
    expect(formatRelative(instant, now)).toBe(expected);
  });
});
