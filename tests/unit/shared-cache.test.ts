import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Releases } from '../../server/src/releases';
import {
  changedUrlPaths,
  HttpPurger,
  purgerFromEnv,
  releasesBehindCache,
  SharedCache,
  urlPathsOf,
  type CachePurger,
} from '../../server/src/shared-cache';

describe('urlPathsOf', () => {
  it.each([
    ['client/index.html', ['/index.html', '/']],
    ['client/news/world/7/index.html', ['/news/world/7/index.html', '/news/world/7/', '/news/world/7']],
    ['client/rss.xml', ['/rss.xml']],
    ['client/404.html', ['/404.html', '/404']],
    [
      'client/tag/ฝุ่น/index.html',
      [
        '/tag/%E0%B8%9D%E0%B8%B8%E0%B9%88%E0%B8%99/index.html',
        '/tag/%E0%B8%9D%E0%B8%B8%E0%B9%88%E0%B8%99/',
        '/tag/%E0%B8%9D%E0%B8%B8%E0%B9%88%E0%B8%99',
      ],
    ],
    ['internal/story-paths.json', []],
    ['server/entry.mjs', []],
    ['compressed/br/client/index.html.br', []],
  ])('names every spelling readers can request %s by', (file, expected) => {
    expect(urlPathsOf(file.split('/').join(path.sep))).toEqual(expected);
  });
});

describe('changedUrlPaths', () => {
  let dir: string;
  let releases: Releases;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'shared-cache-'));
    releases = new Releases(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the build folder's files (null deletes one) and snapshots it into a release. */
  async function build(files: Record<string, string | null>): Promise<string> {
    const out = releases.beginBuild();
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(out, file);
      if (content === null) rmSync(full);
      else {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    return (await releases.snapshot()).release;
  }

  it('is everything for the first release, a rollback and a build after one that never went live', async () => {
    const first = await build({ 'client/index.html': 'a', 'client/news/x/1/index.html': 'one' });
    expect(changedUrlPaths(releases, null, first)).toBe('all');
    const second = await build({ 'client/index.html': 'b' });
    expect(changedUrlPaths(releases, second, first)).toBe('all'); // rollback
    await build({ 'client/index.html': 'c' }); // snapshotted, never switched live (a refused build)
    const fourth = await build({ 'client/index.html': 'd' });
    expect(changedUrlPaths(releases, first, fourth)).toBe('all');
  });

  it("is what a build wrote and removed since the live release's build, not what it left alone", async () => {
    const first = await build({
      'client/index.html': 'a',
      'client/news/x/1/index.html': 'one',
      'client/news/x/2/index.html': 'two',
      'client/_astro/site.css': 'css',
      'internal/story-paths.json': '{}',
    });
    const second = await build({
      'client/index.html': 'b',
      'client/news/x/2/index.html': null,
      'client/news/x/3/index.html': 'three',
      'internal/story-paths.json': '{"3":"/news/x/3"}',
    });
    expect(changedUrlPaths(releases, first, second)).toEqual(
      ['/', '/index.html', ...['/news/x/2', '/news/x/3'].flatMap((p) => [p, `${p}/`, `${p}/index.html`])].sort(),
    );
  });

  it('is the pages a fast publish wrote and took down, over it and when the build replaces it', async () => {
    const built = await build({ 'client/index.html': 'a', 'client/news/x/1/index.html': 'one' });
    releases.activate(built);
    const fast = releases.overlay({ 'client/index.html': 'b', 'client/news/x/9/index.html': 'nine' }, ['/news/x/1']);
    const over = ['/', '/index.html', ...['/news/x/1', '/news/x/9'].flatMap((p) => [p, `${p}/`, `${p}/index.html`])];
    expect(changedUrlPaths(releases, built, fast)).toEqual(over.sort());
    releases.activate(fast);
    const next = await build({ 'client/index.html': 'c', 'client/news/x/1/index.html': null });
    // What the build changed over its own base, and what the fast publish had put over it.
    expect(changedUrlPaths(releases, fast, next)).toEqual(over.sort());
  });
});

describe('HttpPurger', () => {
  let server: Server;
  let seen: string[];
  let base: string;
  let status: number;
  beforeEach(async () => {
    seen = [];
    status = 200;
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}${req.headers['x-purge-all'] ? ' (all)' : ''}`);
      res.writeHead(status);
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise((resolve) => server.close(resolve)));

  it('purges each path with PURGE, and everything with one PURGE marked X-Purge-All', async () => {
    const purger = new HttpPurger(base);
    await purger.purge(['/', '/news/x/1', '/tag/%E0%B8%9D/']);
    expect(seen.sort()).toEqual(['PURGE /', 'PURGE /news/x/1', 'PURGE /tag/%E0%B8%9D/']);
    seen = [];
    await purger.purgeAll();
    expect(seen).toEqual(['PURGE / (all)']);
  });

  it('turns a purge of thousands of paths (a build from nothing) into one of everything', async () => {
    await new HttpPurger(base).purge(Array.from({ length: 5000 }, (_, i) => `/news/x/${i}`));
    expect(seen).toEqual(['PURGE / (all)']);
  });

  it('fails naming the cache and the path when the cache refuses', async () => {
    status = 405;
    await expect(new HttpPurger(base).purge(['/news/x/1'])).rejects.toThrow(`PURGE /news/x/1 at ${base} answered 405`);
  });
});

describe('purgerFromEnv', () => {
  it.each([
    [{}, false],
    [{ CACHE_PURGE_URL: '' }, false],
    [{ CACHE_PURGE_URL: 'http://127.0.0.1:6081' }, true],
  ])('from %j gives a purger: %s', (env, expected) => {
    expect(purgerFromEnv(env) !== null).toBe(expected);
  });

  it('refuses an address that is not http(s)', () => {
    expect(() => purgerFromEnv({ CACHE_PURGE_URL: 'file:///etc/passwd' })).toThrow(/must be http\(s\)/);
  });
});

describe('SharedCache', () => {
  it('purges what a switch changed at once and again a second later, and logs a failed purge', async () => {
    vi.useFakeTimers();
    const dir = mkdtempSync(path.join(tmpdir(), 'shared-cache-'));
    try {
      const calls: string[][] = [];
      let fail = false;
      const purger: CachePurger = {
        purge: (paths) => {
          calls.push(paths);
          return fail ? Promise.reject(new Error('cache down')) : Promise.resolve();
        },
        purgeAll: () => {
          calls.push(['*']);
          return Promise.resolve();
        },
      };
      const lines: string[] = [];
      const { releases, cache } = releasesBehindCache(dir, purger, (line) => lines.push(line));
      expect(cache).toBeInstanceOf(SharedCache);
      const first = releases.create();
      mkdirSync(path.join(first, 'client'));
      releases.activate(first);
      await vi.advanceTimersByTimeAsync(1000);
      expect(calls).toEqual([['*'], ['*']]); // the first release: what a cache holds is unknown
      calls.length = 0;
      fail = true;
      releases.activate(releases.overlay({ 'client/index.html': 'b' }));
      expect(calls).toEqual([['/', '/index.html']]);
      await vi.advanceTimersByTimeAsync(999);
      expect(calls).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      await cache!.settled();
      expect(calls).toEqual([
        ['/', '/index.html'],
        ['/', '/index.html'],
      ]);
      expect(lines.filter((line) => line.includes('failed: cache down'))).toHaveLength(2);
    } finally {
      vi.useRealTimers();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is not there without a purger: switches tell no one', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'shared-cache-'));
    try {
      expect(releasesBehindCache(dir, null, () => {}).cache).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
