/**
 * `npm start`: the whole newsroom on one machine. Builds the CMS when its sources changed,
 * seeds the sample news on the first run of a new install (the run that creates `.env`),
 * starts Strapi with its publish webhook, builds the site into a release and serves it; every
 * publish rebuilds and switches the live release. Ctrl-C stops everything. A second run
 * reuses the data and the secrets in `.env`, and never seeds: a database that turned up empty
 * (a lost file) is reported, and the live site is kept (a build may not drop most stories).
 *
 * `npm run start:topology` (`--topology`) starts the production layout instead
 * (docs/operations.md): two CMS instances on one PostgreSQL schema (TOPOLOGY_SCHEMA, seeded on
 * the run that creates it), the publisher and site server, and Varnish in front on CACHE_PORT,
 * purged on every switch.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_MAX_STORY_DROP, startLiveSite } from '../server/src/deploy.ts';
import {
  cmsEnv,
  ensureCmsBuilt,
  generateSecrets,
  loginLines,
  publicDirFromEnv,
  seedCms,
  startCms,
  type CmsConfig,
} from '../server/src/cms-process.ts';
import { paths } from '../server/src/paths.ts';
import { ensurePostgresSchema } from '../server/src/postgres-schema.ts';
import { HttpPurger, purgerFromEnv } from '../server/src/shared-cache.ts';
import { startVarnish, varnishInstalled } from '../server/src/varnish.ts';

/** Two CMS instances on PostgreSQL with Varnish in front, instead of one CMS on SQLite. */
const topology = process.argv.includes('--topology');

const log = (line: string) => {
  console.log(`[newsroom] ${line}`);
};
// NEWSROOM_ENV_FILE: another secrets file (the topology's test runs one of its own).
const envFile = path.resolve(paths.root, process.env.NEWSROOM_ENV_FILE || '.env');

/**
 * Creates `.env` from `.env.example` with fresh random secrets, once; an existing `.env`
 * only gets the secrets it lacks (a newer version may need one more). True when it was created.
 */
function ensureEnvFile(): boolean {
  const secrets: Record<string, string> = generateSecrets();
  if (!existsSync(envFile)) {
    const example = readFileSync(path.join(paths.root, '.env.example'), 'utf8');
    const filled = example.replace(/^([A-Z_]+)=(.*)$/gm, (line, name: string, value: string) =>
      secrets[name] !== undefined && value === '' ? `${name}=${secrets[name]}` : line,
    );
    writeFileSync(envFile, filled, { mode: 0o600 });
    log('created .env with fresh secrets (git-ignored)');
    return true;
  }
  const current = readFileSync(envFile, 'utf8');
  const missing = Object.keys(secrets).filter((name) => !new RegExp(`^${name}=.+$`, 'm').test(current));
  if (missing.length > 0) {
    appendFileSync(envFile, `\n${missing.map((name) => `${name}=${secrets[name]}`).join('\n')}\n`);
    log(`added ${missing.join(', ')} to .env`);
  }
  return false;
}

