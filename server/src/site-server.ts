import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import send from 'send';
import { compressedPath, pickEncoding } from './compression.ts';
import type { Publisher } from './publisher.ts';
import { releaseFileOf, type Releases } from './releases.ts';
import {
  FAST_PUBLISH_CATALOG,
  catalogPartPaths,
  FAST_PUBLISH_KEY_HEADER,
  FAST_PUBLISH_PREFIX,
} from '../../shared/fast-publish-contract.ts';
import { sameSecret } from '../../shared/same-secret.ts';
import { readerHeaders } from './security-headers.ts';
import { NOT_FOUND_TEXT } from '../../shared/not-found.ts';
import { archivePageOfOldPage, OLD_LIST_PAGE } from '../../shared/list-archive.ts';
import { ReleaseRenderers } from './render-worker.ts';
import { IMMUTABLE, MISSING, NEVER, PAGE } from './cache-policy.ts';
import { UPLOAD_TYPES } from '../../cms-schema/src/upload-types.ts';
import { internalFile } from '../../shared/internal-output.ts';
import { MOST_READ_BEACON, MOST_READ_PATH, type MostReadList } from '../../shared/most-read-contract.ts';
import type { CatalogHead, CatalogStory } from '../../src/lib/server/fast-publish-plan.ts';
import { storiesWithDelta } from '../../src/lib/server/catalog-delta.ts';
import { storyPath } from '../../src/lib/urls.ts';
import { MostRead } from './most-read.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_HOOK_BODY = 1024 * 1024;

/** The upload types readers may be sent (the CMS's allow-list), by file extension. */
const UPLOAD_TYPE_OF: Record<string, string> = Object.fromEntries(
  UPLOAD_TYPES.flatMap((type) => {
    const ext = type.split('/')[1]!;
    return ext === 'jpeg'
      ? [
          ['.jpg', type],
          ['.jpeg', type],
        ]
      : [[`.${ext}`, type]];
  }),
);
/** An upload is a picture or a clip: it runs nothing, embeds nothing, and is never framed. */
const UPLOAD_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox; frame-ancestors 'none'";

/**
 * `read` of a release, read once and kept while the same release asks: only the live release
 * matters, and each release carries its own internal files (built with it, outside what readers
 * are served).
 */
function perRelease<T>(read: (release: string) => T): (release: string) => T {
  let last: { release: string; value: T } | undefined;
  return (release) => {
    if (last?.release !== release) last = { release, value: read(release) };
    return last.value;
  };
}

const STORY_URL = /^\/news\/[^/]+\/(\d+)\/?$/;

/** The current path of the story a stale `/news/{section}/{number}` URL names, or null. */
function currentStoryPath(
  storyPaths: (release: string) => Record<string, string>,
  release: string,
  pathname: string,
): string | null {
  const number = STORY_URL.exec(pathname)?.[1];
  if (!number) return null;
  const current = storyPaths(release)[number];
  return current && current !== pathname.replace(/\/$/, '') ? current : null;
}

/**
 * Where an old list-page URL (`…/page/{n}`, numbered from the newest story before lists were
 * numbered from the oldest) now points, or null when the path is not one or names no list.
 */
function currentListPage(
  listSizes: (release: string) => Record<string, number>,
  release: string,
  pathname: string,
): string | null {
  const [, base, page] = OLD_LIST_PAGE.exec(pathname) ?? [];
  if (!base || !page) return null;
  const sizes = listSizes(release);
  const count = Object.hasOwn(sizes, base) ? sizes[base] : undefined;
  return count === undefined ? null : archivePageOfOldPage(base, Number(page), count);
}

/**
 * Headers that describe one connection, not the message (RFC 9110 §7.6.1), and the fast-publish
 * render's key: none is passed on between a reader and a renderer.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  FAST_PUBLISH_KEY_HEADER,
]);

/** `headers` without the hop-by-hop ones, nor those the Connection header names. */
export function endToEndHeaders<T extends Record<string, unknown>>(headers: T): Partial<T> {
  const connection = typeof headers.connection === 'string' ? headers.connection : '';
  const named = connection.split(',').map((name) => name.trim().toLowerCase());
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name) && !named.includes(name)),
  ) as Partial<T>;
}

/**
 * Passes a request to a renderer and its answer back. A renderer that dies mid-answer ends
 * the reader's response as failed (the connection is cut) instead of leaving it hanging.
 */
