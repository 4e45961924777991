import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { expressPublish, type ExpressOptions } from './express.ts';
import { buildSite, type SiteBuild } from './newsroom.ts';
import { Publisher, type BuildFn, type ExpressRecord, type PublisherTiming } from './publisher.ts';
import { publishedPrint, restTypes, storiesOnlyAdvanced } from './published-print.ts';
import { Releases } from './releases.ts';
import { createSiteServer } from './site-server.ts';

// Terminal colour codes, stripped before matching build output lines.
const ANSI = /\x1b\[[0-9;]*m/g;
// A webhook build with nothing published changed still runs after this long: the content
// loader's hourly full sync is what catches changes no updatedAt shows (a picture's alt text).
const REBUILD_UNCHANGED_AFTER_MS = 3_600_000;

/**
 * A build that deploys: the site is built in the build folder, which becomes a new release
 * folder and goes live with one atomic switch only when the build succeeded; after a failed
 * build the build folder is dropped and the previous release stays live. Keeps the newest
 * `keep` releases for rollback. A webhook build is skipped when nothing published changed
 * since the last build (a writer saved a draft): a publish then never waits behind a build
 * that could not change the site. With `express`, a webhook build in which only published
 * stories changed first puts their pages and the front page live (scripts/lib/express.ts).
 */
export function deployingBuild(
  releases: Releases,
  build: Omit<SiteBuild, 'outDir' | 'cacheDir'>,
  keep: number,
  express?: ExpressOptions,
): BuildFn {
  const types = restTypes();
  let last: { print: string; at: number } | null = null;
  return async ({ onlyIfChanged, onExpress }) => {
    const started = performance.now();
    // When the CMS cannot answer, the build runs and reports why it failed.
    const print = await publishedPrint(build.cmsUrl, build.token, types).catch(() => null);
    if (onlyIfChanged && print !== null && print === last?.print && Date.now() - last.at < REBUILD_UNCHANGED_AFTER_MS) {
      return null;
    }
    if (express && onlyIfChanged && print !== null && last && storiesOnlyAdvanced(last.print, print)) {
      const record = await tryExpress(releases, express, started);
      onExpress?.(record);
    }
    const outDir = releases.beginBuild();
    let reused = 0;
    // Astro marks each page it took from the incremental cache "(restored)" or "(cached)".
    const countReused = (line: string) => {
      if (/\((restored|cached)\)\s*$/.test(line.replace(ANSI, ''))) reused++;
    };
    try {
      await buildSite({ ...build, outDir, cacheDir: path.join(releases.dir, '.astro-cache') }, null, countReused);
    } catch (error) {
      releases.resetBuild();
      throw error;
    }
    const { release, pages } = await releases.snapshot();
    releases.activate(release);
    if (print !== null) last = { print, at: Date.now() };
    await releases.prune(keep);
    return { release: path.basename(release), pages, reused };
  };
}

/** An express publish as its record says it went; never throws (the full build follows regardless). */
async function tryExpress(releases: Releases, express: ExpressOptions, started: number): Promise<ExpressRecord> {
  const record = (fields: Omit<ExpressRecord, 'durationMs'>): ExpressRecord => ({
    ...fields,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const outcome = await expressPublish(releases, express);
    const { phases } = outcome;
    return outcome.ok
      ? record({ result: 'live', release: outcome.release, pages: outcome.pages, detail: null, phases })
      : record({ result: 'skipped', release: null, pages: 0, detail: outcome.reason, phases });
  } catch (error) {
    return record({
      result: 'failed',
      release: null,
      pages: 0,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Options of the live site. */
export interface LiveSiteOptions {
  releasesDir: string;
  keep: number;
  build: Omit<SiteBuild, 'outDir' | 'cacheDir'>;
  hookSecret: string;
  /** Checks the signed links of draft previews (the on-demand /preview/ route). */
  previewSecret?: string;
  host: string;
  port: number;
  log: (line: string) => void;
  timing?: PublisherTiming;
}

/** The site server with its publisher, listening. */
export interface LiveSite {
  url: string;
  releases: Releases;
  publisher: Publisher;
  server: Server;
  close(): Promise<void>;
}

/** Starts the reader-facing server and the publish pipeline behind its hook. */
export async function startLiveSite(options: LiveSiteOptions): Promise<LiveSite> {
  const releases = new Releases(options.releasesDir);
  // Drawn per site, known only to its publisher and the render workers it starts.
  const express: ExpressOptions = { key: randomBytes(32).toString('base64url') };
  const publisher = new Publisher(
    deployingBuild(releases, options.build, options.keep, express),
    options.log,
    options.timing,
  );
  // The on-demand routes read astro:env from process.env: previews run in this process, the
  // express render in workers that start with a copy of it.
  Object.assign(process.env, {
    CMS_URL: options.build.cmsUrl,
    CMS_READ_TOKEN: options.build.token,
    SITE_URL: options.build.siteUrl,
    PREVIEW_SECRET: options.previewSecret ?? '',
  });
  const server = createSiteServer({ releases, publisher, hookSecret: options.hookSecret });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, resolve);
  });
  return {
    url: `http://${options.host}:${options.port}`,
    releases,
    publisher,
    server,
    async close() {
      publisher.stop();
      await publisher.idle();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
