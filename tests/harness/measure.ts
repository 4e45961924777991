import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binScript, startNode } from '../../server/src/processes.ts';
import { buildNodeOptions } from '../../server/src/site-build.ts';

/** Peak resident memory (VmHWM) of a process so far, in MiB, or 0 once it is gone. */
function peakRssMiB(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** One measured full build. */
export interface MeasuredBuild {
  ms: number;
  peakMiB: number;
  pages: number;
  /** Pictures the build encoded (picturesEncoded()). */
  pictures: number;
}

/** Runs `astro build` into `outDir`, sampling the build process's peak memory every 50 ms. */
export async function measuredBuild(cmsUrl: string, token: string, outDir: string): Promise<MeasuredBuild> {
  const started = performance.now();
  const build = startNode(binScript('astro', 'bin/astro.mjs'), ['build', '--outDir', outDir], {
    env: {
      CMS_URL: cmsUrl,
      CMS_READ_TOKEN: token,
      ASTRO_TELEMETRY_DISABLED: '1',
      // As the publisher builds (server/src/site-build.ts).
      NODE_OPTIONS: buildNodeOptions(),
      // Beside outDir, not in it: the build empties outDir after syncing content into the cache.
      ASTRO_CACHE_DIR: `${outDir}-cache`,
    },
    label: null,
  });
  let peakMiB = 0;
  const sampler = setInterval(() => (peakMiB = Math.max(peakMiB, peakRssMiB(build.child.pid ?? 0))), 50);
  const code = await build.exited;
  clearInterval(sampler);
  if (code !== 0) throw new Error(`astro build failed:\n${build.tail.join('\n')}`);
  const files = readdirSync(path.join(outDir, 'client'), { recursive: true, encoding: 'utf8' });
  const pages = files.filter((f) => f.endsWith('.html')).length;
  return { ms: performance.now() - started, peakMiB, pages, pictures: picturesEncoded(outDir) };
}

/**
 * The pictures a build wrote (astro:assets puts what it encodes beside the bundles, in
 * client/_astro/): 0, since pictures are encoded at upload (cms-schema/src/picture-variants.ts).
 */
export function picturesEncoded(outDir: string): number {
  const assets = path.join(outDir, 'client', '_astro');
  return existsSync(assets) ? readdirSync(assets).filter((f) => /\.(avif|webp|png|jpe?g|gif)$/.test(f)).length : 0;
}

/** The machine a benchmark ran on, in one line. */
export function machine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
}

/** The value at quantile `q` (0–1) of `values`, nearest rank. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}