function proxy(req: IncomingMessage, res: ServerResponse, target: string): Promise<void> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(target);
    const headers = endToEndHeaders(req.headers);
    const upstream = request({ hostname, port, path: req.url, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
      answer.pipe(res);
      answer.once('end', resolve);
      answer.once('aborted', () => {
        res.destroy();
        resolve();
      });
    });
    upstream.once('error', (error) => {
      console.error('[site] on-demand render failed:', error);
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
        res.end();
      } else res.destroy();
      resolve();
    });
    req.pipe(upstream);
  });
}

/** Options of the site server. */
export interface SiteServerOptions {
  releases: Releases;
  publisher: Publisher;
  /** Shared secret Strapi sends as `Authorization: Bearer …` on the publish hook. */
  hookSecret: string;
  /** True when readers reach the site over https (its canonical URL is https): adds HSTS. */
  https?: boolean;
  /** What the on-demand routes read (astro:env): the CMS's URL, the preview token and secret. */
  renderEnv?: NodeJS.ProcessEnv;
  /**
   * Where the CMS's uploads are, served to readers under /uploads/: its uploads folder on this
   * machine, or the CMS to pass the requests to. None when uploads are in a bucket.
   */
  uploads?: { dir: string } | { cmsUrl: string };
  /** Where the most-read counts are kept across restarts; none keeps them in memory only. */
  mostReadFile?: string;
  /**
   * True when the site is reached through a proxy or cache that appends the reader's address to
   * X-Forwarded-For (Varnish does): the most-read rate limit then goes by that address.
   */
  behindProxy?: boolean;
  /** How long a computed most-read list is served before it is computed again (default a minute). */
  mostReadRefreshMs?: number;
}

/** Stories in the site's most-read list, and in each section's. */
const MOST_READ_SITE = 10;
const MOST_READ_SECTION = 5;
/** The longest story path a beacon may carry. */
const MAX_BEACON_BODY = 300;

/** The stories of a built release's catalog by path: what a most-read list shows of each. */
function storiesByPath(stories: CatalogStory[]): Map<string, MostReadList['site'][number]> {
  return new Map(
    stories.map((story) => {
      const route = storyPath(story);
      return [route, { path: route, title: story.title, section: story.section.slug, views: 0 }];
    }),
  );
}

function bearer(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') ? header.slice(7) : '';
}

/** Reads a request body, or null (read no further) when it is larger than `maxBytes`. */
async function readBody(req: IncomingMessage, maxBytes = MAX_HOOK_BODY): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The story a webhook says was taken down: the documentId of an article in an unpublish or
 * delete event, or null. Only a hint of which story to check: the fast publish asks the
 * CMS before it takes anything down.
 */
