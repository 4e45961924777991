/**
 * `npm run seed`: loads the sample newsroom into the CMS database named by the
 * environment (SQLite by default). It boots Strapi in-process without its HTTP server, so
 * run it while the CMS is stopped on SQLite; on PostgreSQL it may run at any time.
 */
import { createRequire } from 'node:module';
import { ensureUploadsDir, publicDirFromEnv } from '../server/src/cms-process.ts';
import { paths } from '../server/src/paths.ts';
import { seed } from './seed/run.ts';
import { seedSynthetic } from './seed/synthetic.ts';

// Strapi's ESM build imports lodash/fp as a directory, which Node's ESM resolver refuses;
// its CommonJS build is the one `strapi start` itself runs.
const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

// Strapi's boot messages would bury the seed's own progress lines.
process.env.STRAPI_LOG_LEVEL ??= 'warn';
/** The counters of knex's connection pool (tarn) that tell whether a query is in flight. */
interface Pool {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

const started = performance.now();
process.chdir(paths.cms);
ensureUploadsDir(publicDirFromEnv());
const strapi = await createStrapi({ appDir: paths.cms, distDir: paths.cmsDist }).load();
strapi.log.level = 'warn';
try {
  if (process.argv.includes('--if-empty') && (await strapi.documents('api::article.article').count({})) > 0) {
    console.log('[seed] the CMS already has stories; nothing to do');
  } else {
    const report = await seed(strapi, (line) => {
      console.log(`[seed] ${line}`);
    });
    const created =
      Object.entries(report.created)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing';
    console.log(`[seed] done in ${((performance.now() - started) / 1000).toFixed(1)} s: created ${created}`);
  }
  // Benchmarks add synthetic stories on top of the sample newsroom.
  // SEED_SYNTHETIC_FROM lets a large benchmark seed in several processes (tests/harness/throwaway.ts).
  const synthetic = Number(process.env.SEED_SYNTHETIC_STORIES ?? 0);
  if (synthetic > 0) {
    const first = Number(process.env.SEED_SYNTHETIC_FROM ?? 0);
    await seedSynthetic(
      strapi,
      synthetic,
      (line) => {
        console.log(`[seed] ${line}`);
      },
      first,
    );
  }
} catch (error) {
  console.error('[seed] failed:', error);
  process.exitCode = 1;
} finally {
  await untilDatabaseIdle();
  await strapi.destroy();
}

/**
 * Strapi emits each document's entry.* event after the write returns, without awaiting it,
 * and that event reads the entry back. Closing the pool under it leaves the read waiting for
 * a connection forever (seen on PostgreSQL), so wait until the pool has been idle twice.
 */
async function untilDatabaseIdle(): Promise<void> {
  const pool = (strapi.db.connection.client as { pool?: Pool }).pool;
  if (!pool) return;
  const busy = () => pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;
  const deadline = Date.now() + 15_000;
  let idleChecks = 0;
  while (idleChecks < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    idleChecks = busy() ? 0 : idleChecks + 1;
  }
}
