import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { reservePort } from '../../server/src/processes.ts';
import { HttpPurger } from '../../server/src/shared-cache.ts';
import { startVarnish, varnishInstalled } from '../../server/src/varnish.ts';
import { startThrowawayCms, startThrowawaySite, type ThrowawayCms } from './throwaway.ts';

export { projectTempDir } from './throwaway.ts';

/** What the specs know about the newsroom the global setup started. */
export interface NewsroomState {
  cmsUrl: string;
  siteUrl: string;
  /**
   * Varnish in front of the site, purged by its publisher, as readers behind a shared cache reach
   * it; null where varnishd is not installed (the specs through it then say they are skipped).
   */
  cacheUrl: string | null;
  /** A copy of the release of the first build (from the seed); static pages are under `client/`. */
  siteDir: string;
  /** The folder holding every release and the `live` link. */
  releasesDir: string;
  /** The site build's token: published content only. */
  token: string;
  /** The draft previews' token: the only one that reads drafts. */
  previewToken: string;
  hookSecret: string;
  adminEmail: string;
  adminPassword: string;
  /** An admin session token, from one login: Strapi rate-limits admin logins (5 a minute). */
  adminToken: string;
  database: 'sqlite' | 'postgres';
  /** Milliseconds the first site build took. */
  buildMs: number;
  /** Strapi's uploads folder, for tests that break an image on purpose. */
  uploadsDir: string;
  previewSecret: string;
  writer: { email: string; password: string };
  editor: { email: string; password: string };
}

const STATE_FILE = path.join(tmpdir(), `newsroom-test-state-${process.pid}.json`);
const log = (line: string) => console.log(`[newsroom test] ${line}`);

/**
 * Headers of an admin API request as the provisioned editor. Each on a connection of its own: an
 * editor's action often follows seconds of waiting for the site, and a kept-alive connection that
 * Strapi closed for idleness (5 s) just as the request went out was reset (ECONNRESET, seen once
 * in CI on an unpublish).
 */
export function adminHeaders(): { Authorization: string; Connection: string } {
  return { Authorization: `Bearer ${newsroomState().adminToken}`, Connection: 'close' };
}

/** Reads the state the global setup wrote; specs call this. */
export function newsroomState(): NewsroomState {
  const file = process.env.NEWSROOM_TEST_STATE;
  if (!file) throw new Error('NEWSROOM_TEST_STATE is not set: run the specs through `playwright test`');
  return JSON.parse(readFileSync(file, 'utf8')) as NewsroomState;
}

/** The PostgreSQL database the suite's CMSs run on (NEWSROOM_TEST_DB=postgres), or undefined for SQLite. */
export function suitePostgresUrl(): string | undefined {
  if (process.env.NEWSROOM_TEST_DB !== 'postgres') return undefined;
  if (!process.env.DATABASE_URL) throw new Error('NEWSROOM_TEST_DB=postgres needs DATABASE_URL');
  return process.env.DATABASE_URL;
}

/** A throwaway CMS of one spec's own (for what would disturb the shared newsroom), on the suite's database. */
export function startOwnCms(
  label: string,
  options: Omit<Parameters<typeof startThrowawayCms>[0], 'log' | 'postgresUrl'> = {},
): Promise<ThrowawayCms> {
  const postgresUrl = suitePostgresUrl();
  return startThrowawayCms({
    ...(postgresUrl ? { postgresUrl } : {}),
    ...options,
    log: (line) => console.log(`[${label}] ${line}`),
  });
}

/**
 * Varnish in front of `siteUrl`, or null where varnishd is not installed; in CI its absence is
 * an error (the prerequisites step installs it where it can).
 */
async function startCache(siteUrl: string, workDir: string) {
  if (!varnishInstalled()) {
    if (process.env.CI) throw new Error('varnishd is not installed (apt-get install varnish): CI tests through it');
    log('varnishd is not installed: the specs through a shared cache will be skipped');
    return null;
  }
  const cache = await startVarnish({ backend: siteUrl, workDir });
  log(`Varnish in front of the site at ${cache.url}`);
  return cache;
}