export function takedownOf(body: Buffer): string | null {
  try {
    const event = JSON.parse(body.toString('utf8')) as {
      event?: unknown;
      uid?: unknown;
      entry?: { documentId?: unknown };
    };
    const takedown = event.event === 'entry.unpublish' || event.event === 'entry.delete';
    const id = event.entry?.documentId;
    return takedown && event.uid === 'api::article.article' && typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * A request path as the server decides on it: percent-decoded once, backslashes as slashes,
 * dot segments and repeated slashes resolved. Null when it cannot be decoded or holds a NUL.
 * Every routing decision is taken on this form, so `/%66ast-publish/`, `/.//fast-publish/`
 * or `/x/..%2Ffast-publish/` are what they decode to.
 */
export function normalisedPath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  return path.posix.normalize(`/${decoded.replaceAll('\\', '/')}`);
}

/** A file to serve: the release it is in, and its path there (e.g. `client/index.html`). */
interface ReleaseFile {
  release: string;
  relative: string;
}

/**
 * The file a site path names in a release (the path itself, its index.html, or path.html),
 * or null; never outside the release's client/ folder.
 */
function resolveFile(release: string, pathname: string): ReleaseFile | null {
  const client = path.join(release, 'client');
  const full = path.join(client, pathname);
  if (full !== client && !full.startsWith(client + path.sep)) return null; // path traversal
  for (const candidate of [full, path.join(full, 'index.html'), `${full}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile())
      return { release, relative: path.relative(release, candidate) };
  }
  return null;
}

/** A release path as the URL path `send` takes (it decodes what it is given). */
const urlPathOf = (relative: string) => relative.split(path.sep).map(encodeURIComponent).join('/');

/**
 * Sends a release file with `status`: its compressed copy when the reader accepts one (made
 * once when the file entered the release, compression.ts), otherwise the file. `send` writes
 * the body and what follows from the file (length, ETag, ranges, HEAD, 304); the type, the
 * caching and the coding are decided here.
 */
function serveFile(req: IncomingMessage, res: ServerResponse, status: number, file: ReleaseFile, cache: string): void {
  res.statusCode = status;
  res.setHeader('content-type', TYPES[path.extname(file.relative)] ?? 'application/octet-stream');
  res.setHeader('cache-control', cache);
  res.setHeader('vary', 'accept-encoding');
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const compressed = encoding && compressedPath(file.release, file.relative, encoding);
  const body = compressed && existsSync(compressed) ? path.relative(file.release, compressed) : file.relative;
  if (body !== file.relative && encoding) res.setHeader('content-encoding', encoding);
  // A 404 page is not a cacheable answer: send then leaves the status as it is and skips the ETag.
  send(req, urlPathOf(body), {
    root: file.release,
    etag: status === 200,
    lastModified: false,
    cacheControl: false,
    dotfiles: 'allow',
  })
    .on('error', (error: { status?: number }) => {
      // The release was pruned under the request (it began before a switch), or the file is unreadable.
      if (!res.headersSent) {
        res.removeHeader('content-encoding');
        res.statusCode = error.status ?? 500;
      }
      res.end();
    })
    .pipe(res);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': NEVER });
  res.end(JSON.stringify(body));
}

/**
 * The reader-facing server: serves the live release's static pages (resolving the `live`
 * link on every request, so a deploy needs no restart and each response comes from one
 * release), and the publish hook and build status for the CMS and operators.
 */
export function createSiteServer({
  releases,
  publisher,
  hookSecret,
  https = false,
  renderEnv = {},
  uploads,
  mostReadFile,
  behindProxy = false,
  mostReadRefreshMs = 60_000,
}: SiteServerOptions): Server {
  // Draft previews: the live release's on-demand routes, rendered by that release's own server
  // code in a worker (render-worker.ts), started at the first preview after a deploy.
  const renderer = new ReleaseRenderers(renderEnv);
  const reader = Object.entries(readerHeaders(https));
  // What a stale story URL or an old list-page URL is redirected by, read once per release.
  const storyPaths = perRelease((release) => releases.storyPaths(release));
  const listSizes = perRelease((release) => releases.listSizes(release));
  // Most-read: counts kept in memory and saved every minute and on close; the stories' titles
  // come from the built release's catalog (with a fast-publish release's changes), so a story
  // taken down leaves the list with the release that takes it down.
  const mostRead = new MostRead(mostReadFile ?? null);
  const catalogOf = perRelease((built) => {
    const file = internalFile(built, FAST_PUBLISH_CATALOG);
    if (!existsSync(file)) return [];
    const head = JSON.parse(readFileSync(file, 'utf8')) as Partial<CatalogHead> & { stories?: CatalogStory[] };
    // A release built before the catalog came in parts holds its stories in the head.
    if (head.stories) return head.stories;
    const parts = catalogPartPaths(head.storyCount ?? 0).map((part) => internalFile(built, part));
    const missing = parts.find((part) => !existsSync(part));
    if (missing) {
      console.error(`[site] most-read: the release lacks ${missing}; the list shows no titles`);
      return [];
    }
    return parts.flatMap((part) => JSON.parse(readFileSync(part, 'utf8')) as CatalogStory[]);
  });
  let mostReadList: { release: string; at: number; body: string } | null = null;
  const saving = setInterval(() => mostRead.save(), 60_000);
  saving.unref();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('[site] request failed:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.once('close', () => {
    clearInterval(saving);
    mostRead.save();
    void renderer.close();
  });
  return server;

  /** The built release readers get now (the live one, or the one under a live fast-publish release), if any. */
  function liveBuilt(): string | null {
    const live = releases.live();
    return live && releases.built(live);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://site');
    const pathname = normalisedPath(url.pathname);
    if (pathname === null) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end();
      return;
    }
    // Previews set their own framing policy (the CMS admin frames them); hooks are not pages.
    if (!pathname.startsWith('/preview/') && !pathname.startsWith('/_hooks/')) {
      for (const [name, value] of reader) res.setHeader(name, value);
    }
    if (pathname === '/_hooks/publish') await publishHook(req, res);
    else if (pathname === '/_hooks/status') status(req, res);
    else if (pathname === '/_hooks/page') pageStatus(req, res, url);
    else if (pathname === '/_hooks/build') operatorBuild(req, res, url);
    else if (pathname === MOST_READ_BEACON) await beacon(req, res);
    else if (pathname === MOST_READ_PATH) serveMostRead(req, res);
    else if (pathname.startsWith('/preview/')) await onDemand(req, res);
    else if (pathname.startsWith('/uploads/') && uploads) await serveUpload(req, res, pathname, uploads);
    else if (pathname === FAST_PUBLISH_PREFIX || pathname.startsWith(`${FAST_PUBLISH_PREFIX}/`)) notFound(req, res);
    else serveStatic(req, res, pathname);
  }

  /**
   * An upload (a picture or clip and its variants), from the CMS's uploads folder or through the
   * CMS: the site's pages name them on the site's own origin. Only the allow-listed types are
   * sent, as themselves (nosniff), sandboxed; every upload's name carries its hash, so it is kept
   * a year.
   */
  async function serveUpload(
    req: IncomingMessage,
    res: ServerResponse,
    pathname: string,
    uploads: NonNullable<SiteServerOptions['uploads']>,
  ): Promise<void> {
    const type = UPLOAD_TYPE_OF[path.extname(pathname).toLowerCase()];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type) {
      notFound(req, res);
      return;
    }
    res.setHeader('content-security-policy', UPLOAD_POLICY);
    if ('cmsUrl' in uploads) {
      await proxy(req, res, uploads.cmsUrl);
      return;
    }
    res.setHeader('content-type', type);
    res.setHeader('cache-control', IMMUTABLE);
    send(req, pathname.slice('/uploads'.length), { root: uploads.dir, lastModified: false, cacheControl: false })
      .on('error', () => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        res.removeHeader('content-type');
        res.removeHeader('cache-control');
        notFound(req, res);
      })
      .pipe(res);
  }

  /**
   * A story page's view beacon (its path as the body): counted when the path is a story page the
   * live site has, the client a reader's browser, and its address within its limits. Answers 204
   * whatever became of it, so a client learns nothing from the answer.
   */
  async function beacon(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      json(res, 405, { error: 'POST only' });
      return;
    }
    const body = await readBody(req, MAX_BEACON_BODY);
    const viewed = body ? normalisedPath(body.toString('utf8').trim()) : null;
    const live = releases.live();
    if (viewed && STORY_URL.test(viewed) && live && liveFile(live, viewed)) {
      mostRead.record(viewed.replace(/\/$/, ''), clientAddress(req), req.headers['user-agent']);
    }
    res.writeHead(204, { 'cache-control': NEVER });
    res.end();
  }

  /** The reader's address: the one the proxy in front appended, when there is one. */
  function clientAddress(req: IncomingMessage): string {
    const forwarded = behindProxy
      ? String(req.headers['x-forwarded-for'] ?? '')
          .split(',')
          .at(-1)
          ?.trim()
      : '';
    return forwarded || req.socket.remoteAddress || 'unknown';
  }

  /**
   * The most-read lists: the site's 10 and each section's 5 most viewed stories of the last 24
   * hours that the live site still has, computed at most once a minute.
   */
  function serveMostRead(req: IncomingMessage, res: ServerResponse): void {
    const live = releases.live();
    if (!live || (req.method !== 'GET' && req.method !== 'HEAD')) {
      notFound(req, res);
      return;
    }
    const now = Date.now();
    if (!mostReadList || mostReadList.release !== live || now - mostReadList.at >= mostReadRefreshMs) {
      // The built catalog with the fast-publish releases' changes: what readers see now.
      const stories = storiesByPath(storiesWithDelta(catalogOf(releases.built(live)), releases.delta(live)));
      const viewed = mostRead.top(now).flatMap(({ path: storyPath, views }) => {
        const story = stories.get(storyPath);
        return story ? [{ ...story, views }] : [];
      });
      const sections: MostReadList['sections'] = {};
      for (const story of viewed) {
        const list = (sections[story.section] ??= []);
        if (list.length < MOST_READ_SECTION) list.push(story);
      }
      const list: MostReadList = {
        updatedAt: new Date(now).toISOString(),
        site: viewed.slice(0, MOST_READ_SITE),
        sections,
      };
      mostReadList = { release: live, at: now, body: JSON.stringify(list) };
    }
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': `public, max-age=${Math.ceil(mostReadRefreshMs / 1000)}`,
    });
    res.end(req.method === 'HEAD' ? undefined : mostReadList.body);
  }

  /** Draft previews: rendered per request by the live release's own code, in its renderer. */
  async function onDemand(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A fast-publish release runs the code of the built release under it.
    const code = liveBuilt();
    if (!code || !existsSync(path.join(code, 'server', 'entry.mjs'))) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', 'cache-control': NEVER });
      res.end('กำลังเตรียมเว็บไซต์ โปรดลองใหม่อีกครั้ง');
      return;
    }
    await proxy(req, res, (await renderer.get(code)).url);
  }

  async function publishHook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') json(res, 405, { error: 'POST only' });
    else if (!sameSecret(bearer(req), hookSecret)) json(res, 401, { error: 'unauthorized' });
    else {
      const body = await readBody(req);
      if (!body) {
        json(res, 413, { error: 'body too large' });
        return;
      }
      // The payload is not trusted for content (entry may be null, deletes fire twice): any
      // event means "content changed", and a takedown's documentId only says what to check.
      publisher.contentChanged(takedownOf(body));
      json(res, 202, { accepted: true });
    }
  }

  /**
   * A build an operator asks for (hook secret): `?force=1` lets it go live even when it drops
   * more stories than a build may (a deliberate mass takedown). Answers at once; the build's
   * record says how it went.
   */
  function operatorBuild(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'POST') json(res, 405, { error: 'POST only' });
    else if (!sameSecret(bearer(req), hookSecret)) json(res, 401, { error: 'unauthorized' });
    else {
      const force = url.searchParams.get('force') === '1';
      void publisher.buildNow(force ? 'operator (forced)' : 'operator', { force });
      json(res, 202, { accepted: true, force });
    }
  }

  function status(req: IncomingMessage, res: ServerResponse): void {
    if (!sameSecret(bearer(req), hookSecret)) json(res, 401, { error: 'unauthorized' });
    else json(res, 200, { live: releases.liveName(), pending: publisher.pending(), builds: publisher.records });
  }

  function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const live = releases.live();
    if (!live) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', 'cache-control': NEVER });
      res.end('กำลังเตรียมเว็บไซต์ โปรดลองใหม่อีกครั้ง');
      return;
    }
    const built = releases.built(live);
    const file = liveFile(live, pathname);
    if (file) {
      serveFile(req, res, 200, file, pathname.startsWith('/_astro/') ? IMMUTABLE : PAGE);
      return;
    }
    // A page from the previous release may still ask for its own hashed assets after a deploy.
    if (pathname.startsWith('/_astro/')) {
      for (const older of releases.list().reverse()) {
        const oldFile = resolveFile(older, pathname);
        if (oldFile) {
          serveFile(req, res, 200, oldFile, IMMUTABLE);
          return;
        }
      }
    }
    const moved = currentStoryPath(storyPaths, built, pathname) ?? currentListPage(listSizes, built, pathname);
    if (moved) {
      res.writeHead(301, { location: moved, 'cache-control': MISSING });
      res.end();
      return;
    }
    notFound(req, res, built);
  }

  /**
   * The file a path names in the live release: a fast-publish release's own pages first, then its
   * base's, except a story the fast publish took down, which is gone before the full build
   * drops its page however its path is spelled (the file it resolves to is what is checked).
   */
  function liveFile(live: string, pathname: string): ReleaseFile | null {
    const built = releases.built(live);
    const gone = built === live ? [] : [...releases.gone(live)].map((page) => path.join(built, releaseFileOf(page)));
    let file: ReleaseFile | null = null;
    for (const layer of releases.layers(live)) file ??= resolveFile(layer, pathname);
    return file && !gone.includes(path.join(file.release, file.relative)) ? file : null;
  }

  /**
   * Whether a page is live and since when its current version is (the time its file was
   * written), with the publisher's state: what the CMS shows an editor next to a story.
   */
  function pageStatus(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!sameSecret(bearer(req), hookSecret)) {
      json(res, 401, { error: 'unauthorized' });
      return;
    }
    const asked = url.searchParams.get('path') ?? '';
    const pathname = normalisedPath(asked);
    const live = releases.live();
    const file = live && pathname ? liveFile(live, pathname) : null;
    json(res, 200, {
      path: asked,
      live: file !== null,
      pageSince: file ? statSync(path.join(file.release, file.relative)).mtime.toISOString() : null,
      pending: publisher.pending(),
      lastBuild: publisher.records[0] ?? null,
    });
  }

  /**
   * The 404 page of built release `built`: by default the live one, or the one under a live
   * fast-publish release.
   */
  function notFound(req: IncomingMessage, res: ServerResponse, built = liveBuilt()): void {
    const page = built && resolveFile(built, '/404.html');
    if (page) {
      serveFile(req, res, 404, page, MISSING);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': MISSING });
    res.end(NOT_FOUND_TEXT);
  }
}
