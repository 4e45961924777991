// @ts-check
/// <reference lib="webworker" />
/**
 * Offline reading. Pages are network-first (a reader always gets the live release when
 * online) with the last copy as the fallback; hashed /_astro/ assets are cache-first (their
 * names change with their content). /saved and its assets are cached at install, so the
 * saved list opens offline; saved stories have their own cache (src/scripts/offline.ts).
 */
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const PAGES = 'newsroom-pages-v1';
const ASSETS = 'newsroom-assets-v1';
const SAVED = 'newsroom-saved-v1';
const OFFLINE_PAGE = '/saved';
/** Pages kept besides saved stories; the oldest go first. */
const PAGE_LIMIT = 60;

/** A module's static and dynamic imports of other modules: `from"./x.js"`, `import"./x.js"`, `import("./x.js")`. */
const IMPORTS = /\b(?:from|import)\s*\(?\s*["']((?:\.{1,2}|\/_astro)\/[^"']+\.js)["']/g;

/**
 * Caches the hashed assets a page names and, for scripts, every module they import in turn:
 * a page's script imports shared chunks that its HTML does not name, and a page opened before
 * this worker controlled it fetched them past the cache. Without them the page's script
 * would not run offline.
 * @param {string[]} urls
 */
async function cacheAssets(urls) {
  const cache = await caches.open(ASSETS);
  const seen = new Set();
  let next = urls.map((url) => new URL(url, sw.location.origin).href);
  while (next.length > 0) {
    const fresh = [...new Set(next)].filter((url) => !seen.has(url));
    for (const url of fresh) seen.add(url);
    const found = await Promise.all(
      fresh.map(async (url) => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url} answered ${response.status}`);
        await cache.put(url, response.clone());
        if (!url.endsWith('.js')) return [];
        const source = await response.text();
        return [...source.matchAll(IMPORTS)].map((match) => new URL(String(match[1]), url).href);
      }),
    );
    next = found.flat();
  }
}

/**
 * Caches a page and the hashed assets it needs.
 * @param {string} path
 */
async function cachePageWithAssets(path) {
  const response = await fetch(path, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  const html = await response.clone().text();
  await (await caches.open(PAGES)).put(path, response);
  await cacheAssets(html.match(/\/_astro\/[^"'()\s>]+/g) ?? []);
}

sw.addEventListener('install', (event) => {
  event.waitUntil(cachePageWithAssets(OFFLINE_PAGE).then(() => sw.skipWaiting()));
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(sw.clients.claim());
});

/**
 * Drops the oldest entries beyond `limit`.
 * @param {string} cacheName
 * @param {number} limit
 */
async function trim(cacheName, limit) {
  const cache = await caches.open(cacheName);
  const keys = await cache.keys();
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((key) => cache.delete(key)));
}

/** @param {Request} request */
async function assetFirstFromCache(request) {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await (await caches.open(ASSETS)).put(request, response.clone());
  return response;
}

/**
 * Whether a page may be kept: never one its server marks `no-store` (draft previews, the
 * publish hooks), whatever the path.
 * @param {Response} response
 */
function keepable(response) {
  return response.ok && !/\bno-store\b/i.test(response.headers.get('cache-control') ?? '');
}

/** @param {Request} request */
async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (request.mode === 'navigate' && keepable(response)) {
      await (await caches.open(PAGES)).put(request, response.clone());
      await trim(PAGES, PAGE_LIMIT);
    }
    return response;
  } catch (error) {
    const url = new URL(request.url);
    const cached =
      (await (await caches.open(SAVED)).match(url.pathname)) ??
      (await caches.match(request, { ignoreSearch: request.mode === 'navigate' })) ??
      (request.mode === 'navigate' ? await caches.match(OFFLINE_PAGE) : undefined);
    if (cached) return cached;
    throw error;
  }
}

sw.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  // Draft previews and hooks go straight to the network: a preview kept here would be shown
  // later, offline, to whoever uses the browser, without its token.
  const uncached = ['/_hooks/', '/preview/'].some((prefix) => url.pathname.startsWith(prefix));
  if (request.method !== 'GET' || url.origin !== sw.location.origin || uncached) return;
  event.respondWith(url.pathname.startsWith('/_astro/') ? assetFirstFromCache(request) : networkFirst(request));
});
