import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_SUMMARY, internalFile } from '../../shared/internal-output.ts';
import { publishFast, FastPublishWorker, type FastPublishOptions } from './fast-publish.ts';
import type { CatalogDelta } from '../../src/lib/server/fast-publish-plan.ts';
import { ChangeGate } from './change-gate.ts';
import { buildSite, type SiteBuild } from './site-build.ts';
import {
  BuildFailure,
  Publisher,
  type BuildFn,
  type FastPublishFn,
  type FastPublishRecord,
  type PublisherTiming,
} from './publisher.ts';
import { publishedPrint, restTypes, onlyStoriesChanged } from './published-fingerprint.ts';
import type { ReservedPort } from './processes.ts';
import type { Releases } from './releases.ts';
import { createSiteServer } from './site-server.ts';
import { releasesBehindCache, type CachePurger } from './shared-cache.ts';

/**
 * A build that deploys: the site is built in the build folder, which becomes a new release
 * folder and goes live with one atomic switch only when the build succeeded; after a failed
 * build the build folder is dropped and the previous release stays live. Keeps the newest
 * `keep` releases for rollback. A webhook build is skipped when nothing published changed
 * since the last build (a writer saved a draft): a publish then never waits behind a build
 * that could not change the site. With `fastPublish`, a webhook build in which only published
 * stories changed first puts their pages and the front page live (server/src/fast-publish.ts),
 * and `fastPublishOnly` does that alone, for events folded into a build that waits for its turn.
 */
export function deployingBuild(
  releases: Releases,
  build: Omit<SiteBuild, 'outDir' | 'cacheDir'>,
  keep: number,
  fastPublish?: FastPublishOptions,
  gate = new ChangeGate(),
  maxStoryDrop = DEFAULT_MAX_STORY_DROP,
): { build: BuildFn; fastPublishOnly: FastPublishFn } {
  const types = restTypes();
  // When the CMS cannot answer there is no print: the build runs and reports why it failed.
  const currentPrint = () => publishedPrint(build.cmsUrl, build.token, types).catch(() => null);
  /**
   * The fast publish, when only stories changed since the live build or the webhook named
   * a takedown: it renders over whatever release is live (even while a full build runs), and
   * checks the CMS against that release's catalog. Null when it had nothing to do.
   */
  const fastPublishStep = async (print: string | null, takedowns: string[], started: number) => {
    const livePrint = gate.livePrint();
    const storiesMoved = print !== null && livePrint !== null && onlyStoriesChanged(livePrint, print);
    if (!fastPublish || !(storiesMoved || takedowns.length > 0)) return null;
    return tryFastPublish(releases, fastPublish, takedowns, started);
  };
  const fastPublishOnly: FastPublishFn = async (takedowns) =>
    fastPublishStep(await currentPrint(), takedowns, performance.now());

  const deploy: BuildFn = async ({ onlyIfChanged, force = false, onFastPublish, takedowns, turn }) => {
    const started = performance.now();
    let print = await currentPrint();
    const record = onlyIfChanged ? await fastPublishStep(print, takedowns, started) : null;
    if (record) onFastPublish?.(record);
    const fastPublished = record?.result === 'live';
    const waitFrom = performance.now();
    await turn();
    // What the build before this one published is known only now; the print is read again
    // when time passed since the first read.
    if (fastPublished || performance.now() - waitFrom > 5) print = await currentPrint();
    // A takedown, or a fast-publish release live now (this build's or one folded into it), is
    // never skipped or held back: the full build must follow it.
    const live = releases.live();
    const fastPublishLive = fastPublished || (live !== null && releases.isFastPublish(live));
    const skip = onlyIfChanged && takedowns.length === 0 && !fastPublishLive ? gate.skip(print) : null;
    if (skip?.kind === 'unchanged') return null;
    if (skip?.kind === 'deferred') {
      const reason = `the published content has not changed since build failure ${skip.failures}`;
      return { deferred: reason, retryAt: skip.retryAt };
    }
    const buildStarted = Date.now();
    const outDir = releases.beginBuild();
    try {
      await buildSite({ ...build, outDir, cacheDir: path.join(releases.dir, '.astro-cache') }, null);
    } catch (error) {
      releases.resetBuild();
      const retryAt = gate.failed(print);
      throw new BuildFailure(error instanceof Error ? error.message : String(error), retryAt);
    }
    const snapshot = await releases.snapshot();
    const liveNow = releases.live();
    const refusal =
      force || !liveNow
        ? null
        : storyDropRefusal(
            Object.keys(releases.storyPaths(releases.built(liveNow))).length,
            Object.keys(releases.storyPaths(snapshot.release)).length,
            maxStoryDrop,
          );
    if (refusal) {
      // Kept on disk for the operator to look at; never live unless forced.
      throw new BuildFailure(
        `${refusal} (release ${path.basename(snapshot.release)} was not switched live)`,
        gate.failed(print),
      );
    }
    // The next fast-publish step will render over this release: its worker starts, and parses the
    // catalog, before it goes live, while fast-publish steps still render with the live one's.
    if (fastPublish?.worker) await fastPublish.worker.prepare(snapshot.release);
    // A fast publish of the next batch that went live while this build ran is newer than
    // what this build may have read: it stays on top of the new release until its own build,
    // but only while the CMS still publishes every story it changed at the version it shows.
    // Otherwise (a takedown its own fast-publish step missed) the new release goes live alone and
    // the next build's fast-publish step renders the difference again.
    const current = releases.live();
    const newer = current !== null && releases.isFastPublish(current) && releases.createdAt(current) >= buildStarted;
    const delta = newer ? releases.delta(current) : null;
    const ahead = delta !== null && (await stillPublished(build, delta));
    const release = ahead
      ? releases.overlay(releases.ownFiles(current!), [...releases.gone(current!)], snapshot.release, delta)
      : snapshot.release;
    releases.activate(release);
    // The build read the CMS after `print` was taken: only a print that held throughout says
    // exactly what went live (see ChangeGate).
    const moved = !gate.built(print, await currentPrint());
    await releases.prune(keep);
    const { reused } = JSON.parse(readFileSync(internalFile(snapshot.release, BUILD_SUMMARY), 'utf8')) as {
      reused: number;
    };
    return { release: path.basename(release), pages: snapshot.pages, reused, moved: moved || newer };
  };
  return { build: deploy, fastPublishOnly };
}

