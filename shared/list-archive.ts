/**
 * How story lists are cut into pages, shared by the site (src/lib/listing.ts) and the site
 * server, which redirects links of the numbering lists used before (server/src/site-server.ts).
 */

/** Stories per list page: enough to scroll on a phone without a very long page. */
export const PAGE_SIZE = 20;

/** URL path of archive page `n` of the list at `base`. */
export function archivePath(base: string, n: number): string {
  return `${base}/archive/${n}`;
}

/** A link of the old numbering: `{base}/page/{n}`, page n counted from the list's newest story. */
export const OLD_LIST_PAGE = /^(\/(?:news|tag|author)\/[^/]+)\/page\/(\d{1,6})\/?$/;

/**
 * Where a link of the old numbering now points for a list of `count` stories: the archive page
 * holding that page's first story, or the list's own page when the list no longer has that many
 * stories.
 */
export function archivePageOfOldPage(base: string, oldPage: number, count: number, size = PAGE_SIZE): string {
  const fromOldest = count - 1 - (oldPage - 1) * size;
  const n = Math.floor(fromOldest / size) + 1;
  return fromOldest < 0 || n > Math.floor(count / size) ? base : archivePath(base, n);
}
