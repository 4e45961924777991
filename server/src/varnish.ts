import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from './paths.ts';
import { freePort, startProgram, waitForHttp, type Running } from './processes.ts';

/** The VCL of the cache in front of the site, with the backend and purgers filled in at start. */
const VCL_TEMPLATE = path.join(paths.root, 'server', 'varnish', 'site.vcl');

/** Options of a Varnish started in front of a site server. */
export interface VarnishOptions {
  /** The site server's URL (the backend). */
  backend: string;
  /** A folder of its own for Varnish's working files (shared memory log, compiled VCL). */
  workDir: string;
  /** Port to listen on, 127.0.0.1; a free one when absent. */
  port?: number;
  /** Addresses besides loopback allowed to purge (the publisher's, when it runs elsewhere). */
  purgers?: string[];
  /** Cache size in MiB. @defaultValue 256 */
  memoryMb?: number;
  /** Prefix of Varnish's forwarded output, or null to keep it quiet. */
  label?: string | null;
}

/** A running Varnish: readers' URL (also where purges go) and how to stop it. */
export interface RunningVarnish {
  url: string;
  running: Running;
  stop(): Promise<void>;
}

/** True when `varnishd` can be run here (Debian: apt-get install varnish). */
export function varnishInstalled(): boolean {
  return spawnSync('varnishd', ['-V'], { stdio: 'ignore' }).status === 0;
}

/** The VCL for `options`: site.vcl with the backend and the extra purgers filled in. */
export function varnishVcl(options: Pick<VarnishOptions, 'backend' | 'purgers'>): string {
  const backend = new URL(options.backend);
  return readFileSync(VCL_TEMPLATE, 'utf8')
    .replace('{{BACKEND_HOST}}', backend.hostname)
    .replace('{{BACKEND_PORT}}', backend.port || (backend.protocol === 'https:' ? '443' : '80'))
    .replace('{{PURGERS}}', (options.purgers ?? []).map((address) => `  "${address}";`).join('\n'));
}

/**
 * Starts varnishd in the foreground as a child process, in front of `options.backend`, and
 * resolves once it answers. It runs as the calling user (no privilege jail), with its working
 * files in `options.workDir`, so tests and the topology command need no system service.
 */
export async function startVarnish(options: VarnishOptions): Promise<RunningVarnish> {
  mkdirSync(options.workDir, { recursive: true });
  const vcl = path.join(options.workDir, 'site.vcl');
  writeFileSync(vcl, varnishVcl(options));
  const port = options.port ?? (await freePort());
  const running = startProgram(
    'varnishd',
    [
      '-F',
      '-j',
      'none',
      '-n',
      path.join(options.workDir, 'instance'),
      '-a',
      `127.0.0.1:${port}`,
      '-T',
      'none',
      '-f',
      vcl,
      '-s',
      `malloc,${options.memoryMb ?? 256}m`,
    ],
    { label: options.label ?? null },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    // Varnish answers a purge itself: the site behind it need not be up yet.
    await waitForHttp(`${url}/`, running, 30_000, [200], 'PURGE');
  } catch (error) {
    await running.stop(1000);
    const why = running.tail
      .filter((line) => line.trim())
      .slice(-8)
      .join('\n');
    throw new Error(`Varnish did not start: ${error instanceof Error ? error.message : String(error)}\n${why}`);
  }
  return { url, running, stop: () => running.stop(5000) };
}
