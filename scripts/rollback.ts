/**
 * `npm run rollback`: makes the release before the live one live again. The running site
 * server picks it up on the next request; no restart.
 */
import path from 'node:path';
import { paths } from '../server/src/paths.ts';
import { Releases } from '../server/src/releases.ts';

const releases = new Releases(path.resolve(paths.root, process.env.RELEASES_DIR || paths.releases));
try {
  const from = releases.liveName();
  const to = releases.rollback();
  console.log(`rollback: live release ${from ?? '(none)'} → ${path.basename(to)}`);
} catch (error) {
  console.error(`rollback: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
