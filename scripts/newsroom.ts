/**
 * `npm start`: the whole newsroom on one machine. Builds the CMS when its sources changed,
 * seeds the sample news into an empty database, starts Strapi, builds the site from it and
 * serves it; Ctrl-C stops everything. A second run reuses the data and the secrets in `.env`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSite,
  cmsEnv,
  ensureCmsBuilt,
  generateSecrets,
  seedCms,
  serveSite,
  startCms,
  type CmsConfig,
} from './lib/newsroom.ts';
import { paths } from './lib/paths.ts';
import type { Running } from './lib/processes.ts';

const log = (line: string) => {
  console.log(`[newsroom] ${line}`);
};
const envFile = path.join(paths.root, '.env');

/** Creates `.env` from `.env.example` with fresh random secrets, once. */
function ensureEnvFile(): void {
  if (existsSync(envFile)) return;
  const secrets: Record<string, string> = generateSecrets();
  const example = readFileSync(path.join(paths.root, '.env.example'), 'utf8');
  const filled = example.replace(/^([A-Z_]+)=(.*)$/gm, (line, name: string, value: string) =>
    secrets[name] !== undefined && value === '' ? `${name}=${secrets[name]}` : line,
  );
  writeFileSync(envFile, filled, { mode: 0o600 });
  log('created .env with fresh secrets (git-ignored)');
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`the environment variable ${name} is not set (see .env.example)`);
  return value;
}

const running: Running[] = [];
let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    log('stopping...');
    for (const r of running.reverse()) await r.stop();
  }
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

try {
  ensureEnvFile();
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
  for (const name of [...secretNames, 'CMS_READ_TOKEN', 'CMS_ADMIN_EMAIL', 'CMS_ADMIN_PASSWORD'])
    secrets[name] = required(name);

  const client = process.env.DATABASE_CLIENT || 'sqlite';
  const config: CmsConfig = {
    port: Number(process.env.PORT || 1337),
    database:
      client === 'postgres'
        ? { client: 'postgres', url: required('DATABASE_URL'), schema: process.env.DATABASE_SCHEMA || 'public' }
        : { client: 'sqlite', filename: process.env.DATABASE_FILENAME || 'data/newsroom.db' },
    secrets,
  };

  await ensureCmsBuilt(log, cmsEnv(config));
  log('seeding the sample newsroom when the database is empty...');
  await seedCms(config, { ifEmpty: true, label: '[seed]' });

  log('starting the CMS...');
  const cms = await startCms(config, '[cms]');
  running.push(cms);
  void cms.exited.then((code) => !stopping && (log(`the CMS stopped unexpectedly (exit code ${code})`), stopAll(1)));

  const siteHost = process.env.SITE_HOST || '127.0.0.1';
  const sitePort = Number(process.env.SITE_PORT || 4321);
  const siteUrl = process.env.SITE_URL || `http://localhost:${sitePort}`;
  log('building the site from the CMS...');
  const started = Date.now();
  await buildSite({ cmsUrl: cms.url, token: secrets.CMS_READ_TOKEN!, siteUrl }, '[site build]');
  log(`site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const site = await serveSite(paths.site, siteHost, sitePort, '[site]');
  running.push(site);

  console.log(`
  ข่าวสยามรายวัน — the newsroom is running

  Site          ${site.url}/
  CMS admin     ${cms.url}/admin
  Editor login  ${secrets.CMS_ADMIN_EMAIL} / ${secrets.CMS_ADMIN_PASSWORD}   (from .env)

  Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(`[newsroom] ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
}
