import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Publisher } from '../../server/src/publisher';
import { Releases } from '../../server/src/releases';
import { pickEncoding, writeCompressed } from '../../server/src/compression';
import { readerHeaders } from '../../server/src/security-headers';
import { createSiteServer, endToEndHeaders } from '../../server/src/site-server';
import { IMMUTABLE, MISSING, NEVER, PAGE } from '../../server/src/cache-policy';

let dir: string;
let base: string;
let close: () => Promise<void>;
let builds = 0;
/** Whether each build was forced, in order. */
const forced: boolean[] = [];
let releases: Releases;
let live: string;
let publisher: Publisher;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'site-server-'));
  releases = new Releases(dir);
  const old = releases.create();
  live = releases.create();
  // Paths in the release folder: what readers are served is under client/, the site server's own files under internal/.
  const files: [string, string, string][] = [
    [old, 'client/_astro/old.css', 'old css'],
    [live, 'client/index.html', '<h1>หน้าแรก</h1>'],
    [live, 'client/news/world/9/index.html', `<p>${'ข่าวยาว '.repeat(500)}</p>`],
    [live, 'client/news/world/7/index.html', 'story 7'],
    [live, 'client/404.html', 'ไม่พบหน้า'],
    [live, 'internal/story-paths.json', JSON.stringify({ 7: '/news/world/7' })],
    // Builds no longer write it there; were one to, readers still could not reach it.
    [live, 'client/fast-publish/catalog.json', '{"v":1}'],
  ];
  for (const [release, file, text] of files) {
    mkdirSync(path.dirname(path.join(release, file)), { recursive: true });
    writeFileSync(path.join(release, file), text);
    // As a snapshot does when the file enters a release.
    writeCompressed(release, file, Buffer.from(text));
  }
  // Where a path traversal out of client/ would land: the release folder and the releases folder.
  writeFileSync(path.join(dir, 'secret.txt'), 'not for readers');
  writeFileSync(path.join(live, 'secret.txt'), 'not for readers');
  // The live release's server code (node adapter, middleware mode): answers previews only.
  mkdirSync(path.join(live, 'server'));
  writeFileSync(
    path.join(live, 'server', 'entry.mjs'),
    `export async function handler(req, res, next) {
       if (!req.url.startsWith('/preview/')) return next();
       if (req.url === '/preview/crash') process.exit(1);
       if (req.url === '/preview/headers') {
         res.writeHead(200, { 'content-type': 'application/json', 'keep-alive': 'timeout=99', 'x-internal': 'yes', connection: 'x-internal' });
         return res.end(JSON.stringify(req.headers));
       }
       if (req.url === '/preview/dies-midway') {
         res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
         res.write('<p>ครึ่งหน้า');
         return setTimeout(() => process.exit(1), 100);
       }
       res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' });
       res.end('ตัวอย่าง ' + req.method + ' ' + req.url);
     }`,
  );
  releases.activate(live);
  publisher = new Publisher(
    ({ force }) => {
      builds++;
      forced.push(force ?? false);
      return Promise.resolve({ release: 'x', pages: 1 });
    },
    () => {},
    { quietMs: 10 },
  );
  // The CMS's uploads folder, as on one machine: a picture, and what must never be sent from it.
  const uploadsDir = path.join(dir, 'uploads');
  mkdirSync(uploadsDir);
  writeFileSync(path.join(uploadsDir, 'cover_abc.png'), 'png bytes');
  writeFileSync(path.join(uploadsDir, 'avif_360_cover_abc.avif'), 'avif bytes');
  writeFileSync(path.join(uploadsDir, 'stored-before.html'), '<script>alert(1)</script>');
  writeFileSync(path.join(uploadsDir, 'logo.svg'), '<svg onload="alert(1)"/>');
  const server = createSiteServer({ releases, publisher, hookSecret: 'hook-secret', uploads: { dir: uploadsDir } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = async () => {
    publisher.stop();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  };
});
afterAll(() => close());

