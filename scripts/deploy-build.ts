/**
 * `npm run deploy:build`: makes a site built elsewhere (CI: the deploy workflow) live through
 * the same code the publisher uses: the build folder of RELEASES_DIR becomes a new release by
 * the same snapshot (unchanged files hard-linked from the release before), goes live by the
 * same atomic switch, and the same pruning keeps RELEASES_KEEP built releases for rollback.
 *
 *   node scripts/deploy-build.ts --where   prints the build folder (copy the built site there)
 *   node scripts/deploy-build.ts           snapshots it and switches it live
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../server/src/paths.ts';
import { purgerFromEnv, releasesBehindCache } from '../server/src/shared-cache.ts';

const dir = path.resolve(paths.root, process.env.RELEASES_DIR || paths.releases);
// A shared cache in front (CACHE_PURGE_URL) forgets what the switch changed.
const { releases, cache } = releasesBehindCache(dir, purgerFromEnv(), (line) => console.log(`deploy:build: ${line}`));
const keep = Number(process.env.RELEASES_KEEP || 5);

if (process.argv.includes('--where')) {
  console.log(releases.buildFolder());
} else {
  const built = releases.buildFolder();
  if (!existsSync(path.join(built, 'client', 'index.html'))) {
    console.error(`deploy:build: no built site in ${built} (client/index.html missing); nothing changed`);
    process.exitCode = 1;
  } else {
    const { release, pages } = await releases.snapshot();
    const from = releases.liveName();
    releases.activate(release);
    const pruned = await releases.prune(keep);
    console.log(
      `deploy:build: live release ${from ?? '(none)'} → ${path.basename(release)} (${pages} pages); ` +
        `${pruned.length} old release(s) removed`,
    );
    await cache?.settled();
  }
}
