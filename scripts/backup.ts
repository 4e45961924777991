/**
 * `npm run backup`: a consistent copy of the newsroom on SQLite (database, uploads, secrets)
 * into a new timestamped folder of BACKUPS_DIR (default `backups/`, git-ignored), taken while
 * the newsroom runs. PostgreSQL newsrooms use pg_dump (docs/operations.md).
 */
import path from 'node:path';
import { backupNewsroom } from '../server/src/backup.ts';
import { newsroomFiles } from '../server/src/cms-process.ts';
import { paths } from '../server/src/paths.ts';

if ((process.env.DATABASE_CLIENT || 'sqlite') !== 'sqlite') {
  console.error('backup: DATABASE_CLIENT is not sqlite; back PostgreSQL up with pg_dump (docs/operations.md)');
  process.exit(1);
}
try {
  const dir = await backupNewsroom(newsroomFiles(), path.resolve(paths.root, process.env.BACKUPS_DIR || 'backups'));
  console.log(`backup: written to ${dir}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
