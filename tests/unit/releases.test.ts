import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { compressedPath } from '../../server/src/compression';
import { releaseFileOf, Releases } from '../../server/src/releases';
import { sameSecret } from '../../shared/same-secret';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function releasesWith(count: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'releases-'));
  dirs.push(dir);
  const releases = new Releases(dir);
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
    const release = releases.create();
    mkdirSync(path.join(release, 'client'));
    writeFileSync(path.join(release, 'client', 'index.html'), `release ${i}`);
    made.push(release);
  }
  return { releases, made, dir };
}

describe('Releases', () => {
  /** Writes `files` (path → content) into the build folder, as a build would. */
  function build(releases: Releases, files: Record<string, string>) {
    const dir = releases.beginBuild();
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), content);
    }
    return dir;
  }
  const ino = (file: string) => statSync(file).ino;

  it('builds in one fixed folder that is never a release, and snapshots it as the newest release', async () => {
    const { releases, made, dir } = releasesWith(1);
    const folder = build(releases, { 'client/index.html': 'front', 'client/news/1/index.html': 'story' });
    expect(folder).toBe(path.join(dir, '.build'));
    expect(releases.list()).toEqual(made); // the build folder is not a release
    const { release, pages } = await releases.snapshot();
    expect(releases.list()).toEqual([...made, release]);
    expect(pages).toBe(2);
    expect(readFileSync(path.join(release, 'client/news/1/index.html'), 'utf8')).toBe('story');
    // A copy, not the build folder's own file: the next build rewrites that one in place.
    expect(ino(path.join(release, 'client/index.html'))).not.toBe(ino(path.join(folder, 'client/index.html')));
    expect(readdirSync(dir)).not.toContain('.incoming');
  });

  it('hard-links the files a build left alone from the previous release, and copies the rest', async () => {
    const { releases } = releasesWith(0);
    build(releases, {
      'client/index.html': 'front v1',
      'client/news/1/index.html': 'story 1',
      'client/gone.html': 'x',
    });
    const first = (await releases.snapshot()).release;
    const folder = build(releases, { 'client/index.html': 'front v2 (longer)', 'client/news/2/index.html': 'story 2' });
    unlinkSync(path.join(folder, 'client/gone.html')); // what pruneStaleOutput does
    const second = (await releases.snapshot()).release;

    expect(ino(path.join(second, 'client/news/1/index.html'))).toBe(ino(path.join(first, 'client/news/1/index.html')));
    expect(ino(path.join(second, 'client/index.html'))).not.toBe(ino(path.join(first, 'client/index.html')));
    expect(readFileSync(path.join(second, 'client/index.html'), 'utf8')).toBe('front v2 (longer)');
    expect(readFileSync(path.join(second, 'client/news/2/index.html'), 'utf8')).toBe('story 2');
    expect(existsSync(path.join(second, 'client/gone.html'))).toBe(false);
    // The release that was live keeps what it had: nothing is written into a release.
    expect(readFileSync(path.join(first, 'client/index.html'), 'utf8')).toBe('front v1');
    expect(existsSync(path.join(first, 'client/gone.html'))).toBe(true);
  });

  it('compresses each page once, when it enters a release, and links the copies of pages a build left alone', async () => {
    const { releases } = releasesWith(0);
    const page = (n: number) => `<p>${`ข่าวที่ ${n} `.repeat(200)}</p>`; // over 1 KiB: worth compressing
    build(releases, { 'client/a.html': page(1), 'client/b.html': page(2), 'client/small.html': 'x' });
    const first = (await releases.snapshot()).release;
    build(releases, { 'client/b.html': page(3) });
    const second = (await releases.snapshot()).release;

    const br = (release: string, file: string) => compressedPath(release, file, 'br');
    const gz = (release: string, file: string) => compressedPath(release, file, 'gzip');
    expect(brotliDecompressSync(readFileSync(br(second, 'client/b.html'))).toString()).toBe(page(3));
    expect(gunzipSync(readFileSync(gz(second, 'client/b.html'))).toString()).toBe(page(3));
    // The unchanged page's copies are the earlier release's files; the changed one's are new.
    expect(ino(br(second, 'client/a.html'))).toBe(ino(br(first, 'client/a.html')));
    expect(ino(gz(second, 'client/a.html'))).toBe(ino(gz(first, 'client/a.html')));
    expect(brotliDecompressSync(readFileSync(br(first, 'client/b.html'))).toString()).toBe(page(2));
    // Too small to gain from it.
    expect(existsSync(br(second, 'client/small.html'))).toBe(false);
  });

  it('copies instead of linking when the previous release was removed', async () => {
    const { releases } = releasesWith(0);
    build(releases, { 'client/index.html': 'front' });
    const first = (await releases.snapshot()).release;
    rmSync(first, { recursive: true });
    build(releases, {});
    const second = (await releases.snapshot()).release;
    expect(readFileSync(path.join(second, 'client/index.html'), 'utf8')).toBe('front');
  });

  it('drops the build folder after a failed build, and one left by a build that never finished', async () => {
    const { releases, dir } = releasesWith(0);
    build(releases, { 'client/index.html': 'front' });
    const first = (await releases.snapshot()).release;
    const folder = build(releases, { 'client/half-written.html': 'x' });
    releases.resetBuild();
    expect(existsSync(folder)).toBe(false);
    // The next snapshot has nothing to link against, so it copies.
    build(releases, { 'client/index.html': 'front' });
    const second = (await releases.snapshot()).release;
    expect(ino(path.join(second, 'client/index.html'))).not.toBe(ino(path.join(first, 'client/index.html')));

    // A crash mid-build (no snapshot, no reset) leaves the marker: the next build starts empty.
    build(releases, { 'client/crashed.html': 'x' });
    expect(existsSync(path.join(releases.beginBuild(), 'client/crashed.html'))).toBe(false);
    expect(existsSync(path.join(dir, '.build'))).toBe(true);
  });

  it('has no live release before the first activation', () => {
    expect(releasesWith(1).releases.live()).toBeNull();
  });

  it('switches the live link to a release, as a symlink replaced by rename', () => {
    const { releases, made, dir } = releasesWith(2);
    releases.activate(made[0]!);
    expect(releases.live()).toBe(made[0]);
    releases.activate(made[1]!);
    expect(releases.live()).toBe(made[1]);
    expect(lstatSync(path.join(dir, 'live')).isSymbolicLink()).toBe(true);
    expect(releases.list()).toEqual(made); // no temporary link left behind as a release
  });

  it('prunes the oldest releases but never the live one', async () => {
    const { releases, made } = releasesWith(5);
    releases.activate(made[0]!);
    const removed = await releases.prune(2);
    expect(removed).toEqual([made[1], made[2]]);
    expect(releases.list()).toEqual([made[0], made[3], made[4]]);
  });

  it('rolls back to the release before the live one, and says so when there is none', () => {
    const { releases, made } = releasesWith(3);
    releases.activate(made[2]!);
    expect(releases.rollback()).toBe(made[1]);
    expect(releases.live()).toBe(made[1]);
    releases.activate(made[0]!);
    expect(() => releases.rollback()).toThrow(/no release older than/);
  });
});

