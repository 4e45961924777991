import { randomBytes } from 'node:crypto';
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { internalFile, LIST_SIZES, STORY_PATHS } from '../../shared/internal-output.ts';
import type { CatalogDelta } from '../../src/lib/server/fast-publish-plan.ts';
import { mergeRecentChanges } from '../../src/lib/search.ts';
import { carryCompressed, isCompressedCopy, writeCompressed } from './compression.ts';
import { removeInWorker, snapshotInWorker, type Stamp } from './snapshot.ts';

const LIVE = 'live';
const BUILD = '.build';
// Present while a build runs: a build folder that still has it was left by a crash.
const BUILDING = '.build-running';
// What the last snapshot saw of the build folder (see snapshot()).
const SNAPSHOT_INDEX = '.build-snapshot.json';
// A release being assembled; renamed to its final name when complete.
const INCOMING = '.incoming';
// Marks a fast-publish release (see overlay()); outside client/, so never served.
const FAST_PUBLISH_MARK = '.fast-publish';
// A fast-publish release's taken-down paths (see overlay()); outside client/, so never served.
const GONE = '.gone.json';
// What fast-publish releases changed over their base's catalog (see overlay()); never served.
const DELTA = '.catalog-delta.json';
// What a built release's snapshot changed since the release before it (see changes()); never served.
const CHANGES = '.changes.json';
// Release folders are named so that sorting by name sorts by age.
const RELEASE_NAME = /^r\d{13}-[0-9a-f]{6}$/;

/** An internal JSON record of a built release; empty when it has no such file (a release of an older version). */
function internalRecord<T>(release: string, route: string): Record<string, T> {
  const file = internalFile(release, route);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, T>) : {};
}

/**
 * Where the file a site path is served from lives in a release: a page's folder holds it
 * (`/news/x/1` → `client/news/x/1/index.html`), a path with an extension is the file itself
 * (`/live/1.json` → `client/live/1.json`).
 */
export function releaseFileOf(pathname: string): string {
  const relative = pathname.replace(/^\/|\/$/g, '');
  return /\.[a-z0-9]+$/i.test(path.posix.basename(relative))
    ? path.join('client', relative)
    : path.join('client', relative, 'index.html');
}

/**
 * The delta of a fast-publish release made over another: `later` over `earlier`. A story taken
 * down and published again is back, and the other way round.
 */
function mergeDeltas(earlier: CatalogDelta, later: CatalogDelta): CatalogDelta {
  const stories = new Map(earlier.stories.map((story) => [story.documentId, story]));
  const removed = new Set(earlier.removed);
  for (const documentId of later.removed) {
    stories.delete(documentId);
    removed.add(documentId);
  }
  for (const story of later.stories) {
    removed.delete(story.documentId);
    stories.set(story.documentId, story);
  }
  const search = later.search ? mergeRecentChanges(earlier.search, later.search) : earlier.search;
  return { stories: [...stories.values()], removed: [...removed].sort(), ...(search ? { search } : {}) };
}

/**
 * What a built release changed over the built release its snapshot started from (`since`, a
 * folder name; null when every file was copied): files by path in the release.
 */
export interface ReleaseChanges {
  since: string | null;
  files: string[];
}

/** Called after every switch of the live release, with the release live before (or null) and the new one. */
export type SwitchListener = (previous: string | null, next: string) => void;

/** What the last snapshot saw of the build folder, and the release it made. */
interface SnapshotIndex {
  release: string;
  files: Record<string, Stamp>;
}

/**
 * Release folders of the built site. Builds write to one build folder; each successful build
 * becomes a new release folder (a snapshot of it); the `live` symlink names the one readers
 * get, and is switched with rename(2), which is atomic: a reader sees the old release or the
 * new one, never a half-written mix.
 */
export class Releases {
  readonly dir: string;
  private readonly onSwitch: SwitchListener | undefined;