/**
 * Starts a throwaway newsroom: a real, seeded Strapi (SQLite, or PostgreSQL when
 * NEWSROOM_TEST_DB=postgres) whose webhook calls a live site server on a free port, and
 * the first release built from it. Returns the teardown.
 */
export async function startNewsroom(): Promise<() => Promise<void>> {
  const postgresUrl = suitePostgresUrl();
  // Held from now until the site server takes it over, after the CMS is up and seeded.
  const sitePort = await reservePort();
  const siteUrl = `http://127.0.0.1:${sitePort.port}`;
  const cms = await startThrowawayCms({
    ...(postgresUrl ? { postgresUrl } : {}),
    publishHookUrl: `${siteUrl}/_hooks/publish`,
    siteUrl,
    log,
  });
  log(`seeded ${cms.database} in ${cms.seedMs} ms`);
  let closeSite = async () => {};
  let stopCache = async () => {};
  const teardown = async () => {
    await closeSite();
    await stopCache();
    await cms.stop();
    rmSync(STATE_FILE, { force: true });
  };
  try {
    const cache = await startCache(siteUrl, path.join(cms.workDir, 'varnish'));
    stopCache = () => cache?.stop() ?? Promise.resolve();
    const site = await startThrowawaySite(cms, {
      port: sitePort,
      keep: 20,
      log: (line) => log(`publish: ${line}`),
      timing: { quietMs: 300, maxWaitMs: 2000 },
      purger: cache && new HttpPurger(cache.url),
      // A reader's view reaches the most-read lists within a second, not a minute.
      mostReadRefreshMs: 1000,
    });
    closeSite = () => site.close();
    const first = await site.publisher.buildNow('startup');
    if (first.result !== 'live') throw new Error(`the first site build failed:\n${first.error}`);
    log(`site built in ${first.durationMs} ms`);
    // The release built from the seed, kept apart: the publisher prunes old releases, and the
    // specs that read the seeded site must find it whatever ran before them.
    const firstRelease = path.join(cms.workDir, 'first-release');
    cpSync(site.releases.live()!, firstRelease, { recursive: true });

    const login = await fetch(`${cms.url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: cms.secrets.CMS_ADMIN_EMAIL, password: cms.secrets.CMS_ADMIN_PASSWORD }),
    });
    const adminToken = ((await login.json()) as { data?: { token?: string } }).data?.token;
    if (!adminToken) throw new Error(`admin login failed with status ${login.status}`);

    const state: NewsroomState = {
      cmsUrl: cms.url,
      siteUrl: site.url,
      cacheUrl: cache?.url ?? null,
      siteDir: firstRelease,
      releasesDir: site.releases.dir,
      token: cms.secrets.CMS_READ_TOKEN,
      previewToken: cms.secrets.CMS_PREVIEW_TOKEN,
      hookSecret: cms.secrets.PUBLISH_HOOK_SECRET,
      adminEmail: cms.secrets.CMS_ADMIN_EMAIL,
      adminPassword: cms.secrets.CMS_ADMIN_PASSWORD,
      adminToken,
      database: cms.database,
      buildMs: first.durationMs ?? 0,
      uploadsDir: path.join(cms.workDir, 'public', 'uploads'),
      previewSecret: cms.secrets.PREVIEW_SECRET,
      writer: { email: cms.secrets.CMS_WRITER_EMAIL, password: cms.secrets.CMS_WRITER_PASSWORD },
      editor: { email: cms.secrets.CMS_EDITOR_EMAIL, password: cms.secrets.CMS_EDITOR_PASSWORD },
    };
    writeFileSync(STATE_FILE, JSON.stringify(state));
    process.env.NEWSROOM_TEST_STATE = STATE_FILE;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
