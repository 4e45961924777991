import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  buildSite,
  ensureCmsBuilt,
  generateSecrets,
  seedCms,
  serveSite,
  startCms,
  type CmsConfig,
  type Database,
} from '../../scripts/lib/newsroom.ts';
import { paths } from '../../scripts/lib/paths.ts';
import { freePort, type Running } from '../../scripts/lib/processes.ts';

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

/**
 * A throwaway folder inside the project: a built site's server bundle resolves its packages
 * from the project's node_modules, so the output cannot live in /tmp.
 */
export function projectTempDir(prefix: string): string {
  const base = path.join(paths.root, '.cache', 'test-runs');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, prefix));
}

const STATE_FILE = path.join(tmpdir(), `newsroom-test-state-${process.pid}.json`);
const log = (line: string) => {
  console.log(`[newsroom test] ${line}`);
};

/** Reads the state the global setup wrote; specs call this. */
export function newsroomState(): NewsroomState {
  const file = process.env.NEWSROOM_TEST_STATE;
  if (!file) throw new Error('NEWSROOM_TEST_STATE is not set: run the specs through `playwright test`');
  return JSON.parse(readFileSync(file, 'utf8')) as NewsroomState;
}

/** A fresh schema in the PostgreSQL database of DATABASE_URL, dropped on teardown. */
async function postgresDatabase(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const schema = `newsroom_test_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA "${schema}"`);
  await client.end();
  return {
    database: { client: 'postgres', url, schema },
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await c.end();
    },
  };
}

/**
 * Starts a throwaway newsroom: a real Strapi on a free port with a fresh database (SQLite
 * by default, PostgreSQL when NEWSROOM_TEST_DB=postgres), seeded, the real site built from
 * it and served on another free port. Returns the teardown.
 */
export async function startNewsroom(): Promise<() => Promise<void>> {
  const workDir = projectTempDir('newsroom-');
  const running: Running[] = [];
  let dropDatabase = async () => {};
  const teardown = async () => {
    for (const r of running.reverse()) await r.stop();
    await dropDatabase();
    rmSync(workDir, { recursive: true, force: true });
    rmSync(STATE_FILE, { force: true });
  };

  try {
    const usePostgres = process.env.NEWSROOM_TEST_DB === 'postgres';
    let database: Database = { client: 'sqlite', filename: path.join(workDir, 'cms.db') };
    if (usePostgres) {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error('NEWSROOM_TEST_DB=postgres needs DATABASE_URL');
      const pgDb = await postgresDatabase(url);
      database = pgDb.database;
      dropDatabase = pgDb.drop;
    }
    const secrets = { ...generateSecrets(), STRAPI_LOG_LEVEL: 'warn' };
    const config: CmsConfig = { port: await freePort(), database, publicDir: path.join(workDir, 'public'), secrets };

    await ensureCmsBuilt(log, {});
    let started = Date.now();
    await seedCms(config, { ifEmpty: false, label: '[seed]' });
    log(`seeded ${database.client} in ${Date.now() - started} ms`);

    const cms = await startCms(config, null);
    running.push(cms);
    const sitePort = await freePort();
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    const siteDir = path.join(workDir, 'site');
    started = Date.now();
    await buildSite({ cmsUrl: cms.url, token: secrets.CMS_READ_TOKEN, siteUrl, outDir: siteDir }, null);
    const buildMs = Date.now() - started;
    log(`site built in ${buildMs} ms`);
    const site = await serveSite(siteDir, '127.0.0.1', sitePort, null);
    running.push(site);

    const state: NewsroomState = {
      cmsUrl: cms.url,
      siteUrl: site.url,
      siteDir,
      token: secrets.CMS_READ_TOKEN,
      adminEmail: secrets.CMS_ADMIN_EMAIL,
      adminPassword: secrets.CMS_ADMIN_PASSWORD,
      database: database.client,
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
