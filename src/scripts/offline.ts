/**
 * Reading offline: the service worker (public/sw.js) keeps the pages a reader has opened
 * and the site's assets; saved stories are also put in their own cache, so /saved and the
 * stories on it open without the network. Both caches are only an aid: every call here is
 * best effort and never breaks the page.
 */

/** Name of the cache holding saved stories; public/sw.js reads it too. */
export const SAVED_CACHE = 'newsroom-saved-v1';

/** Registers the service worker once the page has loaded, where the browser supports it. */
export function registerServiceWorker(): void {
  // A draft preview is not a page to read offline: it must never start the worker that keeps pages.
  if (!('serviceWorker' in navigator) || location.pathname.startsWith('/preview/')) return;
  addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('offline reading is unavailable:', error);
    });
  });
}

/** Runs `action` on the saved-stories cache; a failure is reported and never breaks the page. */
async function withSavedCache(action: (cache: Cache) => Promise<unknown>, failure: string): Promise<void> {
  if (!('caches' in globalThis)) return;
  try {
    await action(await caches.open(SAVED_CACHE));
  } catch (error) {
    console.warn(failure, error);
  }
}

/** Keeps a copy of the story page for reading offline. */
export function rememberForOffline(path: string): Promise<void> {
  return withSavedCache((cache) => cache.add(path), 'could not keep the story for offline reading:');
}

/** Drops the offline copy of a story that is no longer saved. */
export function forgetOffline(path: string): Promise<void> {
  return withSavedCache((cache) => cache.delete(path), 'could not drop the offline copy:');
}

/**
 * Makes sure every saved story has an offline copy: a save made just before the reader left
 * the page may not have finished downloading. Runs when /saved opens.
 */
export async function keepOfflineCopies(paths: string[]): Promise<void> {
  if (!('caches' in globalThis) || !navigator.onLine) return;
  try {
    const cache = await caches.open(SAVED_CACHE);
    const missing = [];
    for (const path of paths) if (!(await cache.match(path))) missing.push(path);
    await Promise.all(missing.map((path) => rememberForOffline(path)));
  } catch (error) {
    console.warn('could not refresh the offline copies:', error);
  }
}
