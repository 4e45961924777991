import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { setPriority } from 'node:os';
import path from 'node:path';
import { paths } from './paths.ts';

/** A started child process that can be stopped and awaited. */
export interface Running {
  child: ChildProcess;
  /** The last lines the process printed, kept to explain a failure. */
  tail: string[];
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Sends SIGTERM, then SIGKILL after `graceMs`, and waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

const TAIL_LINES = 60;

/**
 * Environment that keeps Strapi and Astro from phoning home (telemetry, update checks,
 * opening a browser): the network is closed, and a newsroom's tools should not call out.
 */
export const QUIET_ENV = { STRAPI_TELEMETRY_DISABLED: 'true', ASTRO_TELEMETRY_DISABLED: '1', BROWSER: 'none' };

/** Options of a child process. */
export interface StartOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Prefix of each forwarded output line; output is discarded when null. */
  label: string | null;
  /** Called with every output line (after the label is handled). */
  onLine?: (line: string) => void;
  /**
   * Scheduling niceness of the child (0 to 19): background work that must not take the CPU
   * from work a person waits for.
   * @defaultValue 0
   */
  nice?: number;
}

/** Runs a Node.js script (with this same Node 24 binary) as a child process. */
export function startNode(script: string, args: string[], options: StartOptions): Running {
  return startProgram(process.execPath, [script, ...args], options);
}

/** Runs a program (an executable on the PATH, or a path to one) as a child process. */
export function startProgram(program: string, args: string[], options: StartOptions): Running {
  const child = spawn(program, args, {
    cwd: options.cwd ?? paths.root,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (options.nice && child.pid !== undefined) {
    try {
      setPriority(child.pid, options.nice);
    } catch {
      // A platform that cannot lower a priority runs the child at normal priority.
    }
  }
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    let buffered = '';
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        if (options.label !== null) process.stdout.write(`${options.label} ${line}\n`);
        options.onLine?.(line);
      }
    });
  }
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      resolve(code);
    });
    // A program that could not be started at all (not installed): it "exits" with no code.
    child.once('error', (error) => {
      tail.push(error.message);
      resolve(null);
    });
  });
  return {
    child,
    tail,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Runs a Node.js script to completion; rejects with `what` named when it fails, with the
 * end of its output when that was not already shown.
 */
export async function runNode(what: string, script: string, args: string[], options: StartOptions): Promise<void> {
  const running = startNode(script, args, options);
  const code = await running.exited;
  if (code === 0) return;
  // Stack frames say where, not what: keep the lines that explain the failure.
  const explanation = running.tail.filter((line) => line.trim() && !/^\s+at /.test(line)).slice(-12);
  const output = options.label === null ? `:\n${explanation.join('\n')}` : '';
  throw new Error(`${what} failed (exit code ${code})${output}`);
}

/** The executable script of an npm package's bin, run with this Node binary. */
export function binScript(pkg: string, relative: string): string {
  return path.join(paths.root, 'node_modules', pkg, relative);
}

/**
 * A port bound on 127.0.0.1 now and held until a server of this process takes it over
 * (`server.listen(reserved.server)`): no other process can take it in between, however long
 * the wait (a test newsroom needs its site's URL minutes before the site starts).
 */
export interface ReservedPort {
  port: number;
  /** The listening socket to hand to the server that will answer on the port. */
  server: Server;
}

/** Binds a free port on 127.0.0.1 and keeps it; see ReservedPort. */
export function reservePort(): Promise<ReservedPort> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as { port: number }).port, server });
    });
  });
}

/**
 * A TCP port that is free on 127.0.0.1 right now, for a child process that must be told its
 * port (Strapi): take it just before starting the process, and start again on another port if
 * it was taken meanwhile. A server of this process reserves its port instead (reservePort).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Polls `url` with `method` until it answers with one of `statuses`; fails naming the URL when
 * `running` exits first or `timeoutMs` passes.
 */
export async function waitForHttp(
  url: string,
  running: Running,
  timeoutMs: number,
  statuses = [200, 204],
  method = 'GET',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const child = { exited: false };
  void running.exited.then(() => {
    child.exited = true;
  });
  while (Date.now() < deadline) {
    if (child.exited) throw new Error(`the process serving ${url} exited before it answered`);
    try {
      const response = await fetch(url, { method, signal: AbortSignal.timeout(2_000) });
      await response.body?.cancel();
      if (statuses.includes(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
