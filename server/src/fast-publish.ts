import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  FAST_PUBLISH_BATCH_HEADER,
  FAST_PUBLISH_KEY_HEADER,
  FAST_PUBLISH_PREFIX,
  FAST_PUBLISH_TAKEDOWNS_HEADER,
  FAST_PUBLISH_WARM,
} from '../../shared/fast-publish-contract.ts';
import type { CatalogDelta } from '../../src/lib/server/fast-publish-plan.ts';
import { mapLimit } from '../../src/lib/map-limit.ts';
import { stepTimer } from '../../shared/step-timer.ts';
import { releaseFileOf, type Releases } from './releases.ts';
import { ReleaseRenderers } from './render-worker.ts';

/**
 * The fast-publish render's workers, one per built release, kept warm while that release is the
 * base of the live one: starting a worker (importing the release's server code) and parsing
 * the release's catalog are paid once per full build, not once per publish, and before the
 * build goes live (`prepare`), not by the first publish after it. What live fast-publish releases
 * changed over that catalog is read at each request through the `live` link, so it is always
 * the live release's.
 */
export class FastPublishWorker extends ReleaseRenderers {
  /**
   * `env` is what the release's routes read (astro:env): the CMS's URL and token, the site's
   * URL; `graceMs`, how long a replaced worker lives on.
   */
  constructor(releases: Releases, key: string, env: NodeJS.ProcessEnv = {}, graceMs?: number) {
    super(
      { ...env, FAST_PUBLISH_RENDER_KEY: key },
      {
        catalogDelta: releases.liveDeltaFile(),
        ...(graceMs === undefined ? {} : { graceMs }),
        // The first plan would otherwise read and parse the catalog (most of a second at 10,000 stories).
        warm: async (renderer) => {
          const warm = await fetch(new URL(FAST_PUBLISH_WARM, renderer.url), {
            headers: { [FAST_PUBLISH_KEY_HEADER]: key },
            signal: AbortSignal.timeout(30_000),
          }).catch(() => null);
          await warm?.body?.cancel();
        },
      },
    );
  }
}

/** Renders asked of the worker at once. */
const RENDERS_IN_FLIGHT = 4;

/** What the fast publish needs. */
export interface FastPublishOptions {
  /** The key the fast-publish routes check (FAST_PUBLISH_RENDER_KEY in the render worker's environment). */
  key: string;
  /** The warm worker the batches render in (it holds the routes' environment and the key). */
  worker: FastPublishWorker;
  /**
   * Longest the whole fast publish may take before the full build goes on alone.
   * @defaultValue 15000
   */
  timeoutMs?: number;
}

/**
 * Milliseconds spent starting the render worker, planning, rendering and making the release
 * live; and, within the plan, each of its steps (`plan.changes`: the CMS's recent changes, …).
 */
export interface FastPublishPhases {
  worker: number;
  plan: number;
  render: number;
  deploy: number;
}

/** The phases a fast publish went through, and the steps of its plan. */
export type FastPublishTimes = Partial<FastPublishPhases> & { [step: `plan.${string}`]: number };

/** What a fast publish did: went live with its files, or stood aside for the full build. */
export type FastPublishResult =
  | {
      ok: true;
      release: string;
      /** Files written and paths taken down. */
      pages: number;
      /** List pages that changed beyond what one fast publish writes, left to the full build. */
      left?: number;
    }
  | { ok: false; reason: string };

/** A fast publish's outcome, with the time of each phase it went through. */
export type FastPublishOutcome = FastPublishResult & { phases: FastPublishTimes };

/**
 * The fast publish: asks the live release's fast-publish render (src/internal/fast-publish/,
 * served from a worker thread) which stories changed since that release was built and which
 * of the `takedowns` the webhook named are really gone, renders the changed pages and the
 * front page, and puts a release of just those pages (and the taken-down paths) over the
 * live one live. Readers see the story within about a second; the full build that
 * follows publishes it everywhere else (lists, feeds, sitemaps, search) and replaces this
 * release. Resolves `ok: false` with the render's reason when the batch needs the full build.
 */
export async function publishFast(
  releases: Releases,
  options: FastPublishOptions,
  takedowns: string[] = [],
): Promise<FastPublishOutcome> {
  const timer = stepTimer<FastPublishTimes>();
  const live = releases.live();
  if (!live) return { ok: false, reason: 'no live release yet', phases: timer.steps };
  // The built release under the live one: its code, its catalog, and what the live fast-publish
  // releases changed over that catalog.
  const built = releases.built(live);
  const renderer = await options.worker.get(built);
  timer.lap('worker');
  return { ...(await renderAndDeploy(releases, renderer.url, options, takedowns, timer)), phases: timer.steps };
}