/** How many stories the CMS publishes, as the site's build reads them. */
async function publishedStories(cmsUrl: string, token: string): Promise<number> {
  const response = await fetch(`${cmsUrl}/api/articles?fields[0]=title&pagination[pageSize]=1`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`the CMS answered ${response.status} to the story count`);
  const body = (await response.json()) as { meta: { pagination: { total: number } } };
  return body.meta.pagination.total;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the environment variable ${name} is not set (see .env.example)`);
  return value;
}

const stops: (() => Promise<void>)[] = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping...');
    for (const stop of stops.reverse()) await stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  const firstRun = ensureEnvFile();
  process.loadEnvFile(envFile);
  const secretNames = [
    'APP_KEYS',
    'API_TOKEN_SALT',
    'ADMIN_JWT_SECRET',
    'TRANSFER_TOKEN_SALT',
    'JWT_SECRET',
    'ENCRYPTION_KEY',
  ];
  const secrets: Record<string, string> = {};
  const logins = ['ADMIN', 'WRITER', 'EDITOR'].flatMap((who) => [`CMS_${who}_EMAIL`, `CMS_${who}_PASSWORD`]);
  for (const name of [...secretNames, 'CMS_READ_TOKEN', 'CMS_PREVIEW_TOKEN', 'PREVIEW_SECRET', ...logins]) {
    secrets[name] = required(name);
  }
  const hookSecret = required('PUBLISH_HOOK_SECRET');
  const siteHost = process.env.SITE_HOST || '127.0.0.1';
  const sitePort = Number(process.env.SITE_PORT || 4321);
  const siteUrl = process.env.SITE_URL || `http://localhost:${sitePort}`;

  const client = topology ? 'postgres' : process.env.DATABASE_CLIENT || 'sqlite';
  // The topology's own schema on the machine's PostgreSQL unless told otherwise.
  const postgresUrl = topology ? process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test' : '';
  const schema = topology
    ? process.env.TOPOLOGY_SCHEMA || 'newsroom_topology'
    : process.env.DATABASE_SCHEMA || 'public';
  const config: CmsConfig = {
    port: Number(process.env.PORT || 1337),
    database:
      client === 'postgres'
        ? { client: 'postgres', url: postgresUrl || required('DATABASE_URL'), schema }
        : { client: 'sqlite', filename: process.env.DATABASE_FILENAME || 'data/newsroom.db' },
    publicDir: publicDirFromEnv(), // cmsEnv creates its uploads folder
    secrets,
    publishHook: { url: `http://${siteHost}:${sitePort}/_hooks/publish`, secret: hookSecret },
    siteUrl,
  };

  if (topology && !varnishInstalled()) throw new Error('the topology puts Varnish in front: apt-get install varnish');
  await ensureCmsBuilt(log, cmsEnv(config));
  // The topology's first run is the one that creates its schema (its own, beside any other newsroom).
  const seed = topology ? await ensurePostgresSchema(postgresUrl, schema) : firstRun;
  if (seed) {
    log('a new install: seeding the sample newsroom...');
    await seedCms(config, { ifEmpty: true, label: '[seed]' });
  }

  log('starting the CMS...');
  const cms = await startCms(config, topology ? '[cms-1]' : '[cms]');
  stops.push(() => cms.stop());
  // A second instance on the same database and uploads: either serves editors; story numbers
  // and embargoes are claimed in the database (cms-schema/src/bootstrap/).
  const second = topology ? await startCms({ ...config, port: config.port + 1 }, '[cms-2]') : null;
  if (second) stops.push(() => second.stop());
  if (!seed && (await publishedStories(cms.url, secrets.CMS_READ_TOKEN!)) === 0) {
    log(
      'WARNING: the CMS publishes no story. This install was set up before (.env exists), so the sample news ' +
        'is not seeded again: if the database was lost, stop and restore a backup (npm run restore); to start ' +
        'over with the sample news, run npm run seed. The live site is kept: a build that drops most stories ' +
        'is refused.',
    );
  }
  for (const instance of [cms, second]) {
    void instance?.exited.then(
      (code) => !stopping && (log(`a CMS instance stopped unexpectedly (exit code ${code})`), stopAll(1)),
    );
  }
  const cachePort = Number(process.env.CACHE_PORT || 6081);
  const cacheUrl = `http://127.0.0.1:${cachePort}`;
  if (topology) {
    // Started before the site server behind it, so that it stops after it (the publisher's last
    // purges still reach it).
    const cache = await startVarnish({
      backend: `http://${siteHost}:${sitePort}`,
      port: cachePort,
      workDir: path.join(paths.root, '.cache', 'varnish'),
      label: '[varnish]',
    });
    stops.push(() => cache.stop());
  }

  const site = await startLiveSite({
    releasesDir: path.resolve(paths.root, process.env.RELEASES_DIR || paths.releases),
    keep: Number(process.env.RELEASES_KEEP || 5),
    maxStoryDrop: Number(process.env.DEPLOY_MAX_STORY_DROP || DEFAULT_MAX_STORY_DROP),
    build: {
      cmsUrl: cms.url,
      token: secrets.CMS_READ_TOKEN!,
      siteUrl,
      // Uploads in a bucket (cms-schema/src/upload-storage.ts): the build fetches them there.
      ...(process.env.UPLOADS_S3_BUCKET && process.env.UPLOADS_PUBLIC_URL
        ? { uploadsUrl: process.env.UPLOADS_PUBLIC_URL }
        : {}),
    },
    previewSecret: secrets.PREVIEW_SECRET!,
    previewToken: secrets.CMS_PREVIEW_TOKEN!,
    hookSecret,
    host: siteHost,
    port: sitePort,
    purger: topology ? new HttpPurger(cacheUrl) : purgerFromEnv(),
    // The CMS runs on this machine: its uploads are served from its folder.
    uploadsDir: path.join(config.publicDir!, 'uploads'),
    // Varnish (--topology) or another proxy in front: readers' addresses come in X-Forwarded-For.
    behindProxy: topology || process.env.SITE_BEHIND_PROXY === 'true',
    log: (line) => console.log(`[publish] ${line}`),
  });
  stops.push(() => site.close());
  log('building the site from the CMS...');
  const first = await site.publisher.buildNow('startup');
  if (first.result !== 'live' && !site.releases.live()) throw new Error(`the first build failed:\n${first.error}`);

  const where = topology
    ? [
        `Site          ${cacheUrl}/   (Varnish; the site server itself: ${site.url}/)`,
        `CMS admin     ${cms.url}/admin and ${second!.url}/admin (PostgreSQL schema ${schema})`,
      ]
    : [`Site          ${site.url}/`, `CMS admin     ${cms.url}/admin`];
  console.log(`
  ข่าวสยามรายวัน — the newsroom is running${topology ? ' (topology: two CMS instances, Varnish in front)' : ''}

  ${where.join('\n  ')}
  Logins        ${loginLines(secrets, firstRun).join('\n                ')}
  Publish hook  ${site.url}/_hooks/publish   (Strapi calls it on every change; status at /_hooks/status)

  Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`[newsroom] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
