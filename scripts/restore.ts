/**
 * `npm run restore -- <backup folder>`: puts a backup made by `npm run backup` back in place of
 * the newsroom's database, uploads and secrets. Stop `npm start` first. What was there is
 * moved aside (`*.before-restore-<time>`), never deleted.
 */
import { newsroomFiles } from '../server/src/cms-process.ts';
import { restoreNewsroom } from '../server/src/backup.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('restore: name the backup folder: npm run restore -- backups/newsroom-<time>');
  process.exit(1);
}
try {
  const manifest = restoreNewsroom(dir, newsroomFiles());
  console.log(
    `restore: the newsroom of ${manifest.createdAt} (${manifest.stories} story rows) is back; start it with npm start`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
