import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { NewsroomFiles } from './backup.ts';
import { paths } from './paths.ts';
import { binScript, QUIET_ENV, runNode, startNode, waitForHttp, type Running } from './processes.ts';

const STRAPI = binScript('@strapi/strapi', 'bin/strapi.js');

/** Where the CMS keeps its data. */
export type Database = { client: 'sqlite'; filename: string } | { client: 'postgres'; url: string; schema?: string };

/** Everything one CMS instance needs. */
export interface CmsConfig {
  port: number;
  database: Database;
  /** Folder for uploads (Strapi's public dir). */
  publicDir?: string;
  /** Strapi secrets, the read token and the admin account. */
  secrets: Record<string, string>;
  /** Where Strapi's webhook tells the site that content changed. */
  publishHook?: { url: string; secret: string };
  /** The site's origin, for Strapi's preview links. */
  siteUrl?: string;
  /** More of Strapi's environment: the upload storage (UPLOADS_S3_*, cms-schema/src/upload-storage.ts). */
  env?: NodeJS.ProcessEnv;
}

/** Strapi's public dir from CMS_PUBLIC_DIR (relative to cms-schema/), `cms-schema/public` by default. */
export function publicDirFromEnv(): string {
  return path.resolve(paths.cms, process.env.CMS_PUBLIC_DIR || 'public');
}

/**
 * Where the newsroom on SQLite keeps what a backup must hold, from the environment as the CMS
 * reads it: DATABASE_FILENAME (relative to cms-schema/), CMS_PUBLIC_DIR's uploads, `.env`.
 */
export function newsroomFiles(): NewsroomFiles {
  return {
    database: path.resolve(paths.cms, process.env.DATABASE_FILENAME || 'data/newsroom.db'),
    uploads: path.join(publicDirFromEnv(), 'uploads'),
    env: path.join(paths.root, '.env'),
  };
}

/**
 * Creates the uploads folder of a public dir: it is git-ignored, so a fresh clone lacks it,
 * and Strapi's upload provider refuses to boot without it.
 */
export function ensureUploadsDir(publicDir: string): void {
  mkdirSync(path.join(publicDir, 'uploads'), { recursive: true });
}

/** The environment of a Strapi process for `config`; creates the uploads folder it needs. */
export function cmsEnv(config: CmsConfig): NodeJS.ProcessEnv {
  if (config.publicDir) ensureUploadsDir(config.publicDir);
  const db: NodeJS.ProcessEnv =
    config.database.client === 'sqlite'
      ? { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: config.database.filename }
      : {
          DATABASE_CLIENT: 'postgres',
          DATABASE_URL: config.database.url,
          DATABASE_SCHEMA: config.database.schema ?? 'public',
        };
  return {
    ...QUIET_ENV,
    ...config.secrets,
    ...db,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(config.port),
    ...(config.publicDir ? { CMS_PUBLIC_DIR: config.publicDir } : {}),
    PUBLISH_HOOK_URL: config.publishHook?.url ?? '',
    PUBLISH_HOOK_SECRET: config.publishHook?.secret ?? '',
    SITE_URL: config.siteUrl ?? '',
    ...config.env,
  };
}

/** The secrets the CMS and the site share, and the newsroom's first logins. */
// A type alias (not an interface) so it stays assignable to Record<string, string>.
export type Secrets = {
  APP_KEYS: string;
  API_TOKEN_SALT: string;
  ADMIN_JWT_SECRET: string;
  TRANSFER_TOKEN_SALT: string;
  JWT_SECRET: string;
  ENCRYPTION_KEY: string;
  CMS_READ_TOKEN: string;
  /** Draft previews' token: the only one that may read drafts (cms-schema/src/bootstrap/site-tokens.ts). */
  CMS_PREVIEW_TOKEN: string;
  CMS_ADMIN_EMAIL: string;
  CMS_ADMIN_PASSWORD: string;
  /** The sample writer and editor accounts (roles from cms-schema/src/bootstrap/roles.ts). */
  CMS_WRITER_EMAIL: string;
  CMS_WRITER_PASSWORD: string;
  CMS_EDITOR_EMAIL: string;
  CMS_EDITOR_PASSWORD: string;
  PUBLISH_HOOK_SECRET: string;
  /** Signs preview links: Strapi signs them, the site checks them. */
  PREVIEW_SECRET: string;
};

/**
 * The newsroom's logins as `npm start` prints them. Passwords only when `withPasswords` (the
 * start that created them): a later start's log (a terminal's scrollback, a CI log) must not
 * carry them.
 */