/** Sends `GET <target>` exactly as written (fetch would normalise it) and returns the raw answer. */
async function rawGet(target: string, ...headers: string[]): Promise<string> {
  const { port } = new URL(base);
  const socket = connect(Number(port), '127.0.0.1');
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.write([`GET ${target} HTTP/1.1`, 'Host: site', 'Connection: close', ...headers, '', ''].join('\r\n'));
  await new Promise((resolve) => socket.on('close', resolve));
  return Buffer.concat(chunks).toString('utf8');
}

describe('pickEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['identity', null],
    [undefined, null],
    ['', null],
  ])('%j → %j', (header, expected) => {
    expect(pickEncoding(header)).toBe(expected);
  });
});

describe('endToEndHeaders', () => {
  it.each([
    ['keeps end-to-end headers', { accept: 'text/html', cookie: 'a=1' }, { accept: 'text/html', cookie: 'a=1' }],
    ['drops hop-by-hop headers', { connection: 'close', 'keep-alive': '5', te: 'trailers', upgrade: 'h2c' }, {}],
    ['drops proxy credentials', { 'proxy-authorization': 'Basic x', accept: '*/*' }, { accept: '*/*' }],
    ['drops what Connection names', { connection: 'close, X-Secret', 'x-secret': '1', host: 'a' }, { host: 'a' }],
    ['drops the fast-publish render key', { 'x-fast-publish-key': 'k', host: 'a' }, { host: 'a' }],
  ])('%s', (_, headers, expected) => {
    expect(endToEndHeaders(headers)).toEqual(expected);
  });
});

