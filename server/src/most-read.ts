import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Most-read stories (ยอดนิยม) without cookies, personal data or third-party analytics. A story
 * page sends one beacon per load (src/scripts/most-read.ts); this counts it per story path in
 * hourly buckets of the last 24 hours. No address is stored beyond the rate limit's memory of
 * the last minutes, and nothing about a reader reaches the counts file.
 *
 * One client cannot inflate a story: each address counts once per story per
 * REPEAT_WINDOW_MS and at most ADDRESS_LIMIT times per ADDRESS_WINDOW_MS; crawlers and scripted
 * clients (by user agent) are not counted.
 */

const HOUR_MS = 3_600_000;
/** The window most-read covers. */
export const MOST_READ_HOURS = 24;
/** A reader reopening the same story within this time is not counted again. */
const REPEAT_WINDOW_MS = 30 * 60_000;
/** At most this many counted beacons per address and window. */
const ADDRESS_LIMIT = 60;
const ADDRESS_WINDOW_MS = 10 * 60_000;
/** Paths kept per hour at most: a flood of distinct (valid) paths cannot grow memory without end. */
const PATHS_PER_HOUR = 20_000;

/** User agents that are not readers: crawlers, link previews, monitors, HTTP libraries, headless browsers. */
const NOT_A_READER =
  /bot\b|bot\/|crawl|spider|slurp|preview|facebookexternalhit|embedly|whatsapp|line-poker|headless|lighthouse|pagespeed|monitor|uptime|curl|wget|python|java\/|go-http|okhttp|axios|node-fetch|undici|libwww|httpclient|phantomjs|selenium|playwright|puppeteer/i;

/** Whether a user agent is a person's browser (an empty one is not). */
export function isReader(userAgent: string | undefined): boolean {
  return Boolean(userAgent && /^Mozilla\//.test(userAgent) && !NOT_A_READER.test(userAgent));
}

/** What became of a beacon. */
export type BeaconResult = 'counted' | 'not a reader' | 'repeat' | 'rate limited';

/** The counts file: views per story path, per hour (the hour's start in ms). */
interface CountsFile {
  v: 1;
  hours: Record<string, Record<string, number>>;
}

/** A story path and its views over the last 24 hours. */
export interface ViewCount {
  path: string;
  views: number;
}

/** Counts story views; persisted to `file` so a restart keeps them. */
export class MostRead {
  private readonly hours = new Map<number, Map<string, number>>();
  private readonly recent = new Map<string, number>();
  private readonly perAddress = new Map<string, { since: number; count: number }>();
  private dirty = false;
  private lastSweep = 0;
  private readonly file: string | null;

  constructor(file: string | null) {
    this.file = file;
    if (file && existsSync(file)) {
      try {
        const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<CountsFile>;
        for (const [hour, counts] of Object.entries(saved.hours ?? {})) {
          this.hours.set(Number(hour), new Map(Object.entries(counts)));
        }
      } catch (error) {
        // A damaged file loses yesterday's counts, never the site.
        console.error(`[site] most-read counts in ${file} unreadable, starting afresh:`, error);
      }
    }
  }

  /** Counts one page load of the story at `storyPath` by `address` with `userAgent`, at `now`. */
  record(storyPath: string, address: string, userAgent: string | undefined, now = Date.now()): BeaconResult {
    if (!isReader(userAgent)) return 'not a reader';
    this.forget(now);
    const key = `${address} ${storyPath}`;
    const seen = this.recent.get(key);
    if (seen !== undefined && now - seen < REPEAT_WINDOW_MS) return 'repeat';
    const quota = this.perAddress.get(address);
    if (quota && now - quota.since < ADDRESS_WINDOW_MS && quota.count >= ADDRESS_LIMIT) return 'rate limited';
    if (!quota || now - quota.since >= ADDRESS_WINDOW_MS) this.perAddress.set(address, { since: now, count: 1 });
    else quota.count += 1;
    this.recent.set(key, now);
    const hour = now - (now % HOUR_MS);
    let counts = this.hours.get(hour);
    if (!counts) this.hours.set(hour, (counts = new Map<string, number>()));
    if (!counts.has(storyPath) && counts.size >= PATHS_PER_HOUR) return 'rate limited';
    counts.set(storyPath, (counts.get(storyPath) ?? 0) + 1);
    this.dirty = true;
    return 'counted';
  }

  /** Every story path viewed in the 24 hours before `now`, most viewed first. */
  top(now = Date.now()): ViewCount[] {
    this.forget(now);
    const totals = new Map<string, number>();
    for (const counts of this.hours.values()) {
      for (const [storyPath, views] of counts) totals.set(storyPath, (totals.get(storyPath) ?? 0) + views);
    }
    return [...totals]
      .map(([storyPath, views]) => ({ path: storyPath, views }))
      .sort((a, b) => b.views - a.views || a.path.localeCompare(b.path));
  }

  /** Writes the counts when they changed (atomically: a crash mid-write leaves the last file). */
  save(): void {
    if (!this.file || !this.dirty) return;
    const hours: CountsFile['hours'] = {};
    for (const [hour, counts] of this.hours) hours[hour] = Object.fromEntries(counts);
    mkdirSync(path.dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ v: 1, hours } satisfies CountsFile));
    renameSync(partial, this.file);
    this.dirty = false;
  }

  /** Drops hours older than the window and rate-limit memory older than its windows (at most once a minute). */
  private forget(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    const oldest = now - (now % HOUR_MS) - (MOST_READ_HOURS - 1) * HOUR_MS;
    for (const hour of this.hours.keys()) {
      if (hour < oldest) {
        this.hours.delete(hour);
        this.dirty = true;
      }
    }
    for (const [key, at] of this.recent) if (now - at >= REPEAT_WINDOW_MS) this.recent.delete(key);
    for (const [address, quota] of this.perAddress) {
      if (now - quota.since >= ADDRESS_WINDOW_MS) this.perAddress.delete(address);
    }
  }
}
