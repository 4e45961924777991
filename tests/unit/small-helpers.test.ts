import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stepTimer } from '../../shared/step-timer';
import { LAST_RESORT_GC, releaseMemory } from '../../src/lib/server/release-memory';
import { t } from '../../src/i18n/t';
import { cmsClientOptions } from '../../src/lib/server/cms/config';
import { formatDuration } from '../../src/lib/duration';
import { byStoryNumberRange, storyNumberRange } from '../../src/lib/story';
import { sectionPath, storyPath } from '../../src/lib/urls';

describe('formatDuration', () => {
  it.each([
    [0, '00:00'],
    [59, '00:59'],
    [191, '03:11'],
    [600, '10:00'],
    [3725, '1:02:05'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('rejects negative durations', () => {
    expect(() => formatDuration(-1)).toThrow(/invalid seconds -1/);
  });
});

describe('urls', () => {
  it.each([
    [{ storyNumber: 42, section: { slug: 'politics' } }, '/news/politics/42'],
    [{ storyNumber: 1, section: { slug: 'news' } }, '/news/news/1'],
  ])('story path of %o is %s', (story, path) => {
    expect(storyPath(story)).toBe(path);
  });

  it('section path', () => {
    expect(sectionPath('sports')).toBe('/news/sports');
  });
});

describe('t()', () => {
  it('returns the Thai string', () => {
    expect(t('story.readMore')).toBe('อ่านเพิ่มเติม...');
  });

  it('fills placeholders and refuses a missing value', () => {
    expect(t('section.latest', { section: 'กีฬา' })).toBe('ข่าวล่าสุดในหมวดกีฬา');
    expect(() => t('section.latest')).toThrow(/needs a value for \{section\}/);
  });
});

describe('cmsClientOptions', () => {
  const good = { CMS_URL: 'http://cms:1337', CMS_READ_TOKEN: 'x'.repeat(40), CMS_TIMEOUT_MS: 1000, CMS_RETRIES: 2 };

  it('maps the variables to client options', () => {
    expect(cmsClientOptions(good)).toEqual({
      url: 'http://cms:1337',
      token: 'x'.repeat(40),
      timeoutMs: 1000,
      retries: 2,
    });
  });

  it.each([
    [{ CMS_URL: undefined }, /CMS_URL is not set/],
    [{ CMS_URL: '' }, /CMS_URL is not set/],
    [{ CMS_URL: 'not a url' }, /CMS_URL is not a URL/],
    [{ CMS_READ_TOKEN: undefined }, /CMS_READ_TOKEN is not set/],
  ])('names the bad variable in %o', (override, message) => {
    expect(() => cmsClientOptions({ ...good, ...override })).toThrow(message);
  });
});

describe('story number ranges', () => {
  it.each([
    [1, 1000, 0],
    [1000, 1000, 0],
    [1001, 1000, 1],
    [5001, 5000, 1],
  ])('story %i in ranges of %i is in range %i', (storyNumber, size, range) => {
    expect(storyNumberRange(storyNumber, size)).toBe(range);
  });

  it('groups stories by range, in range order, keeping their order within a range', () => {
    const stories = [12, 3, 25, 7, 11].map((storyNumber) => ({ storyNumber }));
    expect(byStoryNumberRange(stories, 10).map(({ id, stories: s }) => [id, s.map((x) => x.storyNumber)])).toEqual([
      [0, [3, 7]],
      [1, [12, 11]],
      [2, [25]],
    ]);
    expect(byStoryNumberRange([], 10)).toEqual([]);
  });
});

describe('stepTimer', () => {
  afterEach(() => vi.useRealTimers());

  it.each([
    { laps: [['a', 5]], steps: { a: 5 } },
    {
      laps: [
        ['a', 5],
        ['b', 12.4],
        ['c', 0],
      ],
      steps: { a: 5, b: 12, c: 0 },
    },
    // A step timed twice keeps its last lap, measured from the step before it.
    {
      laps: [
        ['a', 3],
        ['a', 7],
      ],
      steps: { a: 7 },
    },
  ] as { laps: [string, number][]; steps: Record<string, number> }[])(
    'each lap counts from the one before: %o',
    ({ laps, steps }) => {
      vi.useFakeTimers({ toFake: ['performance'] });
      const timer = stepTimer();
      for (const [name, ms] of laps) {
        vi.advanceTimersByTime(ms);
        timer.lap(name);
      }
      expect(timer.steps).toEqual(steps);
    },
  );
});

describe('releaseMemory', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ['runs the last-resort collection where gc() is exposed', true],
    ['does nothing where it is not', false],
  ])('%s', (_, exposed) => {
    const gc = vi.fn();
    vi.stubGlobal('gc', exposed ? gc : undefined);
    releaseMemory();
    expect(gc.mock.calls).toEqual(exposed ? [[LAST_RESORT_GC]] : []);
  });

  it('empties the pool of freed pages in a real Node, which a plain gc() leaves resident', () => {
    // Frees ~200 MiB of small objects, then reports resident memory after gc() and after
    // releaseMemory()'s collection: the second must give most of it back.
    const script = `
      let big = []; for (let i = 0; i < 2e6; i++) big.push({ a: i, b: 'x' + i });
      big = null; gc(); const plain = process.memoryUsage().rss;
      gc(${JSON.stringify(LAST_RESORT_GC)}); const released = process.memoryUsage().rss;
      console.log(JSON.stringify({ plain, released }));`;
    const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    const { plain, released } = JSON.parse(run.stdout) as { plain: number; released: number };
    expect(released).toBeLessThan(plain - 50 * 2 ** 20);
  });
});
