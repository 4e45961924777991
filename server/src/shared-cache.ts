import path from 'node:path';
import { releaseFileOf, Releases } from './releases.ts';

/**
 * A shared cache in front of the site (Varnish, a CDN) that can be told to forget URLs. The
 * site server lets such a cache keep pages for minutes (cache-policy.ts); on every switch of
 * the live release the publisher tells it which URLs changed, so a publish or a takedown is seen
 * through the cache as soon as on the site server itself.
 */
export interface CachePurger {
  /** Makes the cache forget these site paths (percent-encoded, as readers' browsers ask for them). */
  purge(paths: string[]): Promise<void>;
  /** Makes the cache forget every page: when what changed is not known (a rollback, a first build). */
  purgeAll(): Promise<void>;
}

/** More changed paths than this are purged as one "everything" (a build from nothing rewrites every page). */
const MOST_PATHS = 2000;
/** PURGE requests in flight at once. */
const CONCURRENCY = 8;

/**
 * The purge interface of Varnish (site.vcl), Fastly, Squid and nginx's cache purge module: an HTTP
 * `PURGE` of each path at the cache's address; everything through a `PURGE` of `/` marked
 * `X-Purge-All: 1` (site.vcl bans every object). An answer other than 2xx, or no answer, is an
 * error naming the cache and the path.
 */
export class HttpPurger implements CachePurger {
  private readonly base: string;

  /** `base`: the cache's address, e.g. `http://127.0.0.1:6081`. */
  constructor(base: string) {
    this.base = base;
  }

  async purge(paths: string[]): Promise<void> {
    if (paths.length > MOST_PATHS) return this.purgeAll();
    const queue = [...paths];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await this.send(next);
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  }

  purgeAll(): Promise<void> {
    return this.send('/', { 'x-purge-all': '1' });
  }

  private async send(sitePath: string, headers: Record<string, string> = {}): Promise<void> {
    const url = new URL(sitePath, this.base);
    const response = await fetch(url, { method: 'PURGE', headers, signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    const what = headers['x-purge-all'] ? 'PURGE (all)' : `PURGE ${url.pathname}`;
    if (!response.ok) throw new Error(`${what} at ${this.base} answered ${response.status}`);
  }
}

/**
 * The purger CACHE_PURGE_URL names (the address of the shared cache's purge interface, e.g.
 * `http://127.0.0.1:6081`), or null when the site has no shared cache in front of it.
 */
export function purgerFromEnv(env: NodeJS.ProcessEnv = process.env): CachePurger | null {
  const url = env.CACHE_PURGE_URL?.trim();
  if (!url) return null;
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`CACHE_PURGE_URL must be http(s), not ${url}`);
  return new HttpPurger(url);
}

/** A site path as a browser sends it: each segment percent-encoded (Thai tag names), uppercase hex. */
const encodedPath = (sitePath: string) => sitePath.split('/').map(encodeURIComponent).join('/');

/**
 * Every spelling a reader's request for `file` (a path in a release, e.g.
 * `client/news/x/1/index.html`) can have, as the site server resolves them: the page's folder
 * with and without its slash and the file itself. Empty for what readers are never served.
 */
export function urlPathsOf(file: string): string[] {
  const parts = file.split(path.sep);
  if (parts[0] !== 'client') return []; // server code, internal files, compressed copies
  const sitePath = `/${parts.slice(1).join('/')}`;
  const spellings = [sitePath];
  if (sitePath.endsWith('/index.html')) {
    const folder = sitePath.slice(0, -'index.html'.length);
    spellings.push(folder);
    if (folder !== '/') spellings.push(folder.slice(0, -1));
  } else if (sitePath.endsWith('.html')) spellings.push(sitePath.slice(0, -'.html'.length));
  return spellings.map(encodedPath);
}

/** A fast-publish release's own pages and taken-down paths, as URL paths. */
function fastPublishPaths(releases: Releases, release: string): string[] {
  const gone = [...releases.gone(release)].map(releaseFileOf);
  return [...releases.ownFilePaths(release), ...gone].flatMap(urlPathsOf);
}

/**
 * The URL paths whose answer may differ between live release `previous` and `next`, or `all` when
 * that is not known. A built release knows what its snapshot changed over the built release
 * before it; a fast-publish release, the pages it wrote and took down. Anything else (a rollback,
 * a build after a refused one, the first release) is `all`. A path that did not change costs
 * the cache one miss; one that changed and is missed would be served stale, so when in doubt a
 * path is in.
 */
export function changedUrlPaths(releases: Releases, previous: string | null, next: string): string[] | 'all' {
  if (previous === null) return 'all';
  const before = releases.built(previous);
  const after = releases.built(next);
  const paths = new Set<string>();
  if (before !== after) {
    const changes = releases.changes(after);
    if (!changes || changes.since !== path.basename(before)) return 'all';
    for (const file of changes.files) for (const url of urlPathsOf(file)) paths.add(url);
  }
  for (const release of [previous, next]) {
    if (releases.isFastPublish(release)) for (const url of fastPublishPaths(releases, release)) paths.add(url);
  }
  return [...paths].sort();
}

/**
 * How long after a switch the changed URLs are purged a second time: a reader's request that
 * reached the site server just before the switch can be answered with the old page after the
 * first purge, and the cache would keep that answer. A static file is answered in milliseconds.
 */
const SECOND_PURGE_MS = 1000;

/**
 * Tells a shared cache what each switch of the live release changed (Releases' switch listener):
 * at once, and again SECOND_PURGE_MS later. A failed purge is logged; the cache then serves the
 * old answer at most until it expires (cache-policy.ts), and the next switch that changes the
 * same URL purges it again.
 */
export class SharedCache {
  private readonly pending = new Set<Promise<void>>();
  private readonly purger: CachePurger;
  private readonly log: (line: string) => void;

