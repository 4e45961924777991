/**
 * What the site server (server/) and the release's on-demand express routes
 * (src/pages/express-render/) agree on: the internal paths and headers of the express
 * render. One definition for both sides; no Astro import, so the site server's Node loads it
 * as it is.
 */

/** Where the express routes live in a release; readers never reach it. */
export const EXPRESS_PREFIX = '/express-render';
/** The live release's catalog: a static file its express routes read over HTTP. */
export const EXPRESS_CATALOG = `${EXPRESS_PREFIX}/catalog.json`;
/** Parses the catalog ahead of the first plan: asked when a release's render worker starts. */
export const EXPRESS_WARM = `${EXPRESS_PREFIX}/warm`;
/** What live express releases changed over that catalog (see Releases.overlay()). */
export const EXPRESS_CATALOG_DELTA = `${EXPRESS_PREFIX}/catalog-delta.json`;

/** The header that carries the site server's express key. */
export const EXPRESS_KEY_HEADER = 'x-express-key';
/** The header naming one express batch: its plan, front page and story pages share one read of the CMS. */
export const EXPRESS_BATCH_HEADER = 'x-express-batch';
/**
 * The header listing the documentIds Strapi's webhook named in unpublish and delete events:
 * hints of which stories to check, never trusted on their own (the CMS is asked).
 */
export const EXPRESS_TAKEDOWNS_HEADER = 'x-express-takedowns';
