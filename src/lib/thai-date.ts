import { TZDate } from '@date-fns/tz';
// Deep imports on purpose: the build's server bundle leaves date-fns external, and its index
// modules pull in every function and every locale (over a thousand files) for these two.
import { format } from 'date-fns/format';
import { th } from 'date-fns/locale/th';

/** The newsroom's time zone: Thailand is UTC+7 all year, with no daylight saving. */
export const BANGKOK = 'Asia/Bangkok';

/** Years in Thai dates are Buddhist era: Gregorian + 543. */
const BUDDHIST_ERA_OFFSET = 543;

// Weekday names as Thai newspapers print them (วันพฤหัสบดี is shortened to วันพฤหัส);
// date-fns' `th` locale has the long forms without the วัน prefix.
const WEEKDAYS = ['วันอาทิตย์', 'วันจันทร์', 'วันอังคาร', 'วันพุธ', 'วันพฤหัส', 'วันศุกร์', 'วันเสาร์'];

/** Accepts what the CMS and the pages hand over: an ISO string, a Date or epoch milliseconds. */
export type Instant = string | number | Date;

function inBangkok(instant: Instant): TZDate {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) throw new RangeError(`thai-date: not a valid date: ${String(instant)}`);
  // TZDate reads the wall clock in Bangkok, whatever the time zone of the machine.
  return new TZDate(date.getTime(), BANGKOK);
}

const beYear = (date: TZDate) => date.getFullYear() + BUDDHIST_ERA_OFFSET;

/** How many results each format keeps; past it, it starts again (a few megabytes at most). */
const REMEMBERED = 50_000;

/**
 * A format that keeps its recent results by instant. A build formats the same instants again and
 * again (a story's time on its page, in its section's, tags' and authors' lists, among other
 * stories' related links), and each costs about 20 µs, most of it TZDate asking Intl for Bangkok's
 * offset: at 100,000 stories that was about 15 % of a full build's time (`node --cpu-prof`).
 */
function remembered(formatAt: (date: TZDate) => string): (instant: Instant) => string {
  const known = new Map<number, string>();
  return (instant) => {
    const time = new Date(instant).getTime();
    let text = known.get(time);
    if (text === undefined) {
      text = formatAt(inBangkok(instant)); // throws, naming the instant, when it is not a date
      if (known.size >= REMEMBERED) known.clear();
      known.set(time, text);
    }
    return text;
  };
}

/** Story date-time as on a Thai news page: `6 ธ.ค. 2559 07:30 น.` */
export const formatStoryDateTime = remembered((date) =>
  // One format call (each costs as much as TZDate itself), the Buddhist-era year as a literal.
  format(date, `d MMM '${beYear(date)}' HH:mm 'น.'`, { locale: th }),
);

/** Date only, short month: `6 ธ.ค. 2559`. */
export const formatShortDate = remembered((date) => `${format(date, 'd MMM', { locale: th })} ${beYear(date)}`);

/** The page's "today" line: `วันพฤหัสที่ 7 กรกฎาคม 2565 เวลา 07:13 น.` */
export const formatLongDateTime = remembered((date) => {
  const weekday = WEEKDAYS[date.getDay()];
  return `${weekday}ที่ ${format(date, `d MMMM '${beYear(date)} เวลา' HH:mm 'น.'`, { locale: th })}`;
});

/** Machine-readable form for `<time datetime>`: ISO 8601 with Bangkok's +07:00 offset. */
export const isoInBangkok = remembered((date) => format(date, "yyyy-MM-dd'T'HH:mm:ssxxx"));

/** The Buddhist-era year in Bangkok at that instant: 2569 for most of 2026. */
export function buddhistYear(instant: Instant): number {
  return beYear(inBangkok(instant));
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Beyond this age a relative time stops helping; the page keeps the story's date instead. */
const RELATIVE_LIMIT = 7 * DAY;

/**
 * How long ago, as Thai news sites write it: `เมื่อสักครู่`, `5 นาทีที่แล้ว`, `3 ชั่วโมงที่แล้ว`,
 * `2 วันที่แล้ว`; null from a week on, or for an invalid date. A time slightly in the future
 * (the reader's clock runs behind) reads as `เมื่อสักครู่`. These phrases are date vocabulary,
 * like the month names, so they live here with the one date helper.
 */
export function formatRelative(instant: Instant, now: Instant): string | null {
  const then = new Date(instant).getTime();
  const at = new Date(now).getTime();
  if (Number.isNaN(then) || Number.isNaN(at)) return null;
  const age = at - then;
  if (age < MINUTE) return 'เมื่อสักครู่';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} นาทีที่แล้ว`;
  if (age < DAY) return `${Math.floor(age / HOUR)} ชั่วโมงที่แล้ว`;
  if (age < RELATIVE_LIMIT) return `${Math.floor(age / DAY)} วันที่แล้ว`;
  return null;
}
