/**
 * `npm run seed`: loads the sample newsroom into the CMS database named by the
 * environment (SQLite by default). It boots Strapi in-process without its HTTP server, so
 * run it while the CMS is stopped on SQLite; on PostgreSQL it may run at any time.
 */
import { createRequire } from 'node:module';
import { paths } from './lib/paths.ts';
import { seed } from './seed/run.ts';

// Strapi's ESM build imports lodash/fp as a directory, which Node's ESM resolver refuses;
// its CommonJS build is the one `strapi start` itself runs.
const { createStrapi } = createRequire(import.meta.url)('@strapi/strapi') as typeof import('@strapi/strapi');

// Strapi's boot messages would bury the seed's own progress lines.
process.env.STRAPI_LOG_LEVEL ??= 'warn';
const started = performance.now();
process.chdir(paths.cms);
const strapi = await createStrapi({ appDir: paths.cms, distDir: paths.cmsDist }).load();
strapi.log.level = 'warn';
try {
  if (process.argv.includes('--if-empty') && (await strapi.documents('api::article.article').count({})) > 0) {
    console.log('[seed] the CMS already has stories; nothing to do');
  } else {
    const report = await seed(strapi, (line) => console.log(`[seed] ${line}`));
    const created =
      Object.entries(report.created)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing';
    console.log(`[seed] done in ${((performance.now() - started) / 1000).toFixed(1)} s: created ${created}`);
  }
} catch (error) {
  console.error('[seed] failed:', error);
  process.exitCode = 1;
} finally {
  await strapi.destroy();
}
