import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  FAST_PUBLISH_CATALOG,
  FAST_PUBLISH_CATALOG_DELTA,
  FAST_PUBLISH_CATALOG_PARTS,
  FAST_PUBLISH_KEY_HEADER,
  FAST_PUBLISH_WORD_LISTS,
} from '../../shared/fast-publish-contract.ts';
import { internalFile } from '../../shared/internal-output.ts';
import { searchIndexPath } from '../../src/lib/search.ts';
import { NOT_FOUND_TEXT } from '../../shared/not-found.ts';
import { sameSecret } from '../../shared/same-secret.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

/** A release's on-demand routes, served from a worker thread on a loopback port of its own. */
export interface ReleaseRenderer {
  url: string;
  /** Stops the worker; the release's server code leaves memory with it. */
  close(): Promise<void>;
}

/**
 * Serves a release's on-demand routes from a worker thread. Node cannot unload an imported
 * module, and every release has its own server code: importing each new release's code into
 * the site server would keep a few MB per publish for as long as the server runs. A worker
 * takes the code with it when it stops. `env` adds to the environment the routes see;
 * `onExit` is called when the worker ends, closed or crashed; `catalogDelta` is a file served
 * to the fast-publish render beside the release's catalog.
 */
export function startReleaseRenderer(
  release: string,
  env: NodeJS.ProcessEnv = {},
  onExit?: () => void,
  catalogDelta?: string,
): Promise<ReleaseRenderer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { renderRelease: release, catalogDelta },
      // The routes read astro:env from the worker's environment: this process's, plus `env`.
      env: { ...process.env, ...env },
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      reject(new Error(`the render worker exited with code ${code}`));
      onExit?.();
    });
    worker.once('message', (port: number) => {
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: async () => {
          await worker.terminate();
        },
      });
    });
  });
}

/** How long a replaced release's renderer lives on, for an answer it may still be giving. */
const RENDERER_GRACE_MS = 30_000;

/** Options of a set of release renderers. */
export interface ReleaseRenderersOptions {
  /** How long a replaced renderer lives on. @defaultValue 30000 */
  graceMs?: number;
  /** A file each renderer serves beside its release's catalog (startReleaseRenderer()). */
  catalogDelta?: string;
  /** Work a renderer does once started, before it is handed out (never rejects). */
  warm?: (renderer: ReleaseRenderer) => Promise<void>;
}

/**
 * The renderers of releases, one per release, started when first asked for. When a release's
 * renderer is used, those of releases started before it are stopped after a grace period: an
 * answer may still be under way with them (a release goes live while a request is rendered).
 * A renderer that failed to start or stopped (crashed) is started again at the next request.
 */
export class ReleaseRenderers {
  /** Renderers by release, oldest first. */
  private readonly renderers = new Map<string, Promise<ReleaseRenderer>>();
  private readonly env: NodeJS.ProcessEnv;
  private readonly options: ReleaseRenderersOptions;

  /** `env` adds to the environment the routes see (startReleaseRenderer()). */
  constructor(env: NodeJS.ProcessEnv, options: ReleaseRenderersOptions = {}) {
    this.env = env;
    this.options = options;
  }

  /** Starts (and warms) the renderer of `release` without stopping any other. Never rejects. */
  async prepare(release: string): Promise<void> {
    await this.start(release).catch(() => undefined);
  }

  /** The renderer of `release`, started if need be; those started before it are retired. */
  get(release: string): Promise<ReleaseRenderer> {
    const renderer = this.start(release);
    for (const [other, old] of this.renderers) {
      if (other === release) break;
      this.renderers.delete(other);
      const stop = () => void old.then((r) => r.close()).catch(() => undefined);
      setTimeout(stop, this.options.graceMs ?? RENDERER_GRACE_MS).unref();
    }
    return renderer;
  }

  /** Stops every renderer now (at shutdown). */
  async close(): Promise<void> {
    const all = [...this.renderers.values()];
    this.renderers.clear();
    for (const renderer of await Promise.all(all.map((r) => r.catch(() => null)))) await renderer?.close();
  }

  private start(release: string): Promise<ReleaseRenderer> {
    const running = this.renderers.get(release);
    if (running) return running;
    const forget = () => {
      if (this.renderers.get(release) === started) this.renderers.delete(release);
    };
    const { warm, catalogDelta } = this.options;
    const started = startReleaseRenderer(release, this.env, forget, catalogDelta).then(async (renderer) => {
      await warm?.(renderer);
      return renderer;
    });
    started.catch(forget);
    this.renderers.set(release, started);
    return started;
  }
}

/** True when the request carries the fast-publish key (the worker has the site server's environment). */
function hasKey(req: IncomingMessage): boolean {
  const expected = process.env.FAST_PUBLISH_RENDER_KEY ?? '';
  const given = req.headers[FAST_PUBLISH_KEY_HEADER];
  return Boolean(expected) && typeof given === 'string' && sameSecret(given, expected);
}

/** A word list of the release's search index, by its letter (a code point in hex). */
const WORD_LIST = new RegExp(`^${FAST_PUBLISH_WORD_LISTS}/([0-9a-f]{1,6})\\.json$`);

/** A part of the release's catalog, by its number. */
const CATALOG_PART = new RegExp(`^${FAST_PUBLISH_CATALOG_PARTS}/\\d{1,6}\\.json$`);

/** The worker: the release's Astro handler behind a loopback HTTP server; posts its port. */
async function serveRelease(release: string, catalogDelta: string | undefined): Promise<void> {
  const entry = pathToFileURL(path.join(release, 'server', 'entry.mjs')).href;
  const { handler } = (await import(entry)) as { handler: NodeHandler };
  const files: Record<string, string | undefined> = {
    [FAST_PUBLISH_CATALOG]: internalFile(release, FAST_PUBLISH_CATALOG),
    [FAST_PUBLISH_CATALOG_DELTA]: catalogDelta,
  };
  const server = createServer((req, res) => {
    const notFound = () => {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(NOT_FOUND_TEXT);
    };
    const pathname = new URL(req.url ?? '/', 'http://render').pathname;
    const wordList = WORD_LIST.exec(pathname)?.[1];
    const catalogPart = CATALOG_PART.test(pathname);
    if (Object.hasOwn(files, pathname) || wordList || catalogPart) {
      const file = wordList
        ? path.join(release, 'client', searchIndexPath.words(wordList))
        : catalogPart
          ? internalFile(release, pathname)
          : files[pathname];
      if (!file || !existsSync(file) || !hasKey(req)) {
        notFound();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      createReadStream(file).pipe(res);
      return;
    }
    handler(req, res, notFound).catch((error: unknown) => {
      console.error('[render worker]', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort?.postMessage((server.address() as AddressInfo).port));
}

const data = workerData as { renderRelease?: string; catalogDelta?: string } | null;
if (!isMainThread && data?.renderRelease) await serveRelease(data.renderRelease, data.catalogDelta);
