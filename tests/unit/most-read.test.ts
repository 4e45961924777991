import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReader, MostRead } from '../../server/src/most-read';
import { Publisher } from '../../server/src/publisher';
import { Releases } from '../../server/src/releases';
import { createSiteServer } from '../../server/src/site-server';
import { MOST_READ_BEACON, MOST_READ_PATH, type MostReadList } from '../../shared/most-read-contract';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-29T10:00:00Z');

describe('isReader', () => {
  it.each([
    ['a desktop browser', CHROME, true],
    [
      'a phone browser',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1',
      true,
    ],
    [
      'LINE in-app browser',
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/141.0 Mobile Safari/537.36 Line/14.0.0',
      true,
    ],
    ['Googlebot', 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', false],
    ['Bingbot', 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', false],
    ['Facebook link preview', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', false],
    ['headless Chrome', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/141.0 Safari/537.36', false],
    ['curl', 'curl/8.5.0', false],
    ['no user agent', undefined, false],
  ])('%s: %s', (_, userAgent, expected) => {
    expect(isReader(userAgent)).toBe(expected);
  });
});

describe('MostRead', () => {
  it.each([
    ['a first view', [['a', '/news/x/1', 0]], ['counted']],
    [
      'the same reader again within 30 minutes',
      [
        ['a', '/news/x/1', 0],
        ['a', '/news/x/1', 10 * 60_000],
      ],
      ['counted', 'repeat'],
    ],
    [
      'the same reader after 30 minutes',
      [
        ['a', '/news/x/1', 0],
        ['a', '/news/x/1', 31 * 60_000],
      ],
      ['counted', 'counted'],
    ],
    [
      'two readers',
      [
        ['a', '/news/x/1', 0],
        ['b', '/news/x/1', 1],
      ],
      ['counted', 'counted'],
    ],
  ] as const)('%s', (_, views, expected) => {
    const counts = new MostRead(null);
    expect(views.map(([address, storyPath, at]) => counts.record(storyPath, address, CHROME, T0 + at))).toEqual(
      expected,
    );
  });

  it('limits one address to 60 counted views in 10 minutes', () => {
    const counts = new MostRead(null);
    const results = Array.from({ length: 70 }, (_, i) => counts.record(`/news/x/${i}`, 'a', CHROME, T0 + i));
    expect(results.filter((r) => r === 'counted')).toHaveLength(60);
    expect(results.at(-1)).toBe('rate limited');
    expect(counts.record('/news/x/1', 'b', CHROME, T0 + 100)).toBe('counted');
  });

  it('ranks the last 24 hours, most viewed first, and forgets older views', () => {
    const counts = new MostRead(null);
    counts.record('/news/x/1', 'a', CHROME, T0);
    for (const address of ['a', 'b', 'c']) counts.record('/news/x/2', address, CHROME, T0 + HOUR);
    counts.record('/news/x/3', 'a', CHROME, T0 + 2 * HOUR);
    counts.record('/news/x/3', 'b', CHROME, T0 + 2 * HOUR);
    expect(counts.top(T0 + 3 * HOUR)).toEqual([
      { path: '/news/x/2', views: 3 },
      { path: '/news/x/3', views: 2 },
      { path: '/news/x/1', views: 1 },
    ]);
    // A day after the first view, its hour has left the window.
    expect(counts.top(T0 + 24 * HOUR + 1).map((v) => v.path)).toEqual(['/news/x/2', '/news/x/3']);
  });

  it('keeps the counts across a restart, in a file that names no reader', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'most-read-'));
    try {
      const file = path.join(dir, 'most-read.json');
      const before = new MostRead(file);
      before.record('/news/x/1', '203.0.113.9', CHROME, Date.now());
      before.save();
      expect(new MostRead(file).top()).toEqual([{ path: '/news/x/1', views: 1 }]);
      expect(JSON.stringify(new MostRead(file))).not.toContain('203.0.113.9');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the site server counts beacons and serves the lists', () => {
  let dir: string;
  let base: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'most-read-site-'));
    const releases = new Releases(path.join(dir, 'releases'));
    const live = releases.create();
    const story = (n: number, section: string, title: string) => ({
      documentId: `d${n}`,
      storyNumber: n,
      title,
      section: { slug: section, name: section, documentId: section },
    });
    const files: [string, string][] = [
      ['client/news/world/7/index.html', 'story 7'],
      ['client/news/sports/9/index.html', 'story 9'],
      ['client/404.html', 'ไม่พบหน้า'],
      // The catalog's head and its one part (shared/fast-publish-contract.ts).
      ['internal/fast-publish/catalog.json', JSON.stringify({ storyCount: 2 })],
      [
        'internal/fast-publish/catalog/0.json',
        JSON.stringify([story(7, 'world', 'ข่าวโลก'), story(9, 'sports', 'ข่าวกีฬา')]),
      ],
    ];
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(live, file)), { recursive: true });
      writeFileSync(path.join(live, file), text);
    }
    releases.activate(live);
    const publisher = new Publisher(
      () => Promise.resolve({ release: 'x', pages: 0 }),
      () => {},
      { quietMs: 10 },
    );
    const server = createSiteServer({
      releases,
      publisher,
      hookSecret: 'h',
      mostReadFile: path.join(dir, 'most-read.json'),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = async () => {
      publisher.stop();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => close());

  const beacon = (body: string, userAgent = CHROME) =>
    fetch(`${base}${MOST_READ_BEACON}`, { method: 'POST', body, headers: { 'user-agent': userAgent } });

  it("counts a reader's view of a story the site has, and nothing else, answering 204 either way", async () => {
    for (const body of [
      '/news/world/7',
      '/news/world/7',
      '/news/sports/9',
      '/news/world/8',
      '/',
      '/news/sports/9?x',
      'x'.repeat(400),
    ]) {
      expect((await beacon(body)).status).toBe(204);
    }
    expect((await beacon('/news/sports/9', 'Googlebot/2.1')).status).toBe(204);
    const response = await fetch(`${base}${MOST_READ_PATH}`);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    const lists = (await response.json()) as MostReadList;
    // One reader (this test's address) counts once per story.
    expect(lists.site).toEqual([
      { path: '/news/sports/9', title: 'ข่าวกีฬา', section: 'sports', views: 1 },
      { path: '/news/world/7', title: 'ข่าวโลก', section: 'world', views: 1 },
    ]);
    expect(Object.keys(lists.sections).sort()).toEqual(['sports', 'world']);
    expect((await fetch(`${base}${MOST_READ_BEACON}`)).status).toBe(405);
  });
});