  constructor(purger: CachePurger, log: (line: string) => void) {
    this.purger = purger;
    this.log = log;
  }

  /** Releases' switch listener: purges what changed between `previous` and `next`. */
  switched(releases: Releases, previous: string | null, next: string): void {
    let changed: string[] | 'all';
    try {
      changed = changedUrlPaths(releases, previous, next);
    } catch (error) {
      this.log(`cache: what changed is unknown (${error instanceof Error ? error.message : String(error)})`);
      changed = 'all';
    }
    const purge = () => (changed === 'all' ? this.purger.purgeAll() : this.purger.purge(changed));
    const what = changed === 'all' ? 'everything' : `${changed.length} URL(s)`;
    const track = (work: Promise<void>) => {
      const done = work.catch((error: unknown) =>
        this.log(`cache: purge of ${what} failed: ${error instanceof Error ? error.message : String(error)}`),
      );
      this.pending.add(done);
      void done.finally(() => this.pending.delete(done));
    };
    if (changed !== 'all' && changed.length === 0) return;
    track(purge().then(() => this.log(`cache: purged ${what} for ${path.basename(next)}`)));
    track(new Promise((resolve) => setTimeout(resolve, SECOND_PURGE_MS)).then(purge));
  }

  /** Resolves once every purge begun so far has ended (for command-line entry points and tests). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}

/**
 * The releases in `dir`, with every switch of the live release purged from the shared cache
 * `purger` names (none: no cache in front, nothing to tell). Every entry point that switches
 * releases (the publisher, deploy:build, rollback) opens them through here.
 */
export function releasesBehindCache(
  dir: string,
  purger: CachePurger | null,
  log: (line: string) => void,
): { releases: Releases; cache: SharedCache | null } {
  const cache = purger && new SharedCache(purger, log);
  const releases: Releases = new Releases(
    dir,
    cache ? { onSwitch: (previous, next) => cache.switched(releases, previous, next) } : {},
  );
  return { releases, cache };
}