describe('site server', () => {
  it('sends the reader security headers with pages, 404s and redirects; previews and hooks set their own', async () => {
    const expected = readerHeaders(false);
    expect(expected['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const route of ['/', '/news/world/7', '/no-such-page', '/news/sport/7', '/_astro/old.css']) {
      const response = await fetch(`${base}${route}`, { redirect: 'manual' });
      for (const [name, value] of Object.entries(expected))
        expect(response.headers.get(name), `${route} ${name}`).toBe(value);
      expect(response.headers.get('strict-transport-security'), route).toBeNull();
    }
    const preview = await fetch(`${base}/preview/abc`);
    expect(preview.headers.get('x-frame-options')).toBeNull();
    expect(preview.headers.get('content-security-policy')).toBeNull();
    const hook = await fetch(`${base}/_hooks/status`);
    expect(hook.headers.get('x-frame-options')).toBeNull();
  });

  it('sends HSTS when readers reach the site over https', async () => {
    const secure = createSiteServer({
      releases,
      publisher: new Publisher(
        () => Promise.reject(new Error('no builds')),
        () => {},
      ),
      hookSecret: 'h',
      https: true,
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(secure.address() as AddressInfo).port}/`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      secure.closeAllConnections();
      await new Promise((resolve) => secure.close(resolve));
    }
  });

  it('passes no hop-by-hop or internal header between a reader and the preview renderer', async () => {
    const answer = await rawGet(
      '/preview/headers',
      'X-Fast-Publish-Key: stolen',
      'Proxy-Authorization: Basic c2VjcmV0',
      'Keep-Alive: timeout=5',
      'Connection: X-Hop',
      'X-Hop: 1',
      'Accept-Language: th',
    );
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    // The body comes chunked: the JSON sits between the chunk-size lines.
    const seen = Object.keys(JSON.parse(body.slice(body.indexOf('{'), body.lastIndexOf('}') + 1)) as object);
    expect(seen).toContain('accept-language');
    for (const name of ['x-fast-publish-key', 'proxy-authorization', 'keep-alive', 'x-hop'])
      expect(seen).not.toContain(name);
    expect(head.toLowerCase()).not.toContain('x-internal');
    expect(head.toLowerCase()).not.toContain('keep-alive: timeout=99');
  });

  it('cuts the response of a preview whose renderer dies mid-answer instead of leaving it hanging', async () => {
    const response = await fetch(`${base}/preview/dies-midway`);
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    // The next preview gets a renderer again.
    await vi.waitFor(async () => expect((await fetch(`${base}/preview/z`)).status).toBe(200));
  });

  it('answers 304 to a browser that has the page already, and 200 with the page otherwise', async () => {
    const first = await fetch(`${base}/news/world/7`);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+-[0-9a-f]+"$/);
    // As a browser revalidates (fetch() would add `cache-control: no-cache`, a forced reload, to a bare If-None-Match).
    const revalidate = { 'cache-control': 'max-age=0' };
    const again = await fetch(`${base}/news/world/7`, { headers: { 'if-none-match': etag!, ...revalidate } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('cache-control')).toBe(PAGE);
    const other = await fetch(`${base}/news/world/7`, { headers: { 'if-none-match': 'W/"0-0"', ...revalidate } });
    expect([other.status, await other.text()]).toEqual([200, 'story 7']);
    // A 404 page carries no validator: it stands in for a page that does not exist.
    expect((await fetch(`${base}/nope`)).headers.get('etag')).toBeNull();
  });

  it.each([
    ['br', 'br'],
    ['gzip', 'gzip'],
    ['identity', null],
  ])('compresses a page for Accept-Encoding %s', async (accept, encoding) => {
    const { request } = await import('node:http');
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${base}/news/world/9`, { headers: { 'accept-encoding': accept } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(response.headers['content-encoding']).toBe(encoding ?? undefined);
    expect(response.headers.vary).toBe('accept-encoding');
    const text = (
      encoding === 'br'
        ? brotliDecompressSync(response.body)
        : encoding === 'gzip'
          ? gunzipSync(response.body)
          : response.body
    ).toString();
    expect(text).toBe(`<p>${'ข่าวยาว '.repeat(500)}</p>`);
    if (encoding) expect(response.body.length).toBeLessThan(Buffer.byteLength(text) / 10);
  });

  it.each([
    ['/', 200, '<h1>หน้าแรก</h1>', 'text/html; charset=utf-8'],
    ['/news/world/7', 200, 'story 7', 'text/html; charset=utf-8'],
    ['/news/world/7/', 200, 'story 7', 'text/html; charset=utf-8'],
    ['/_astro/old.css', 200, 'old css', 'text/css; charset=utf-8'], // from the previous release
    ['/nope', 404, 'ไม่พบหน้า', 'text/html; charset=utf-8'],
    ['/news/world/8', 404, 'ไม่พบหน้า', 'text/html; charset=utf-8'],
  ])('GET %s → %i', async (route, status, body, type) => {
    const response = await fetch(`${base}${route}`, { redirect: 'manual' });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
    expect(response.headers.get('content-type')).toBe(type);
  });

  it.each([
    '/../secret.txt',
    '/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..%2fsecret.txt',
    '/..%2f..%2fsecret.txt',
    '/..\\secret.txt',
    '/%2e%2e%5c%2e%2e%5csecret.txt',
    '/news/%00/../../secret.txt',
    '/news/world/7%00.html',
  ])('never serves a file outside the release for the raw request line GET %s', async (target) => {
    const answer = await rawGet(target);
    expect(answer).toMatch(/^HTTP\/1\.1 (400|404) /);
    expect(answer).not.toContain('not for readers');
  });

  it.each([
    ['a page', '/news/world/7', 200, PAGE],
    ['the front page', '/', 200, PAGE],
    ['a hashed asset of an older release', '/_astro/old.css', 200, IMMUTABLE],
    ['a page that does not exist', '/no-such-page', 404, MISSING],
    ["a moved story's old URL", '/news/sport/7', 301, MISSING],
    ['the build status', '/_hooks/status', 401, NEVER],
  ])('tells browsers and shared caches how long to keep %s', async (_, route, status, cache) => {
    const response = await fetch(`${base}${route}`, { redirect: 'manual' });
    expect([response.status, response.headers.get('cache-control')]).toEqual([status, cache]);
  });

  it('lets a shared cache keep pages for minutes and browsers only with revalidation', () => {
    expect(PAGE).toMatch(/(^|, )max-age=0(,|$)/);
    expect(PAGE).toContain('must-revalidate');
    expect(Number(/s-maxage=(\d+)/.exec(PAGE)?.[1])).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['/uploads/cover_abc.png', 'image/png', 'png bytes'],
    ['/uploads/avif_360_cover_abc.avif', 'image/avif', 'avif bytes'],
  ])("serves the CMS's upload %s from its folder, sandboxed and kept a year", async (route, type, body) => {
    const response = await fetch(`${base}${route}`);
    expect([response.status, response.headers.get('content-type'), await response.text()]).toEqual([200, type, body]);
    expect(response.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(response.headers.get('content-security-policy')).toContain('sandbox');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['a page stored among the uploads', '/uploads/stored-before.html'],
    ['an SVG (it can hold script)', '/uploads/logo.svg'],
    ['a picture that is not there', '/uploads/missing.png'],
    ['a path out of the folder', '/uploads/%2e%2e/secret.txt'],
    ['a dot file', '/uploads/.env.png'],
  ])('answers 404 for %s under /uploads/', async (_, route) => {
    const response = await fetch(`${base}${route}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toMatch(/alert|not for readers/);
  });

  it('redirects a story URL with another section to the current one', async () => {
    const response = await fetch(`${base}/news/economy/7`, { redirect: 'manual' });
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/news/world/7');
  });

  it('accepts the hook only with the secret, and only by POST', async () => {
    expect((await fetch(`${base}/_hooks/publish`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${base}/_hooks/publish`, { method: 'GET' })).status).toBe(405);
    const ok = await fetch(`${base}/_hooks/publish`, {
      method: 'POST',
      headers: { authorization: 'Bearer hook-secret' },
      body: 'null',
    });
    expect(ok.status).toBe(202);
    // One event, one build: waited for, then checked again once nothing is running or waiting.
    await vi.waitFor(() => expect(builds).toBe(1));
    await publisher.idle();
    expect(builds).toBe(1);
  });

  it('builds for an operator with the secret, forced only when asked', async () => {
    expect((await fetch(`${base}/_hooks/build?force=1`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${base}/_hooks/build?force=1`, { method: 'GET' })).status).toBe(405);
    await publisher.idle();
    const before = forced.length;
    for (const query of ['', '?force=1']) {
      const response = await fetch(`${base}/_hooks/build${query}`, {
        method: 'POST',
        headers: { authorization: 'Bearer hook-secret' },
      });
      expect(response.status).toBe(202);
      await vi.waitFor(() => expect(publisher.records[0]?.result).toBe('live'));
      await publisher.idle();
    }
    expect(forced.slice(before)).toEqual([false, true]);
    expect(publisher.records[0]?.trigger).toBe('operator (forced)');
  });

  it('never serves the fast-publish render to readers, whatever they send', async () => {
    for (const route of ['/fast-publish/catalog.json', '/fast-publish/plan.json', '/fast-publish/', '/fast-publish']) {
      for (const headers of [{}, { 'x-fast-publish-key': 'any' }]) {
        const response = await fetch(`${base}${route}`, { headers });
        expect(response.status, `${route} ${JSON.stringify(headers)}`).toBe(404);
        expect(await response.text()).toBe('ไม่พบหน้า');
      }
    }
    // Raw request lines, as sent: encoded, double-encoded, dot-segment and duplicate-slash forms.
    for (const target of [
      '/%66ast-publish/catalog.json',
      '/fast%2Dpublish/catalog.json',
      '/%2566ast-publish/catalog.json',
      '/.//fast-publish/catalog.json',
      '//fast-publish/catalog.json',
      '/%2Ffast-publish/catalog.json',
      '/x/..%2Ffast-publish/catalog.json',
      '/x/../fast-publish/catalog.json',
      '/fast-publish\\catalog.json',
      '/FAST-PUBLISH/catalog.json',
    ]) {
      const answer = await rawGet(target, 'x-fast-publish-key: any');
      expect(answer, target).toMatch(/^HTTP\/1\.1 (400|404) /);
      expect(answer, target).not.toContain('{"v":1}');
    }
  });

  it("renders previews with the live release's own code, headers and all", async () => {
    const response = await fetch(`${base}/preview/abc?token=t`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('ตัวอย่าง GET /preview/abc?token=t');
  });

  it('serves a fast-publish release over its base: its own pages first, everything else from the base', async () => {
    const fastPublish = releases.overlay({ 'client/news/world/9/index.html': 'story 9, fast publish' });
    releases.activate(fastPublish);
    try {
      const text = async (route: string) => {
        const response = await fetch(`${base}${route}`, { redirect: 'manual' });
        return `${response.status} ${response.headers.get('location') ?? (await response.text())}`;
      };
      expect(await text('/news/world/9')).toBe('200 story 9, fast publish');
      expect(await text('/news/world/7')).toBe('200 story 7');
      expect(await text('/')).toBe('200 <h1>หน้าแรก</h1>');
      expect(await text('/news/sports/7')).toBe('301 /news/world/7');
      expect(await text('/nowhere')).toBe('404 ไม่พบหน้า');
      expect(await text('/preview/x')).toBe('200 ตัวอย่าง GET /preview/x');
    } finally {
      releases.activate(live);
    }
  });

  it('answers 404 for a story a fast-publish release took down, however its path is spelled', async () => {
    const fastPublish = releases.overlay({ 'client/index.html': 'front, story 7 gone' }, ['/news/world/7']);
    releases.activate(fastPublish);
    try {
      for (const route of [
        '/news/world/7',
        '/news/world/7/',
        '/news/world/7/index.html',
        '/news/world/%37',
        '/news/world/x/../7',
        '/news//world/7',
      ]) {
        const response = await fetch(`${base}${route}`, { redirect: 'manual' });
        expect(`${response.status} ${await response.text()}`, route).toBe('404 ไม่พบหน้า');
      }
      // An old section's URL of that story leads to the same 404.
      const moved = await fetch(`${base}/news/sports/7`, { redirect: 'follow' });
      expect(moved.status).toBe(404);
      expect(await (await fetch(`${base}/news/world/9`)).text()).toContain('ข่าวยาว');
      expect(await (await fetch(`${base}/`)).text()).toBe('front, story 7 gone');
    } finally {
      releases.activate(live);
    }
    expect(await (await fetch(`${base}/news/world/7`)).text()).toBe('story 7');
  });

  it('passes the documentId of a story unpublished or deleted to the publisher, and nothing else', async () => {
    const seen: (string | null)[] = [];
    const publisher = new Publisher(
      () => Promise.resolve(null),
      () => {},
      { quietMs: 10_000 },
    );
    vi.spyOn(publisher, 'contentChanged').mockImplementation((takedown) => seen.push(takedown ?? null));
    const server = createSiteServer({ releases, publisher, hookSecret: 'hook-secret' });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/_hooks/publish`;
    try {
      for (const body of [
        { event: 'entry.unpublish', uid: 'api::article.article', entry: { documentId: 'abc123' } },
        { event: 'entry.delete', uid: 'api::article.article', entry: { documentId: 'def456' } },
        { event: 'entry.publish', uid: 'api::article.article', entry: { documentId: 'ghi789' } },
        { event: 'entry.unpublish', uid: 'api::tag.tag', entry: { documentId: 'tag1' } },
        { event: 'entry.delete', uid: 'api::article.article', entry: null },
        'not json',
      ]) {
        const response = await fetch(hook, {
          method: 'POST',
          headers: { authorization: 'Bearer hook-secret', 'content-type': 'application/json' },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        });
        expect(response.status).toBe(202);
      }
      expect(seen).toEqual(['abc123', 'def456', null, null, null, null]);
    } finally {
      publisher.stop();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('starts the preview renderer again after it crashed', async () => {
    expect((await fetch(`${base}/preview/crash`)).status).toBe(502);
    await vi.waitFor(async () => expect((await fetch(`${base}/preview/y`)).status).toBe(200));
    expect(await (await fetch(`${base}/preview/y`)).text()).toBe('ตัวอย่าง GET /preview/y');
  });

  it('refuses other methods on pages', async () => {
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });
});