/** The share of the live site's stories a build may drop before it is refused (DEPLOY_MAX_STORY_DROP). */
export const DEFAULT_MAX_STORY_DROP = 0.1;

/**
 * Why a build that publishes `next` stories may not replace a live site that publishes `live`,
 * or null when it may: it drops more than `maxDrop` (a share) of them. A database that turned
 * up empty, a wrong CMS_URL or a bulk unpublish by mistake would otherwise empty the site in one
 * switch; an operator who means it forces the build (POST /_hooks/build?force=1).
 */
export function storyDropRefusal(live: number, next: number, maxDrop: number): string | null {
  if (live === 0 || next >= live * (1 - maxDrop)) return null;
  const drop = Math.round(((live - next) / live) * 100);
  return (
    `refused: this build publishes ${next} stories and the live site ${live}, a drop of ${drop} % ` +
    `(more than the ${Math.round(maxDrop * 100)} % allowed); if that is meant, force a build ` +
    '(POST /_hooks/build?force=1 with the hook secret)'
  );
}

/**
 * True when the CMS publishes every story of a fast-publish release's catalog delta at the version
 * the delta has, and none of the stories it took down: its pages can stand over a newer build.
 */
export async function stillPublished(
  build: Omit<SiteBuild, 'outDir' | 'cacheDir'>,
  delta: CatalogDelta | null,
): Promise<boolean> {
  if (!delta) return false;
  const ids = [...delta.stories.map((story) => story.documentId), ...delta.removed];
  if (ids.length === 0) return true;
  // More than one page of answers: too much changed to vouch for; the build goes live alone.
  if (ids.length > 100) return false;
  const query = new URLSearchParams({ status: 'published', 'fields[0]': 'updatedAt', 'pagination[pageSize]': '100' });
  ids.forEach((id, i) => query.append(`filters[documentId][$in][${i}]`, id));
  try {
    const response = await fetch(`${build.cmsUrl.replace(/\/$/, '')}/api/articles?${query}`, {
      headers: { Authorization: `Bearer ${build.token}` },
      signal: AbortSignal.timeout(5000),
    });
    if (!response.ok) return false;
    const { data } = (await response.json()) as { data: { documentId: string; updatedAt: string }[] };
    const published = new Map(data.map((entry) => [entry.documentId, entry.updatedAt]));
    return (
      delta.stories.every((story) => published.get(story.documentId) === story.updatedAt) &&
      delta.removed.every((documentId) => !published.has(documentId))
    );
  } catch {
    return false;
  }
}

