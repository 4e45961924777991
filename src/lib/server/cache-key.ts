import { createHash } from 'node:crypto';

/**
 * A cache key for Astro's incremental build: a digest of everything a page shows. Pass every
 * input of the page (its story, its related lists, the header and footer data): a page is
 * reused only when none of them changed, so a changed headline re-renders every page that
 * shows it.
 */
export function cacheKey(...inputs: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
}