/**
 * An on-demand page with its Content-Security-Policy as a `<meta>`, as Astro writes it into
 * every prerendered page. A `<meta>` policy covers only what comes after it, so it goes first
 * in `<head>`, after the character set.
 */
export function withPolicyMeta(html: string, policy: string): string {
  const meta = `<meta http-equiv="content-security-policy" content="${policy.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}">`;
  const head = /<head>(<meta charset="[^"]*">)?/.exec(html);
  if (!head) throw new Error('the rendered page has no <head>');
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}${meta}${html.slice(at)}`;
}

async function renderAndDeploy(
  releases: Releases,
  siteUrl: string,
  options: FastPublishOptions,
  takedowns: string[],
  timer: ReturnType<typeof stepTimer<FastPublishTimes>>,
): Promise<FastPublishResult> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  // One batch id: the plan and the pages are rendered from one read of the CMS.
  const headers = {
    [FAST_PUBLISH_KEY_HEADER]: options.key,
    [FAST_PUBLISH_BATCH_HEADER]: randomUUID(),
    [FAST_PUBLISH_TAKEDOWNS_HEADER]: takedowns.join(','),
  };
  const get = async (pathname: string) => {
    const response = await fetch(new URL(pathname, siteUrl), { headers, signal });
    const body = await response.text();
    return { status: response.status, body, policy: response.headers.get('content-security-policy') };
  };
  const plan = await get(`${FAST_PUBLISH_PREFIX}/plan.json`);
  if (plan.status !== 200) return { ok: false, reason: `the fast-publish plan answered ${plan.status}: ${plan.body}` };
  const parsed = JSON.parse(plan.body) as
    | {
        ok: true;
        pages: { documentId: string; path: string }[];
        removed: { documentId: string; path: string }[];
        filesGone: string[];
        lists: string[];
        listsGone: string[];
        listsLeft: number;
        files: string[];
        /** The corrections page's path when the batch changes it. */
        corrections: string | null;
        delta: CatalogDelta;
        steps?: Record<string, number>;
      }
    | { ok: false; reason: string };
  timer.lap('plan');
  if (!parsed.ok) return parsed;
  for (const [step, ms] of Object.entries(parsed.steps ?? {})) timer.steps[`plan.${step}`] = ms;

  const renders = await mapLimit(
    [
      { route: `${FAST_PUBLISH_PREFIX}/`, file: releaseFileOf('/'), html: true },
      ...parsed.pages.map((story) => ({
        route: `${FAST_PUBLISH_PREFIX}/story/${encodeURIComponent(story.documentId)}`,
        file: releaseFileOf(story.path),
        html: true,
      })),
      ...parsed.lists.map((list) => ({
        route: `${FAST_PUBLISH_PREFIX}/list${list}`,
        file: releaseFileOf(list),
        html: true,
      })),
      ...(parsed.corrections
        ? [{ route: `${FAST_PUBLISH_PREFIX}/corrections`, file: releaseFileOf(parsed.corrections), html: true }]
        : []),
      ...parsed.files.map((file) => ({
        route: `${FAST_PUBLISH_PREFIX}/file${file}`,
        file: path.join('client', file),
        html: false,
      })),
    ],
    // The worker renders one at a time; a few in flight keep it busy without queueing them all.
    RENDERS_IN_FLIGHT,
    async (render) => ({ ...render, page: await get(render.route) }),
  );
  const files: Record<string, string> = {};
  for (const { file, page, html } of renders) {
    // A page the render declined (the CMS moved on meanwhile) leaves the whole batch to the build.
    if (page.status !== 200) return { ok: false, reason: `${file} rendered ${page.status}: ${page.body}` };
    if (!html) {
      files[file] = page.body;
      continue;
    }
    // Rendered on demand, the page carries its policy as a header; served as a static file it
    // needs it in the page, as every built page has it.
    if (!page.policy) return { ok: false, reason: `${file} rendered without a Content-Security-Policy` };
    files[file] = withPolicyMeta(page.body, page.policy);
  }
  timer.lap('render');
  // A story taken down answers 404 from this release on, until the full build drops its page.
  const release = releases.overlay(
    files,
    [...parsed.removed.map((story) => story.path), ...parsed.filesGone, ...parsed.listsGone],
    releases.live(),
    parsed.delta,
  );
  releases.activate(release);
  timer.lap('deploy');
  return {
    ok: true,
    release: path.basename(release),
    pages: renders.length + parsed.removed.length + parsed.filesGone.length + parsed.listsGone.length,
    ...(parsed.listsLeft > 0 ? { left: parsed.listsLeft } : {}),
  };
}
