import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLiveSite, type LiveSite, type LiveSiteOptions } from '../../server/src/deploy.ts';
import type { NewsroomFiles } from '../../server/src/backup.ts';
import {
  cmsEnv,
  ensureCmsBuilt,
  generateSecrets,
  seedCms,
  startCms,
  type CmsConfig,
  type Database,
  type Secrets,
} from '../../server/src/cms-process.ts';
import { paths } from '../../server/src/paths.ts';
import { postgresQuery } from '../../server/src/postgres-schema.ts';
import { freePort } from '../../server/src/processes.ts';

/**
 * A throwaway folder inside the project: a built site's server bundle resolves its packages
 * from the project's node_modules, so build output cannot live in /tmp.
 */
export function projectTempDir(prefix: string): string {
  const base = path.join(paths.root, '.cache', 'test-runs');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, prefix));
}

/** A fresh schema in the PostgreSQL database at `url`, with the function that drops it. */
async function postgresSchema(url: string): Promise<{ database: Database; drop: () => Promise<void> }> {
  const schema = `newsroom_test_${process.pid}_${Date.now()}`;
  await postgresQuery(url, `CREATE SCHEMA "${schema}"`);
  return {
    database: { client: 'postgres', url, schema },
    drop: async () => {
      await postgresQuery(url, `DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** A running throwaway CMS. */
export interface ThrowawayCms {
  url: string;
  secrets: Secrets;
  database: Database['client'];
  /** A folder of this run for build output; removed by stop(). */
  workDir: string;
  /** Milliseconds the seed took. */
  seedMs: number;
  /**
   * Starts one more instance of this CMS on the same database and uploads folder, as a
   * newsroom runs several behind a load balancer; stop() of this CMS does not stop it.
   */
  startInstance(): Promise<{ url: string; stop(): Promise<void> }>;
  /** Stops this Strapi process and keeps its data (stop() removes everything). */
  halt(): Promise<void>;
  /** Its database file (SQLite only), uploads folder and a secrets file of its own, as a backup sees them. */
  files: NewsroomFiles;
  /** The PostgreSQL schema of its data (PostgreSQL only). */
  schema?: string;
  /** Strapi's environment for this CMS, to run its command-line tools (seed, backfill) against it. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Starts Strapi on a port free right before it starts; if another process took that port
 * meanwhile, once more on another one.
 */
async function startOnFreePort(config: CmsConfig): ReturnType<typeof startCms> {
  try {
    return await startCms({ ...config, port: await freePort() }, null);
  } catch {
    return startCms({ ...config, port: await freePort() }, null);
  }
}

/** Synthetic stories one seed process creates (a thousand per transaction, in bounded memory). */
const SEED_PROCESS_STORIES = 100_000;

/**
 * Starts a real Strapi on a free port with a fresh database (a SQLite file, or a new
 * schema in the PostgreSQL database of `postgresUrl`), seeded with the sample newsroom.
 * Everything it creates goes when stop() is called.
 */
export async function startThrowawayCms(options: {
  postgresUrl?: string;
  /** Where Strapi's publish webhook should call; its secret is generated. */
  publishHookUrl?: string;
  /** The site's origin, for Strapi's preview links. */
  siteUrl?: string;
  /** More of Strapi's environment (the upload storage). */
  env?: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): Promise<ThrowawayCms> {
  const workDir = projectTempDir('newsroom-');
  let drop = async () => {};
  let stopCms = async () => {};
  const stop = async () => {
    await stopCms();
    await drop();
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    let database: Database = { client: 'sqlite', filename: path.join(workDir, 'cms.db') };
    if (options.postgresUrl) {
      const schema = await postgresSchema(options.postgresUrl);
      database = schema.database;
      drop = schema.drop;
    }
    const secrets = generateSecrets();
    const config: CmsConfig = {
      // Strapi is told its port: one free now is taken again just before it starts (below).
      port: 0,
      database,
      publicDir: path.join(workDir, 'public'),
      secrets: { ...secrets, STRAPI_LOG_LEVEL: 'warn' },
      ...(options.publishHookUrl
        ? { publishHook: { url: options.publishHookUrl, secret: secrets.PUBLISH_HOOK_SECRET } }
        : {}),
      ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
      ...(options.env ? { env: options.env } : {}),
    };
    await ensureCmsBuilt(options.log, {});
    const started = Date.now();
    // A larger benchmark seeds in processes of SEED_PROCESS_STORIES each (the first also seeds
    // the sample newsroom; the others find it there). One process seeded 100,000 stories with
    // their cover pool in 3 min 21 s at 674 MiB peak.
    const synthetic = Number(process.env.SEED_SYNTHETIC_STORIES ?? 0);
    for (let first = 0; first === 0 || first < synthetic; first += SEED_PROCESS_STORIES) {
      const count = Math.max(0, Math.min(SEED_PROCESS_STORIES, synthetic - first));
      const env = { SEED_SYNTHETIC_FROM: String(first), SEED_SYNTHETIC_STORIES: String(count) };
      await seedCms(config, { ifEmpty: false, label: '[seed]', env });
    }
    const seedMs = Date.now() - started;
    const cms = await startOnFreePort(config);
    config.port = Number(new URL(cms.url).port);
    stopCms = () => cms.stop();
    const startInstance = () => startOnFreePort(config);
    const files: NewsroomFiles = {
      database: database.client === 'sqlite' ? database.filename : '',
      uploads: path.join(workDir, 'public', 'uploads'),
      env: path.join(workDir, 'newsroom.env'),
    };
    writeFileSync(
      files.env,
      Object.entries(secrets)
        .map(([name, value]) => `${name}=${value}\n`)
        .join(''),
      { mode: 0o600 },
    );
    return {
      url: cms.url,
      secrets,
      database: database.client,
      workDir,
      seedMs,
      startInstance,
      halt: () => cms.stop(),
      files,
      env: cmsEnv(config),
      ...(database.client === 'postgres' ? { schema: database.schema ?? 'public' } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The live site of a throwaway CMS, as `npm start` runs it: releases under the CMS's work
 * folder, its read token, publish-hook and preview secrets, served on 127.0.0.1:`port`.
 */
export function startThrowawaySite(
  cms: ThrowawayCms,
  options: Pick<LiveSiteOptions, 'port' | 'keep' | 'log' | 'timing' | 'purger' | 'mostReadRefreshMs'> & {
    uploadsUrl?: string;
  },
): Promise<LiveSite> {
  const { uploadsUrl, ...site } = options;
  return startLiveSite({
    ...site,
    releasesDir: path.join(cms.workDir, 'releases'),
    build: {
      cmsUrl: cms.url,
      token: cms.secrets.CMS_READ_TOKEN,
      siteUrl: `http://127.0.0.1:${typeof options.port === 'number' ? options.port : options.port.port}`,
      ...(uploadsUrl ? { uploadsUrl } : {}),
    },
    hookSecret: cms.secrets.PUBLISH_HOOK_SECRET,
    uploadsDir: cms.files.uploads,
    previewSecret: cms.secrets.PREVIEW_SECRET,
    previewToken: cms.secrets.CMS_PREVIEW_TOKEN,
    host: '127.0.0.1',
  });
}