export function loginLines(logins: Record<string, string | undefined>, withPasswords: boolean): string[] {
  const lines = (
    [
      ['super admin', 'ADMIN'],
      ['editor', 'EDITOR'],
      ['writer', 'WRITER'],
    ] as const
  ).map(([role, key]) => {
    const password = withPasswords ? ` / ${logins[`CMS_${key}_PASSWORD`] ?? ''}` : '';
    return `${role.padEnd(12)} ${logins[`CMS_${key}_EMAIL`] ?? ''}${password}`;
  });
  lines.push(withPasswords ? '(from .env, shown this once)' : '(passwords in .env)');
  return lines;
}

/** Fresh random values for every secret the CMS and the site share. */
export function generateSecrets(): Secrets {
  const key = () => randomBytes(24).toString('base64');
  const password = () => `Nr-${randomBytes(9).toString('base64url')}-a1A`;
  return {
    APP_KEYS: [key(), key(), key(), key()].join(','),
    API_TOKEN_SALT: key(),
    ADMIN_JWT_SECRET: key(),
    TRANSFER_TOKEN_SALT: key(),
    JWT_SECRET: key(),
    ENCRYPTION_KEY: key(),
    CMS_READ_TOKEN: randomBytes(32).toString('hex'),
    CMS_PREVIEW_TOKEN: randomBytes(32).toString('hex'),
    CMS_ADMIN_EMAIL: 'editor@newsroom.local',
    // Strapi's admin password rules: upper and lower case letters and a digit.
    CMS_ADMIN_PASSWORD: password(),
    CMS_WRITER_EMAIL: 'writer@newsroom.local',
    CMS_WRITER_PASSWORD: password(),
    CMS_EDITOR_EMAIL: 'desk@newsroom.local',
    CMS_EDITOR_PASSWORD: password(),
    PUBLISH_HOOK_SECRET: randomBytes(32).toString('hex'),
    PREVIEW_SECRET: randomBytes(32).toString('hex'),
  };
}

/** A fingerprint of everything `strapi build` compiles. */
function cmsSourceHash(): string {
  const hash = createHash('sha256');
  for (const part of ['src', 'config', 'package.json', 'tsconfig.json']) {
    const full = path.join(paths.cms, part);
    if (!existsSync(full)) continue;
    const files = statSync(full).isDirectory()
      ? readdirSync(full, { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
          .map((e) => path.join(e.parentPath, e.name))
          .sort()
      : [full];
    for (const file of files) hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** Runs `strapi build` (TypeScript and admin panel) unless the last build saw the same sources. */
export async function ensureCmsBuilt(log: (line: string) => void, env: NodeJS.ProcessEnv): Promise<void> {
  const stamp = path.join(paths.cmsDist, '.newsroom-source-hash');
  const hash = cmsSourceHash();
  const built = existsSync(path.join(paths.cmsAdminBuild, 'index.html')) && existsSync(stamp);
  if (built && readFileSync(stamp, 'utf8') === hash) {
    log('CMS build is up to date');
    return;
  }
  log('building the CMS (TypeScript and admin panel, about a minute)...');
  const started = Date.now();
  await runNode('strapi build', STRAPI, ['build'], {
    cwd: paths.cms,
    env: { ...QUIET_ENV, ...env, NODE_ENV: 'production' },
    label: '[cms build]',
  });
  writeFileSync(stamp, hash);
  log(`CMS built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Seeds the sample newsroom (idempotent); with `ifEmpty`, leaves a database with stories alone.
 * `env` adds to the seed's environment (SEED_SYNTHETIC_STORIES, SEED_SYNTHETIC_FROM).
 */
export async function seedCms(
  config: CmsConfig,
  options: { ifEmpty: boolean; label: string | null; env?: NodeJS.ProcessEnv },
): Promise<void> {
  const args = options.ifEmpty ? ['--if-empty'] : [];
  // The seed boots Strapi without the webhook: hundreds of events would only be noise.
  const withoutHook: CmsConfig = { port: config.port, database: config.database, secrets: config.secrets };
  if (config.publicDir) withoutHook.publicDir = config.publicDir;
  if (config.env) withoutHook.env = config.env;
  await runNode('seed', path.join(paths.root, 'scripts/seed.ts'), args, {
    env: { ...cmsEnv(withoutHook), ...options.env },
    label: options.label,
  });
}

/** Starts Strapi and resolves once `/_health` answers. */
export async function startCms(config: CmsConfig, label: string | null): Promise<Running & { url: string }> {
  const running = startNode(STRAPI, ['start'], { cwd: paths.cms, env: cmsEnv(config), label });
  const url = `http://127.0.0.1:${config.port}`;
  try {
    await waitForHttp(`${url}/_health`, running, 120_000);
  } catch (error) {
    await running.stop();
    throw error;
  }
  return { ...running, url };
}
