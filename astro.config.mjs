// @ts-check
import node from '@astrojs/node';
import { defineConfig, envField } from 'astro/config';
import { EMBED_FRAME_ORIGINS } from './cms-schema/src/embeds.ts';
import { dataStoreOutsideBundle } from './src/integrations/data-store-outside-bundle.ts';
import { internalRoutes } from './src/integrations/internal-routes.ts';
import { pruneStaleOutput } from './src/integrations/prune-stale-output.ts';

/**
 * CMS_TYPES_ONLY=1 lets `astro check` and `astro sync` run without a CMS (the loaders skip
 * reading it). A build must never run that way: it would publish an empty site.
 * @type {import('astro').AstroIntegration}
 */
const refuseTypesOnlyBuild = {
  name: 'newsroom:refuse-types-only-build',
  hooks: {
    'astro:config:setup': ({ command }) => {
      if (command === 'build' && process.env.CMS_TYPES_ONLY === '1') {
        throw new Error('CMS_TYPES_ONLY=1 is for type checking only; unset it to build the site');
      }
    },
  },
};

/**
 * Where pages' pictures come from: the site itself (uploads on the CMS's disk are served by the
 * site server under /uploads/), or the bucket at UPLOADS_PUBLIC_URL (cms-schema/src/upload-storage.ts).
 */
const imageSources = [
  "'self'",
  'data:',
  ...(process.env.UPLOADS_PUBLIC_URL ? [new URL(process.env.UPLOADS_PUBLIC_URL).origin] : []),
].join(' ');

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  // Canonical origin of the site; astro:env is not available inside this file.
  site: process.env.SITE_URL || 'http://localhost:4321',
  // Every reader page is prerendered; only the draft preview and the fast-publish render (the
  // first seconds after a publish, see src/lib/server/fast-publish-plan.ts) render on demand.
  output: 'static',
  // Each concurrent build (a deploy, a test's failing build) gets its own content cache.
  ...(process.env.ASTRO_CACHE_DIR ? { cacheDir: process.env.ASTRO_CACHE_DIR } : {}),
  // Middleware mode: the site server (server/src/site-server.ts) serves the static release
  // and hands the on-demand routes (draft previews) to the release's own handler.
  adapter: node({ mode: 'middleware' }),
  // Each page's Content-Security-Policy <meta>: Astro writes script-src and style-src with the
  // hash of every script and style it bundles ('self' plus hashes, never 'unsafe-inline');
  // what a <meta> cannot carry (frame-ancestors) the site server sends as a header
  // (server/src/security-headers.ts).
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        `img-src ${imageSources}`,
        // Posts from social platforms, framed only after the reader asks (src/scripts/embeds.ts).
        `frame-src ${EMBED_FRAME_ORIGINS.join(' ')}`,
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
    },
  },
  // The output folder is kept between builds: unchanged pages stay where they are (a deploy
  // at 10,000 stories otherwise copies 10,000 pages back from the incremental cache), and
  // pruneStaleOutput() deletes what this build did not write or reuse.
  vite: { build: { emptyOutDir: false } },
  // Pages rendered at once. A page's render waits on the disk (its folder, its file, the
  // incremental cache's copy), and one at a time the CPU idled through those waits: at 100,000
  // stories a full build took 237 s with 4 where it took 316 s with 1 (same session).
  build: { concurrency: 4 },
  integrations: [
    refuseTypesOnlyBuild,
    // The content store is read from its file when the prerender starts, not bundled (memory).
    dataStoreOutsideBundle(),
    // The fast-publish render's routes and the story paths: injected, and kept out of client/.
    internalRoutes(),
    // Last, so it keeps any file that integrations before it write when the build is done.
    pruneStaleOutput(),
  ],
  experimental: {
    // Story and list pages, search-index shards and story sitemaps return a cacheKey covering
    // everything they show; a deploy reuses the pages whose key and code are unchanged (the
    // cache lives in cacheDir).
    incrementalBuild: true,
  },
  env: {
    schema: {
      // Optional here so `astro check` and `astro sync` run without a CMS; the build itself
      // names a missing one (src/lib/server/cms/config.ts) before it reads anything.
      CMS_URL: envField.string({ context: 'server', access: 'public', url: true, optional: true }),
      CMS_READ_TOKEN: envField.string({ context: 'server', access: 'secret', min: 32, optional: true }),
      CMS_TIMEOUT_MS: envField.number({ context: 'server', access: 'public', int: true, gt: 0, default: 15000 }),
      CMS_RETRIES: envField.number({ context: 'server', access: 'public', int: true, min: 0, default: 3 }),
      // Draft previews (the on-demand /preview/ route); read at request time, not at build.
      PREVIEW_SECRET: envField.string({ context: 'server', access: 'secret', min: 32, optional: true }),
      // The previews' own CMS token, the only one that may read drafts.
      CMS_PREVIEW_TOKEN: envField.string({ context: 'server', access: 'secret', min: 32, optional: true }),
      CMS_ADMIN_ORIGIN: envField.string({ context: 'server', access: 'public', url: true, optional: true }),
      // Set by the site server for its own process (server/src/deploy.ts): the fast-publish render
      // routes (src/internal/fast-publish/) answer only requests carrying it.
      FAST_PUBLISH_RENDER_KEY: envField.string({ context: 'server', access: 'secret', min: 32, optional: true }),
    },
  },
});
