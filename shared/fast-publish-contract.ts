/**
 * What the site server (server/) and the release's on-demand fast-publish routes
 * (src/internal/fast-publish/) agree on: the internal paths and headers of the fast-publish
 * render. One definition for both sides; no Astro import, so the site server's Node loads it
 * as it is.
 */

/** Where the fast-publish routes live in a release; readers never reach it. */
export const FAST_PUBLISH_PREFIX = '/fast-publish';
/**
 * The live release's catalog: static files its fast-publish routes read over HTTP. This one holds
 * all but the stories, which come in {@link FAST_PUBLISH_CATALOG_PARTS} of
 * {@link CATALOG_PART_STORIES} each, newest first. A build writes a part at a time: one
 * 100,000-story file cost the build over a gigabyte of memory while it was written.
 */
export const FAST_PUBLISH_CATALOG = `${FAST_PUBLISH_PREFIX}/catalog.json`;
/** The folder of the catalog's parts. */
export const FAST_PUBLISH_CATALOG_PARTS = `${FAST_PUBLISH_PREFIX}/catalog`;
/** Stories per catalog part (about 8 MB of JSON). */
export const CATALOG_PART_STORIES = 5000;

/** The paths of the parts of a catalog of `storyCount` stories, in order. */
export function catalogPartPaths(storyCount: number): string[] {
  return Array.from(
    { length: Math.ceil(storyCount / CATALOG_PART_STORIES) },
    (_, part) => `${FAST_PUBLISH_CATALOG_PARTS}/${part}.json`,
  );
}
/** Parses the catalog ahead of the first plan: asked when a release's render worker starts. */
export const FAST_PUBLISH_WARM = `${FAST_PUBLISH_PREFIX}/warm`;
/** What live fast-publish releases changed over that catalog (see Releases.overlay()). */
export const FAST_PUBLISH_CATALOG_DELTA = `${FAST_PUBLISH_PREFIX}/catalog-delta.json`;

/**
 * The built release's search word lists (`/search-index/w/{letter}.json`), under this prefix: a
 * fast publish indexes a compound under its halves when the archive has them as words.
 */
export const FAST_PUBLISH_WORD_LISTS = `${FAST_PUBLISH_PREFIX}/search-words`;

/** The header that carries the site server's fast-publish key. */
export const FAST_PUBLISH_KEY_HEADER = 'x-fast-publish-key';
/** The header naming one fast-publish batch: its plan, front page and story pages share one read of the CMS. */
export const FAST_PUBLISH_BATCH_HEADER = 'x-fast-publish-batch';
/**
 * The header listing the documentIds Strapi's webhook named in unpublish and delete events:
 * hints of which stories to check, never trusted on their own (the CMS is asked).
 */
export const FAST_PUBLISH_TAKEDOWNS_HEADER = 'x-fast-publish-takedowns';
