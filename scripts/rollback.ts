/**
 * `npm run rollback`: makes the release before the live one live again. The running site
 * server picks it up on the next request; no restart.
 */
import path from 'node:path';
import { paths } from '../server/src/paths.ts';
import { purgerFromEnv, releasesBehindCache } from '../server/src/shared-cache.ts';

const dir = path.resolve(paths.root, process.env.RELEASES_DIR || paths.releases);
// A shared cache in front (CACHE_PURGE_URL) forgets every page: a rollback may change any of them.
const { releases, cache } = releasesBehindCache(dir, purgerFromEnv(), (line) => console.log(`rollback: ${line}`));
try {
  const from = releases.liveName();
  const to = releases.rollback();
  console.log(`rollback: live release ${from ?? '(none)'} → ${path.basename(to)}`);
} catch (error) {
  console.error(`rollback: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
await cache?.settled();