  /** `onSwitch` hears of every switch, made by any caller (a shared cache forgets what changed). */
  constructor(dir: string, options: { onSwitch?: SwitchListener } = {}) {
    this.dir = dir;
    this.onSwitch = options.onSwitch;
    mkdirSync(dir, { recursive: true });
  }

  /** A new, empty release folder, named to sort after every other (for tests and imports). */
  create(): string {
    const dir = this.nextName();
    mkdirSync(dir);
    return dir;
  }

  /**
   * The folder the next build writes to, always the same path: Astro bakes its output folder
   * into the code of pages with images, and keeps unchanged pages in place between builds
   * (astro.config.mjs), so a deploy writes only what changed. It is never served: readers get
   * snapshots of it (snapshot()). A folder left by a build that never finished is emptied first.
   */
  beginBuild(): string {
    if (existsSync(path.join(this.dir, BUILDING))) this.resetBuild();
    const dir = path.join(this.dir, BUILD);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(this.dir, BUILDING), new Date().toISOString());
    return dir;
  }

  /**
   * The build folder, for a build made elsewhere (CI) to be copied into before snapshot():
   * with its files' times kept (rsync -a), unchanged pages are hard-linked, not copied.
   */
  buildFolder(): string {
    return path.join(this.dir, BUILD);
  }

  /**
   * Drops the build folder after a failed build, whose half-updated pages must not be taken
   * for finished ones; the next build starts empty and restores pages from Astro's cache.
   */
  resetBuild(): void {
    for (const name of [BUILD, SNAPSHOT_INDEX, BUILDING])
      rmSync(path.join(this.dir, name), { recursive: true, force: true });
  }

  /**
   * Turns the finished build folder into a new release. A file the build did not touch since
   * the last snapshot (same inode, size and modification time) is hard-linked from the release
   * that snapshot made, instead of copied: releases are never written after they are made, so
   * sharing files between them is safe, and a deploy at 10,000 stories copies the ~340 files
   * the build wrote (re-rendered pages, feeds, bundles, images) instead of all 10,900. The
   * release appears under its name only once complete.
   */
  async snapshot(): Promise<{ release: string; pages: number }> {
    const index = this.readSnapshotIndex();
    const previous =
      index && existsSync(path.join(this.dir, index.release)) ? path.join(this.dir, index.release) : null;
    const incoming = path.join(this.dir, INCOMING);
    rmSync(incoming, { recursive: true, force: true });
    const { files, changed } = await snapshotInWorker({
      from: path.join(this.dir, BUILD),
      to: incoming,
      previous,
      previousFiles: index?.files ?? {},
    });
    const changes: ReleaseChanges = { since: previous && path.basename(previous), files: changed };
    writeFileSync(path.join(incoming, CHANGES), JSON.stringify(changes));
    const release = this.nextName();
    renameSync(incoming, release);
    const next: SnapshotIndex = { release: path.basename(release), files };
    writeFileSync(path.join(this.dir, SNAPSHOT_INDEX), JSON.stringify(next));
    rmSync(path.join(this.dir, BUILDING), { force: true });
    const pages = Object.keys(files).filter((file) => file.startsWith(`client${path.sep}`) && file.endsWith('.html'));
    return { release, pages: pages.length };
  }

  /**
   * A new release that is the live one (or `over`) with `files` (paths relative to the
   * release, e.g. `client/index.html`) written over it and the site paths in `gone` taken down:
   * the fast publish's release. It holds only those files and names its base release, where
   * every other file is looked up (layers()), so it costs a few writes at any size of site;
   * `delta` says what the files change in the base's catalog. Over a live fast-publish release it
   * keeps that release's own files, taken-down paths, delta and base (a path written again is
   * no longer gone). It stands in for the build that follows: rollback passes over it and prune
   * drops it once it is not needed.
   */
  overlay(
    files: Record<string, string>,
    gone: string[] = [],
    over: string | null = this.live(),
    delta: CatalogDelta = { stories: [], removed: [] },
  ): string {
    const live = over;
    if (!live) throw new Error('no live release to start a fast-publish release from');
    const base = this.built(live);
    const incoming = path.join(this.dir, `${INCOMING}-fast-publish`);
    rmSync(incoming, { recursive: true, force: true });
    mkdirSync(incoming);
    const write = (relative: string, make: (target: string) => void) => {
      const target = path.join(incoming, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      make(target);
    };
    const kept = new Set(gone);
    if (base !== live) {
      for (const entry of readdirSync(live, { recursive: true, withFileTypes: true })) {
        const relative = path.relative(live, path.join(entry.parentPath, entry.name));
        if (
          !entry.isFile() ||
          relative === FAST_PUBLISH_MARK ||
          relative === GONE ||
          // Rewritten below: linking it would write into the release before (a shared inode).
          relative === DELTA ||
          isCompressedCopy(relative) ||
          Object.hasOwn(files, relative)
        )
          continue;
        // The page of a taken-down story is not carried over.
        if (gone.some((pathname) => releaseFileOf(pathname) === relative)) continue;
        write(relative, (target) => linkSync(path.join(live, relative), target));
        carryCompressed(live, incoming, relative, statSync(path.join(live, relative)).size);
      }
      for (const pathname of this.gone(live)) kept.add(pathname);
    }
    for (const [relative, content] of Object.entries(files)) {
      write(relative, (target) => writeFileSync(target, content));
      writeCompressed(incoming, relative, Buffer.from(content));
      for (const pathname of kept) if (releaseFileOf(pathname) === relative) kept.delete(pathname);
    }
    if (kept.size > 0) writeFileSync(path.join(incoming, GONE), JSON.stringify([...kept].sort()));
    const inherited = base !== live ? this.delta(live) : null;
    writeFileSync(path.join(incoming, DELTA), JSON.stringify(inherited ? mergeDeltas(inherited, delta) : delta));
    writeFileSync(path.join(incoming, FAST_PUBLISH_MARK), path.basename(base));
    const release = this.nextName();
    renameSync(incoming, release);
    return release;
  }

  /** A fast-publish release's own files (not its base's), by path in the release, for overlay() over another base. */
  ownFiles(release: string): Record<string, string> {
    return Object.fromEntries(
      this.ownFilePaths(release).map((relative) => [relative, readFileSync(path.join(release, relative), 'utf8')]),
    );
  }

  /** The paths (in the release, e.g. `client/index.html`) of a fast-publish release's own files. */
  ownFilePaths(release: string): string[] {
    return readdirSync(path.join(release, 'client'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(release, path.join(entry.parentPath, entry.name)));
  }

  /** What built release `release` changed over the one its snapshot started from; null when unknown. */
  changes(release: string): ReleaseChanges | null {
    try {
      return JSON.parse(readFileSync(path.join(release, CHANGES), 'utf8')) as ReleaseChanges;
    } catch {
      return null; // made by create() or by an older version
    }
  }

  /** When a release was made (from its name, which sorts by age), in epoch milliseconds. */
  createdAt(release: string): number {
    return Number(path.basename(release).slice(1, 14));
  }

  /** What a fast-publish release (with those under it) changed over its base's catalog; null for a built one. */
  delta(release: string): CatalogDelta | null {
    const file = path.join(release, DELTA);
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CatalogDelta) : null;
  }

  /**
   * The delta file of whatever release is live when it is read (through the `live` link): a
   * worker kept across deploys reads the current one. Absent while a built release is live.
   */
  liveDeltaFile(): string {
    return path.join(this.dir, LIVE, DELTA);
  }

  /** The site paths a fast-publish release took down (answered 404 whatever its base holds). */
  gone(release: string): Set<string> {
    try {
      return new Set(JSON.parse(readFileSync(path.join(release, GONE), 'utf8')) as string[]);
    } catch {
      return new Set();
    }
  }

  /** True for a release made by overlay(). */
  isFastPublish(release: string): boolean {
    return this.baseOf(release) !== null;
  }

  /** The base release of a fast-publish release, or null for a built one. */
  baseOf(release: string): string | null {
    try {
      return path.join(this.dir, readFileSync(path.join(release, FAST_PUBLISH_MARK), 'utf8').trim());
    } catch {
      return null;
    }
  }

  /**
   * The folders to look a release's files up in, in order: a fast-publish release's own, then its
   * base's; a built release alone.
   */
  layers(release: string): string[] {
    const base = this.baseOf(release);
    return base ? [release, base] : [release];
  }

  /** The built release a release rests on (itself, or a fast-publish release's base): its server code and lists. */
  built(release: string): string {
    return this.baseOf(release) ?? release;
  }

  private readSnapshotIndex(): SnapshotIndex | null {
    try {
      return JSON.parse(readFileSync(path.join(this.dir, SNAPSHOT_INDEX), 'utf8')) as SnapshotIndex;
    } catch {
      return null; // first snapshot, or after resetBuild(): every file is copied
    }
  }

  private nextName(): string {
    const newest = this.list().at(-1);
    const newestStamp = newest ? Number(path.basename(newest).slice(1, 14)) : 0;
    const stamp = Math.max(Date.now(), newestStamp + 1);
    return path.join(this.dir, `r${stamp}-${randomBytes(3).toString('hex')}`);
  }

  /**
   * Every story's current path by story number in built release `release` (its build's
   * story-paths file), or none when it has no such file (a release of an older version).
   */
  storyPaths(release: string): Record<string, string> {
    return internalRecord<string>(release, STORY_PATHS);
  }

  /** How many stories each story list of built release `release` has, by its base path; none without the file. */
  listSizes(release: string): Record<string, number> {
    return internalRecord<number>(release, LIST_SIZES);
  }

  /** Every release folder, oldest first. */
  list(): string[] {
    return readdirSync(this.dir)
      .filter((name) => RELEASE_NAME.test(name))
      .sort()
      .map((name) => path.join(this.dir, name));
  }

  /** The live release folder, or null before the first successful build. */
  live(): string | null {
    const link = path.join(this.dir, LIVE);
    if (!existsSync(link)) return null;
    return realpathSync(link);
  }

  /** Makes `release` live in one atomic step, then tells the switch listener. */
  activate(release: string): void {
    const previous = this.live();
    const temp = path.join(this.dir, `.${LIVE}-${randomBytes(4).toString('hex')}`);
    symlinkSync(path.basename(release), temp);
    renameSync(temp, path.join(this.dir, LIVE));
    this.onSwitch?.(previous, release);
  }

  /**
   * Deletes the oldest built releases beyond `keep` and the fast-publish releases already replaced,
   * never the live one, in a worker thread (see removeInWorker()).
   */
  async prune(keep: number): Promise<string[]> {
    const live = this.live();
    const all = this.list();
    const built = all.filter((dir) => !this.isFastPublish(dir));
    // A fast-publish release goes once replaced, but not while it may still answer a request that
    // began just before the switch: the one right before the live release stays, and so do
    // the bases these two read through.
    const before = live ? all[all.indexOf(live) - 1] : undefined;
    const needed = new Set([live, before].flatMap((dir) => (dir ? this.layers(dir) : [])));
    const removable = [
      ...built.slice(0, Math.max(0, built.length - keep)),
      ...all.filter((dir) => this.isFastPublish(dir)),
    ].filter((dir) => !needed.has(dir));
    await removeInWorker(removable);
    return removable;
  }

  /**
   * Makes the built release before the live one live again (fast-publish releases are passed over:
   * each showed one publish ahead of its build); returns it, or throws when there is none.
   */
  rollback(): string {
    const live = this.live();
    const all = this.list();
    const index = live ? all.indexOf(live) : -1;
    const previous = all.slice(0, Math.max(0, index)).findLast((dir) => !this.isFastPublish(dir));
    if (!previous) throw new Error(`no release older than ${live ? path.basename(live) : 'none'} to roll back to`);
    this.activate(previous);
    return previous;
  }

  /** The live release's folder name, for status output. */
  liveName(): string | null {
    const live = this.live();
    return live && path.basename(live);
  }
}
