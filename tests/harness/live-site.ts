import { cpSync } from 'node:fs';
import path from 'node:path';
import { expect, type APIRequestContext } from '@playwright/test';
import { startLiveSite, type LiveSite } from '../../server/src/deploy';
import { reservePort } from '../../server/src/processes';
import { Releases } from '../../server/src/releases';
import type { BuildRecord } from '../../server/src/publisher';
import { newsroomState, projectTempDir } from './suite-newsroom';

/** What the publish hook's status endpoint answers. */
export interface PublishStatus {
  live: string | null;
  /** Webhook events (and follow-up builds) waiting for their build. */
  pending: number;
  builds: BuildRecord[];
}

const auth = () => ({ Authorization: `Bearer ${newsroomState().hookSecret}` });

/** The publisher's status, from the site server at `siteUrl`. */
export async function publishStatus(
  request: APIRequestContext,
  siteUrl = newsroomState().siteUrl,
): Promise<PublishStatus> {
  const response = await request.get(`${siteUrl}/_hooks/status`, { headers: auth() });
  expect(response.status()).toBe(200);
  return (await response.json()) as PublishStatus;
}

/** The build records, newest first. */
export async function builds(request: APIRequestContext, siteUrl?: string): Promise<BuildRecord[]> {
  return (await publishStatus(request, siteUrl)).builds;
}

/** The id of the newest build record (0 before any). */
export async function newestBuildId(request: APIRequestContext, siteUrl?: string): Promise<number> {
  return (await builds(request, siteUrl))[0]?.id ?? 0;
}

/**
 * Waits until no build is running and no event waits for one (Strapi's webhooks arrive
 * within a second of the change), then returns the newest record.
 */
export async function settled(request: APIRequestContext, siteUrl?: string): Promise<BuildRecord | undefined> {
  let latest: BuildRecord | undefined;
  let quietSince = 0;
  await expect
    .poll(
      async () => {
        const status = await publishStatus(request, siteUrl);
        latest = status.builds[0];
        const quiet = status.pending === 0 && !status.builds.some((b) => b.result === 'running');
        quietSince = quiet ? quietSince || Date.now() : 0;
        // Quiet for a second: a webhook sent just before is in by then.
        return quiet && Date.now() - quietSince >= 1000;
      },
      { timeout: 120_000, intervals: [250] },
    )
    .toBe(true);
  return latest;
}

/**
 * Polls a page of the live site until `check` holds for (status, body); returns the
 * milliseconds it took. Redirects are not followed: each check is about this exact URL.
 */
export async function until(
  request: APIRequestContext,
  route: string,
  check: (status: number, body: string) => boolean,
  siteUrl = newsroomState().siteUrl,
): Promise<number> {
  const started = Date.now();
  await expect
    .poll(
      async () => {
        const response = await request.get(`${siteUrl}${route}`, { maxRedirects: 0 });
        return check(response.status(), await response.text());
      },
      { timeout: 90_000, intervals: [100] },
    )
    .toBe(true);
  return Date.now() - started;
}

/**
 * A second live site, from a copy of the test newsroom's live release, whose builds use
 * `cmsUrl` and `siteUrl` (point either somewhere broken to make its builds fail). Returns the
 * site, its releases and the release it started from; close it with `site.close()`.
 */
export async function startSecondSite(build: { cmsUrl?: string; siteUrl?: string }) {
  const state = newsroomState();
  const releasesDir = path.join(projectTempDir('second-site-'), 'releases');
  const releases = new Releases(releasesDir);
  const first = releases.create();
  cpSync(new Releases(state.releasesDir).live()!, first, { recursive: true });
  releases.activate(first);
  const port = await reservePort();
  const site: LiveSite = await startLiveSite({
    releasesDir,
    keep: 5,
    build: {
      cmsUrl: build.cmsUrl ?? state.cmsUrl,
      token: state.token,
      siteUrl: build.siteUrl ?? `http://127.0.0.1:${port.port}`,
    },
    hookSecret: state.hookSecret,
    host: '127.0.0.1',
    port,
    log: () => {},
    timing: { quietMs: 100, maxWaitMs: 500 },
  });
  return { site, releases, first };
}
