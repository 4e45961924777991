/**
 * `npm run bench:build`: how long a full site build of the sample newsroom takes, and how
 * much memory it needs. Starts a throwaway seeded CMS (SQLite), builds the site RUNS times
 * (default 3) into a scratch folder, and prints each run, the median and the peak RSS with
 * the machine it ran on. A benchmark, not a test: it asserts nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binScript, startNode } from './lib/processes.ts';
import { startThrowawayCms } from './lib/throwaway.ts';

const RUNS = Number(process.env.RUNS ?? 3);

/** Peak resident memory (VmHWM) of a process so far, in MiB, or 0 once it is gone. */
function peakRssMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const cms = await startThrowawayCms({ log: (line) => console.log(`[bench] ${line}`) });
const results: { ms: number; peakMiB: number; pages: number }[] = [];
try {
  for (let run = 1; run <= RUNS; run++) {
    const outDir = path.join(cms.workDir, `site-${run}`);
    const started = performance.now();
    const build = startNode(binScript('astro', 'bin/astro.mjs'), ['build', '--outDir', outDir], {
      env: { CMS_URL: cms.url, CMS_READ_TOKEN: cms.secrets.CMS_READ_TOKEN, ASTRO_TELEMETRY_DISABLED: '1' },
      label: null,
    });
    let peakMiB = 0;
    const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, peakRssMiB(build.child.pid ?? 0))), 50);
    const code = await build.exited;
    clearInterval(sampler);
    if (code !== 0) throw new Error(`astro build failed:\n${build.tail.join('\n')}`);
    const ms = performance.now() - started;
    const pages = readdirSync(path.join(outDir, 'client'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.html'),
    ).length;
    results.push({ ms, peakMiB, pages });
    console.log(`[bench] run ${run}: ${(ms / 1000).toFixed(2)} s, ${pages} pages, peak RSS ${peakMiB.toFixed(0)} MiB`);
  }
} finally {
  await cms.stop();
}

const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
const cpus = os.cpus();
console.log(`
bench:build — full static build of the sample newsroom (46 stories, 7 sections)
  machine      ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}
  node         ${process.version}
  CMS          Strapi on SQLite, seeded in ${(cms.seedMs / 1000).toFixed(1)} s
  runs         ${results.map((r) => (r.ms / 1000).toFixed(2)).join(' s, ')} s
  median       ${(median / 1000).toFixed(2)} s (includes Astro start-up and reading the CMS)
  pages        ${results[0]?.pages ?? 0} HTML files
  peak RSS     ${Math.max(...results.map((r) => r.peakMiB)).toFixed(0)} MiB (astro build process)
`);
