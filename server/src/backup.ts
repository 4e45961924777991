import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';

/** What a newsroom on SQLite keeps: its database file, its uploads folder and its secrets file. */
export interface NewsroomFiles {
  /** The SQLite database (DATABASE_FILENAME, resolved). */
  database: string;
  /** Strapi's uploads folder (`<CMS_PUBLIC_DIR>/uploads`). */
  uploads: string;
  /** The `.env` holding the secrets: the CMS's keys, the tokens, the hook and preview secrets. */
  env: string;
}

/** The manifest of a backup, written last: a folder without one is not a backup. */
export interface BackupManifest {
  v: 1;
  createdAt: string;
  database: 'sqlite';
  /** Published and draft rows of the story table when the copy was taken, for the operator to compare. */
  stories: number;
}

const MANIFEST = 'manifest.json';
const DATABASE = 'newsroom.db';
const UPLOADS = 'uploads';
const SECRETS = 'secrets.env';

/** A backup folder's name for `at`: sorts by time, and is safe on every file system. */
export function backupName(at: Date): string {
  return `newsroom-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-')}`;
}

/**
 * Writes a consistent copy of the newsroom into a new folder of `backupsDir`, while it runs:
 * the database through SQLite's online backup API (a page-by-page copy that is consistent even
 * as Strapi writes), the uploads, and the secrets (mode 600: they open the CMS). The folder
 * appears under its final name only once complete, with its manifest. Returns its path.
 */
export async function backupNewsroom(files: NewsroomFiles, backupsDir: string, at = new Date()): Promise<string> {
  if (!existsSync(files.database)) throw new Error(`backup: no database at ${files.database}`);
  const target = path.join(backupsDir, backupName(at));
  if (existsSync(target)) throw new Error(`backup: ${target} exists already`);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    const source = new DatabaseSync(files.database, { readOnly: true });
    try {
      await backup(source, path.join(partial, DATABASE));
    } finally {
      source.close();
    }
    if (existsSync(files.uploads)) cpSync(files.uploads, path.join(partial, UPLOADS), { recursive: true });
    else mkdirSync(path.join(partial, UPLOADS));
    if (existsSync(files.env)) {
      cpSync(files.env, path.join(partial, SECRETS));
      chmodSync(path.join(partial, SECRETS), 0o600);
    }
    const manifest: BackupManifest = {
      v: 1,
      createdAt: at.toISOString(),
      database: 'sqlite',
      stories: storyRows(path.join(partial, DATABASE)),
    };
    writeFileSync(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, target);
    return target;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/** The manifest of backup folder `dir`; throws, naming the folder, when it is not a complete backup. */
export function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) throw new Error(`restore: ${dir} is not a complete backup (no ${MANIFEST})`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { v?: unknown; database?: unknown };
  if (manifest.v !== 1 || manifest.database !== 'sqlite') {
    throw new Error(`restore: ${dir} is a backup this version cannot read (${JSON.stringify(manifest)})`);
  }
  return manifest as BackupManifest;
}

/**
 * Puts backup `dir` back in place of the newsroom's files; the CMS must be stopped. Each
 * current file or folder is first moved aside to `<name>.before-restore-<time>` (nothing is
 * lost if the backup was the wrong one), and the database's write-ahead log files go with it:
 * a stale log applied to the restored file would corrupt it. Returns the manifest.
 */
export function restoreNewsroom(dir: string, files: NewsroomFiles, at = new Date()): BackupManifest {
  const manifest = readManifest(dir);
  const aside = (file: string) => {
    if (existsSync(file)) renameSync(file, `${file}.before-restore-${backupName(at).replace('newsroom-', '')}`);
  };
  for (const file of [files.database, `${files.database}-wal`, `${files.database}-shm`, files.uploads]) aside(file);
  mkdirSync(path.dirname(files.database), { recursive: true });
  cpSync(path.join(dir, DATABASE), files.database);
  cpSync(path.join(dir, UPLOADS), files.uploads, { recursive: true });
  if (existsSync(path.join(dir, SECRETS))) {
    aside(files.env);
    cpSync(path.join(dir, SECRETS), files.env);
    chmodSync(files.env, 0o600);
  }
  return manifest;
}

/** Rows of the story table in a database file (0 before the CMS made it). */
function storyRows(database: string): number {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'articles'").get();
    if (!table) return 0;
    const row = db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