describe('fast-publish releases', () => {
  it('overlay() holds just the given pages and reads everything else through the live release', () => {
    const { releases, made } = releasesWith(1);
    const live = made[0]!;
    mkdirSync(path.join(live, 'client', 'news', 'world', '7'), { recursive: true });
    writeFileSync(path.join(live, 'client', 'news', 'world', '7', 'index.html'), 'story 7');
    releases.activate(live);
    const fastPublish = releases.overlay({
      'client/index.html': 'front page, fast publish',
      'client/news/world/8/index.html': 'story 8',
    });
    expect(releases.isFastPublish(fastPublish)).toBe(true);
    expect(releases.isFastPublish(live)).toBe(false);
    expect(releases.layers(fastPublish)).toEqual([fastPublish, live]);
    expect(releases.built(fastPublish)).toBe(live);
    expect(releases.layers(live)).toEqual([live]);
    const files = readdirSync(path.join(fastPublish, 'client'), { recursive: true }).map(String).sort();
    expect(files).toEqual(['index.html', 'news', 'news/world', 'news/world/8', 'news/world/8/index.html']);
    expect(readFileSync(path.join(fastPublish, 'client', 'index.html'), 'utf8')).toBe('front page, fast publish');
    // The live release is untouched.
    expect(readFileSync(path.join(live, 'client', 'index.html'), 'utf8')).toBe('release 0');
    expect(existsSync(path.join(live, 'client', 'news', 'world', '8'))).toBe(false);
    expect(releases.list()).toEqual([live, fastPublish]);
  });

  it('overlay() compresses the pages it writes and carries the copies of those it keeps', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const page = (n: number) => `<p>${`ข่าวด่วน ${n} `.repeat(200)}</p>`;
    const first = releases.overlay({ 'client/index.html': page(1), 'client/news/a/1/index.html': page(2) });
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': page(3) });
    const br = (release: string, file: string) => compressedPath(release, file, 'br');
    const ino = (file: string) => statSync(file).ino;
    expect(brotliDecompressSync(readFileSync(br(second, 'client/index.html'))).toString()).toBe(page(3));
    expect(ino(br(second, 'client/news/a/1/index.html'))).toBe(ino(br(first, 'client/news/a/1/index.html')));
    // Nothing of the release before was written: its front page's copy is its own.
    expect(brotliDecompressSync(readFileSync(br(first, 'client/index.html'))).toString()).toBe(page(1));
  });

  it('overlay() over a fast-publish release keeps its pages and its base', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const first = releases.overlay({ 'client/index.html': 'front 1', 'client/news/a/1/index.html': 'story 1' });
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'front 2', 'client/news/a/2/index.html': 'story 2' });
    expect(releases.layers(second)).toEqual([second, made[0]]);
    const read = (file: string) => readFileSync(path.join(second, 'client', file), 'utf8');
    expect([read('index.html'), read('news/a/1/index.html'), read('news/a/2/index.html')]).toEqual([
      'front 2',
      'story 1',
      'story 2',
    ]);
    expect(readFileSync(path.join(first, 'client', 'index.html'), 'utf8')).toBe('front 1');
  });

  it('overlay() takes pages down, keeps them down over a later overlay, and brings one back when it is written again', () => {
    const { releases, made } = releasesWith(1);
    const live = made[0]!;
    for (const n of [1, 2]) {
      mkdirSync(path.join(live, 'client', 'news', 'a', String(n)), { recursive: true });
      writeFileSync(path.join(live, 'client', 'news', 'a', String(n), 'index.html'), `story ${n}`);
    }
    releases.activate(live);
    const first = releases.overlay({ 'client/news/a/3/index.html': 'story 3' }, ['/news/a/1', '/news/a/3']);
    // A path written in the same overlay is live, not gone.
    expect([...releases.gone(first)]).toEqual(['/news/a/1']);
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'front' }, ['/news/a/2']);
    expect([...releases.gone(second)].sort()).toEqual(['/news/a/1', '/news/a/2']);
    expect(readFileSync(path.join(second, 'client', 'news', 'a', '3', 'index.html'), 'utf8')).toBe('story 3');
    releases.activate(second);
    const third = releases.overlay({ 'client/news/a/1/index.html': 'story 1 again' });
    expect([...releases.gone(third)]).toEqual(['/news/a/2']);
    expect(releases.gone(live).size).toBe(0);
  });

  it('overlay() does not carry a taken-down page over from an earlier fast-publish release', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const first = releases.overlay({ 'client/news/a/5/index.html': 'story 5' });
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'front' }, ['/news/a/5']);
    expect(existsSync(path.join(second, 'client', 'news', 'a', '5', 'index.html'))).toBe(false);
    expect([...releases.gone(second)]).toEqual(['/news/a/5']);
  });

  it('overlay() takes a file down as it takes a page down', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const first = releases.overlay({ 'client/live/5.json': '{}', 'client/live/6.json': '{}' });
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'front' }, ['/live/5.json']);
    expect(existsSync(path.join(second, 'client', 'live', '5.json'))).toBe(false);
    expect(existsSync(path.join(second, 'client', 'live', '6.json'))).toBe(true);
  });

  it.each([
    ['/', 'client/index.html'],
    ['/news/politics/12', 'client/news/politics/12/index.html'],
    ['/news/politics/page/3/', 'client/news/politics/page/3/index.html'],
    ['/live/12.json', 'client/live/12.json'],
    ['/news/politics/rss.xml', 'client/news/politics/rss.xml'],
  ])('releaseFileOf(%s) is %s', (pathname, file) => {
    expect(releaseFileOf(pathname)).toBe(path.join(...file.split('/')));
  });

  it("overlay() merges fast publishes' search changes, a takedown dropping a story published before", () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const doc = { p: '/news/a/4', t: 'ข่าว', s: 'ข่าว', d: '', e: null };
    const first = releases.overlay({ 'client/index.html': 'f1' }, [], releases.live(), {
      stories: [],
      removed: [],
      search: { stories: { '4': { doc, w: 'ข่าว', t: 'ข่าว' } }, removed: [2] },
    });
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'f2' }, [], releases.live(), {
      stories: [],
      removed: [],
      search: { stories: {}, removed: [4] },
    });
    expect(releases.delta(second)?.search).toEqual({ stories: {}, removed: [2, 4] });
  });

  it('overlay() keeps what fast-publish releases changed in the catalog, the later change winning', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const story = (documentId: string, title: string) => ({ documentId, title }) as never;
    const first = releases.overlay({ 'client/index.html': 'f1' }, [], releases.live(), {
      stories: [story('a', 'A'), story('b', 'B')],
      removed: ['x'],
    });
    expect(releases.delta(made[0]!)).toBeNull();
    releases.activate(first);
    const second = releases.overlay({ 'client/index.html': 'f2' }, [], releases.live(), {
      stories: [story('a', 'A2'), story('x', 'X back')],
      removed: ['b'],
    });
    expect(releases.delta(second)).toEqual({
      stories: [story('a', 'A2'), story('x', 'X back')],
      removed: ['b'],
    });
    // The release before keeps its own: nothing is written into a release once made.
    expect(releases.delta(first)).toEqual({ stories: [story('a', 'A'), story('b', 'B')], removed: ['x'] });
    // Carried onto a new built base, the delta goes with the files.
    const carried = releases.overlay(releases.ownFiles(second), [], made[0], releases.delta(second)!);
    expect(releases.delta(carried)).toEqual(releases.delta(second));
    expect(releases.ownFiles(carried)).toEqual({ 'client/index.html': 'f2' });
  });

  it('overlay() needs a live release', () => {
    const { releases } = releasesWith(1);
    expect(() => releases.overlay({ 'client/index.html': 'x' })).toThrow(/no live release/);
  });

  it('prune() drops replaced fast-publish releases but the one just before the live release, and keeps bases', async () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    const fast1 = releases.overlay({ 'client/index.html': 'e1' });
    const built1 = releases.create();
    releases.activate(built1);
    const fast2 = releases.overlay({ 'client/index.html': 'e2' });
    const built2 = releases.create();
    releases.activate(built2);
    expect(await releases.prune(5)).toEqual([fast1]);
    expect(releases.list()).toEqual([made[0], built1, fast2, built2]);
    // With one build to keep, the base of the fast-publish release before the live one stays too.
    expect(await releases.prune(1)).toEqual([made[0]]);
    expect(releases.list()).toEqual([built1, fast2, built2]);
    // The fast-publish release that is live stays, whatever its age, and so does its base.
    releases.activate(fast2);
    expect(await releases.prune(1)).toEqual([]);
  });

  it('rollback() passes over fast-publish releases to the build before', () => {
    const { releases, made } = releasesWith(1);
    releases.activate(made[0]!);
    releases.overlay({ 'client/index.html': 'fast publish' });
    const built = releases.create();
    releases.activate(built);
    expect(releases.rollback()).toBe(made[0]);
  });
});

describe('sameSecret', () => {
  it.each([
    ['s3cret', 's3cret', true],
    ['s3cret', 's3creT', false],
    ['', 's3cret', false],
    ['s3cret-and-more', 's3cret', false],
  ])('%j vs %j → %s', (given, expected, same) => {
    expect(sameSecret(given, expected)).toBe(same);
  });
});
