import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Releases } from './releases.ts';
import { startReleaseRenderer } from './render-worker.ts';

/** What the express publish needs. */
export interface ExpressOptions {
  /** The key the express routes check (EXPRESS_RENDER_KEY in the render worker's environment). */
  key: string;
  /**
   * Longest the whole express publish may take before the full build goes on alone.
   * @defaultValue 15000
   */
  timeoutMs?: number;
}

/** An express publish's outcome. */
export type ExpressOutcome = { ok: true; release: string; pages: number } | { ok: false; reason: string };

/** Where a page of `pathname` lives in a release. */
function pageFile(pathname: string): string {
  return path.join('client', pathname.replace(/^\//, ''), 'index.html');
}

/**
 * The express publish: asks the live release's express render (src/pages/express-render/,
 * served from a worker thread) which stories changed since that release was built,
 * renders their pages and the front page, and makes a release of the live one with those
 * pages replaced live. Readers see the story within about a second; the full build that
 * follows publishes it everywhere else (lists, feeds, sitemaps, search) and replaces this
 * release. Resolves `ok: false` with the render's reason when the batch needs the full build.
 */
export async function expressPublish(releases: Releases, options: ExpressOptions): Promise<ExpressOutcome> {
  const live = releases.live();
  if (!live) return { ok: false, reason: 'no live release yet' };
  const renderer = await startReleaseRenderer(live, { EXPRESS_RENDER_KEY: options.key });
  try {
    return await renderAndDeploy(releases, renderer.url, options);
  } finally {
    await renderer.close();
  }
}

async function renderAndDeploy(releases: Releases, siteUrl: string, options: ExpressOptions): Promise<ExpressOutcome> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
  // One batch id: the plan and the pages are rendered from one read of the CMS.
  const headers = { 'x-express-key': options.key, 'x-express-batch': randomUUID() };
  const get = async (pathname: string) => {
    const response = await fetch(new URL(pathname, siteUrl), { headers, signal });
    const body = await response.text();
    return { status: response.status, body };
  };
  const plan = await get('/express-render/plan.json');
  if (plan.status !== 200) return { ok: false, reason: `the express plan answered ${plan.status}: ${plan.body}` };
  const parsed = JSON.parse(plan.body) as
    { ok: true; pages: { documentId: string; path: string }[] } | { ok: false; reason: string };
  if (!parsed.ok) return parsed;

  const renders = await Promise.all([
    get('/express-render/').then((page) => ({ file: pageFile('/'), page })),
    ...parsed.pages.map((story) =>
      get(`/express-render/story/${encodeURIComponent(story.documentId)}`).then((page) => ({
        file: pageFile(story.path),
        page,
      })),
    ),
  ]);
  const files: Record<string, string> = {};
  for (const { file, page } of renders) {
    // A page the render declined (the CMS moved on meanwhile) leaves the whole batch to the build.
    if (page.status !== 200) return { ok: false, reason: `${file} rendered ${page.status}: ${page.body}` };
    files[file] = page.body;
  }
  const release = await releases.overlay(files);
  releases.activate(release);
  return { ok: true, release: path.basename(release), pages: renders.length };
}
