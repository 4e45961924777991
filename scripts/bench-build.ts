/**
 * `npm run bench:build`: how long a full site build of the sample newsroom takes, and how
 * much memory it needs. Starts a throwaway seeded CMS (SQLite), builds the site RUNS times
 * (default 3) into a scratch folder, and prints each run, the median and the peak RSS with
 * the machine it ran on. A benchmark, not a test: it asserts nothing.
 */
import path from 'node:path';
import { machine, measuredBuild, quantile, type MeasuredBuild } from '../tests/harness/measure.ts';
import { startThrowawayCms } from '../tests/harness/throwaway.ts';

const RUNS = Number(process.env.RUNS ?? 3);

const cms = await startThrowawayCms({ log: (line) => console.log(`[bench] ${line}`) });
const results: MeasuredBuild[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const result = await measuredBuild(cms.url, cms.secrets.CMS_READ_TOKEN, path.join(cms.workDir, `site-${run}`));
    results.push(result);
    console.log(
      `[bench] run ${run}: ${(result.ms / 1000).toFixed(2)} s, ${result.pages} pages, peak RSS ${result.peakMiB.toFixed(0)} MiB`,
    );
  }
} finally {
  await cms.stop();
}

console.log(`
bench:build — full static build of the sample newsroom
  machine      ${machine()}
  CMS          Strapi on SQLite, seeded in ${(cms.seedMs / 1000).toFixed(1)} s
  runs         ${results.map((r) => (r.ms / 1000).toFixed(2)).join(' s, ')} s
  median       ${(
    quantile(
      results.map((r) => r.ms),
      0.5,
    ) / 1000
  ).toFixed(2)} s (includes Astro start-up and reading the CMS)
  pages        ${results[0]?.pages ?? 0} HTML files
  peak RSS     ${Math.max(...results.map((r) => r.peakMiB)).toFixed(0)} MiB (astro build process)
  pictures     ${Math.max(...results.map((r) => r.pictures))} encoded by a build (they are encoded once, at upload)
`);
