/**
 * The Cache-Control of each kind of answer the site server gives, chosen for readers' browsers
 * and for a shared cache in front of the site (Varnish, a CDN) alike.
 *
 * - Hashed assets (`/_astro/`) never change under their name: kept for a year everywhere.
 * - Pages, feeds, sitemaps and the search index change on every publish: a browser revalidates
 *   each time (a 304 costs a few hundred bytes), so a reader never sees a story taken down; a
 *   shared cache keeps them for `SHARED_MAX_AGE` seconds, because the publisher purges exactly
 *   the URLs a switch changed (shared-cache.ts). Without a purge (a cache nobody told about) a
 *   page is at most that old.
 * - A 404 or a redirect may become a page at the next publish: the same, kept for a minute.
 */
const SHARED_MAX_AGE = 300;

/** Hashed build assets. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages, feeds, sitemaps, search index files: revalidated by browsers, purged from shared caches. */
export const PAGE = `public, max-age=0, must-revalidate, s-maxage=${SHARED_MAX_AGE}`;
/** Not found, and a moved story's redirect. */
export const MISSING = 'public, max-age=0, must-revalidate, s-maxage=60';
/** Operators' and the CMS's answers (hooks, status), and anything per request. */
export const NEVER = 'no-store';
