import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSite, serveSite } from '../../scripts/lib/newsroom.ts';
import { freePort } from '../../scripts/lib/processes.ts';
import { startThrowawayCms } from '../../scripts/lib/throwaway.ts';

export { projectTempDir } from '../../scripts/lib/throwaway.ts';

/** What the specs know about the newsroom the global setup started. */
export interface NewsroomState {
  cmsUrl: string;
  siteUrl: string;
  /** Astro's outDir of the built site; static pages are under `client/`. */
  siteDir: string;
  token: string;
  adminEmail: string;
  adminPassword: string;
  database: 'sqlite' | 'postgres';
  /** Milliseconds the site build took. */
  buildMs: number;
}

const STATE_FILE = path.join(tmpdir(), `newsroom-test-state-${process.pid}.json`);
const log = (line: string) => console.log(`[newsroom test] ${line}`);

/** Reads the state the global setup wrote; specs call this. */
export function newsroomState(): NewsroomState {
  const file = process.env.NEWSROOM_TEST_STATE;
  if (!file) throw new Error('NEWSROOM_TEST_STATE is not set: run the specs through `playwright test`');
  return JSON.parse(readFileSync(file, 'utf8')) as NewsroomState;
}

/**
 * Starts a throwaway newsroom: a real, seeded Strapi (SQLite, or PostgreSQL when
 * NEWSROOM_TEST_DB=postgres), the real site built from it and served on a free port.
 * Returns the teardown.
 */
export async function startNewsroom(): Promise<() => Promise<void>> {
  let postgresUrl: string | undefined;
  if (process.env.NEWSROOM_TEST_DB === 'postgres') {
    postgresUrl = process.env.DATABASE_URL;
    if (!postgresUrl) throw new Error('NEWSROOM_TEST_DB=postgres needs DATABASE_URL');
  }
  const cms = await startThrowawayCms({ ...(postgresUrl ? { postgresUrl } : {}), log });
  log(`seeded ${cms.database} in ${cms.seedMs} ms`);
  let stopSite = async () => {};
  const teardown = async () => {
    await stopSite();
    await cms.stop();
    rmSync(STATE_FILE, { force: true });
  };
  try {
    const sitePort = await freePort();
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    const siteDir = path.join(cms.workDir, 'site');
    const started = Date.now();
    await buildSite({ cmsUrl: cms.url, token: cms.secrets.CMS_READ_TOKEN, siteUrl, outDir: siteDir }, null);
    const buildMs = Date.now() - started;
    log(`site built in ${buildMs} ms`);
    const site = await serveSite(siteDir, '127.0.0.1', sitePort, null);
    stopSite = () => site.stop();

    const state: NewsroomState = {
      cmsUrl: cms.url,
      siteUrl: site.url,
      siteDir,
      token: cms.secrets.CMS_READ_TOKEN,
      adminEmail: cms.secrets.CMS_ADMIN_EMAIL,
      adminPassword: cms.secrets.CMS_ADMIN_PASSWORD,
      database: cms.database,
      buildMs,
    };
    writeFileSync(STATE_FILE, JSON.stringify(state));
    process.env.NEWSROOM_TEST_STATE = STATE_FILE;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}