/** A fast publish as its record says it went; never throws (the full build follows regardless). */
async function tryFastPublish(
  releases: Releases,
  fastPublish: FastPublishOptions,
  takedowns: string[],
  started: number,
): Promise<FastPublishRecord> {
  const record = (fields: Omit<FastPublishRecord, 'durationMs'>): FastPublishRecord => ({
    ...fields,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const outcome = await publishFast(releases, fastPublish, takedowns);
    const { phases } = outcome;
    return outcome.ok
      ? record({
          result: 'live',
          release: outcome.release,
          pages: outcome.pages,
          detail: outcome.left ? `${outcome.left} list pages left to the full build` : null,
          phases,
        })
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
  /** The CMS token draft previews read with: the only one allowed to read drafts. */
  previewToken?: string;
  host: string;
  /** A port number, or a port reserved earlier (reservePort), taken over without a gap. */
  port: number | ReservedPort;
  log: (line: string) => void;
  timing?: PublisherTiming;
  /** The share of the live site's stories a build may drop before it is refused (default 0.1). */
  maxStoryDrop?: number;
  /** The shared cache in front of the site (Varnish, a CDN), told what each switch changed. */
  purger?: CachePurger | null;
  /**
   * The CMS's uploads folder on this machine, served under /uploads/; without it such requests
   * go to the CMS. Unused when uploads are in a bucket (`build.uploadsUrl`).
   */
  uploadsDir?: string;
  /** Readers reach the site through a proxy that appends their address to X-Forwarded-For (most-read's rate limit). */
  behindProxy?: boolean;
  /** How often the most-read lists are computed again (default a minute). */
  mostReadRefreshMs?: number;
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
  const { releases, cache } = releasesBehindCache(options.releasesDir, options.purger ?? null, options.log);
  // Drawn per site, known only to its publisher and the render workers it starts.
  const key = randomBytes(32).toString('base64url');
  // What the on-demand routes read (astro:env), given to their workers: previews and the
  // fast-publish render. This process's own environment is left alone.
  const renderEnv = {
    CMS_URL: options.build.cmsUrl,
    CMS_READ_TOKEN: options.build.token,
    SITE_URL: options.build.siteUrl,
  };
  const worker = new FastPublishWorker(releases, key, renderEnv);
  const fastPublish: FastPublishOptions = { key, worker };
  const { build, fastPublishOnly } = deployingBuild(
    releases,
    options.build,
    options.keep,
    fastPublish,
    new ChangeGate(),
    options.maxStoryDrop,
  );
  const publisher = new Publisher(build, options.log, { ...options.timing, overlapFastPublish: true }, fastPublishOnly);
  const server = createSiteServer({
    releases,
    publisher,
    hookSecret: options.hookSecret,
    https: options.build.siteUrl.startsWith('https:'),
    ...(options.build.uploadsUrl
      ? {}
      : { uploads: options.uploadsDir ? { dir: options.uploadsDir } : { cmsUrl: options.build.cmsUrl } }),
    // Beside the releases: the counts outlive every release and a restart.
    mostReadFile: path.join(options.releasesDir, 'most-read.json'),
    behindProxy: options.behindProxy ?? false,
    ...(options.mostReadRefreshMs ? { mostReadRefreshMs: options.mostReadRefreshMs } : {}),
    renderEnv: {
      ...renderEnv,
      PREVIEW_SECRET: options.previewSecret ?? '',
      CMS_PREVIEW_TOKEN: options.previewToken ?? '',
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (typeof options.port === 'number') server.listen(options.port, options.host, resolve);
    else server.listen(options.port.server, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    releases,
    publisher,
    server,
    async close() {
      publisher.stop();
      await publisher.idle();
      await worker.close();
      await cache?.settled();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
