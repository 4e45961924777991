import { cacheKey } from './cache-key';

// The content layer's digest of each entry's data, by the data object getStories() handed out.
const digests = new WeakMap<object, string>();

/** Notes the content layer's digest of an entry's data (getStories() does, for every story). */
export function rememberDigest(data: object, digest: string | number | undefined): void {
  if (digest !== undefined) digests.set(data, String(digest));
}

/**
 * A digest of everything in an entry, for cache keys. The content layer computed one when it
 * stored the entry (only for entries that changed), so pages need not stringify and hash
 * 10,000 stories on every build; data it did not come with is digested here.
 */
export function contentDigest(data: object): string {
  return digests.get(data) ?? cacheKey(data);
}
