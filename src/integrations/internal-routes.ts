import { mkdirSync, renameSync, rmdirSync, rmSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import {
  FAST_PUBLISH_CATALOG,
  FAST_PUBLISH_CATALOG_PARTS,
  FAST_PUBLISH_PREFIX,
  FAST_PUBLISH_WARM,
} from '../../shared/fast-publish-contract.ts';
import { internalFile, LIST_SIZES, STORY_PATHS } from '../../shared/internal-output.ts';

/**
 * The internal routes, and which are prerendered (the catalog, story paths and list sizes, files of
 * each release) or rendered on demand by the render worker (the fast-publish batch's plan and
 * pages). Set here, not in the files: a `prerender` export belongs to src/pages/ only.
 */
const ROUTES: { pattern: string; entrypoint: string; prerender: boolean }[] = [
  { pattern: FAST_PUBLISH_CATALOG, entrypoint: './src/internal/fast-publish/catalog.json.ts', prerender: true },
  {
    pattern: `${FAST_PUBLISH_CATALOG_PARTS}/[part].json`,
    entrypoint: './src/internal/fast-publish/catalog/[part].json.ts',
    prerender: true,
  },
  {
    pattern: `${FAST_PUBLISH_PREFIX}/plan.json`,
    entrypoint: './src/internal/fast-publish/plan.json.ts',
    prerender: false,
  },
  { pattern: FAST_PUBLISH_WARM, entrypoint: './src/internal/fast-publish/warm.ts', prerender: false },
  { pattern: FAST_PUBLISH_PREFIX, entrypoint: './src/internal/fast-publish/index.astro', prerender: false },
  {
    pattern: `${FAST_PUBLISH_PREFIX}/story/[documentId]`,
    entrypoint: './src/internal/fast-publish/story/[documentId].astro',
    prerender: false,
  },
  {
    pattern: `${FAST_PUBLISH_PREFIX}/list/[...path]`,
    entrypoint: './src/internal/fast-publish/list/[...path].astro',
    prerender: false,
  },
  {
    pattern: `${FAST_PUBLISH_PREFIX}/file/[...path]`,
    entrypoint: './src/internal/fast-publish/file/[...path].ts',
    prerender: false,
  },
  {
    pattern: `${FAST_PUBLISH_PREFIX}/corrections`,
    entrypoint: './src/internal/fast-publish/corrections.astro',
    prerender: false,
  },
  { pattern: STORY_PATHS, entrypoint: './src/internal/story-paths.json.ts', prerender: true },
  { pattern: LIST_SIZES, entrypoint: './src/internal/list-sizes.json.ts', prerender: true },
];

/**
 * The internal routes that are prerendered: files the build writes, moved out of what readers are
 * served. A route with parameters is moved as its folder.
 */
const FILES = ROUTES.filter((route) => route.prerender).map((route) =>
  route.pattern.includes('[')
    ? { route: route.pattern.slice(0, route.pattern.lastIndexOf('/')), folder: true }
    : { route: route.pattern, folder: false },
);

/**
 * The routes only the site server and its fast-publish render use, kept out of the reader's
 * route tree: they live in `src/internal/`, not `src/pages/`, and are injected here (as
 * Starlight injects its routes). Their prerendered files (the catalog, the story paths) are
 * moved from `client/` to the release's `internal/` folder when the build is done, so the
 * public output never holds them; the on-demand ones answer only the render worker's key.
 *
 * List it before pruneStaleOutput(): the moved files are touched, so they count as this build's.
 */
export function internalRoutes(): AstroIntegration {
  let outDir = '';
  let clientDir = '';
  return {
    name: 'newsroom:internal-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        for (const route of ROUTES) injectRoute(route);
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        clientDir = fileURLToPath(config.build.client);
      },
      'astro:build:done': () => {
        const now = new Date();
        for (const { route, folder } of FILES) {
          const built = path.join(clientDir, ...route.split('/').filter(Boolean));
          // A newsroom with no stories yet has no catalog parts: their folder is there, empty.
          if (folder) mkdirSync(built, { recursive: true });
          const moved = internalFile(outDir, route);
          mkdirSync(path.dirname(moved), { recursive: true });
          // An output folder built into before keeps the last build's folder (of catalog parts).
          rmSync(moved, { recursive: true, force: true });
          renameSync(built, moved);
          utimesSync(moved, now, now);
        }
        // The fast-publish folder the catalog and its parts left, now empty: nothing of it stays in client/.
        rmdirSync(path.join(clientDir, ...FAST_PUBLISH_PREFIX.split('/').filter(Boolean)));
      },
    },
  };
}
