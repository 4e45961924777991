import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { LAST_RESORT_GC, releaseMemory } from '../lib/server/release-memory.ts';

/** Astro's resolved id of the module that holds the content layer's data store (astro/dist/content/consts.js). */
const DATA_STORE_MODULE = /^\0astro:data-layer-content$/;
/** How far the build's heap may grow past what was live at the last collection, in per cent. */
const HEAP_GROWING_PERCENT = 25;
/** The file Astro's content sync writes the data store to, in the build's cacheDir. */
const DATA_STORE_FILE = 'data-store.json';

/**
 * The prerender's data-store module: reads the file the content sync wrote when the prerender
 * runs, instead of holding it. Astro's content runtime turns a module that fails to load into
 * an empty store, which would build a site without stories; a failed read ends the build instead.
 */
export function dataStoreModule(file: string): string {
  return [
    `import { readFileSync } from 'node:fs';`,
    `import { unflatten } from 'devalue';`,
    `let store;`,
    // As releaseMemory() (lib/server/release-memory.ts), which this module's code cannot import.
    `const release = () => globalThis.gc?.(${JSON.stringify(LAST_RESORT_GC)});`,
    `try {`,
    // One step at a time, each collected before the next when the build exposes gc(): the
    // file's text (119 MB at 100,000 stories), its flat form, then the store, never all three.
    // The store is exported, not its flat form, which the module would hold through the render.
    `  let text = readFileSync(${JSON.stringify(file)}, 'utf8');`,
    `  let flat = JSON.parse(text);`,
    `  text = undefined;`,
    `  globalThis.gc?.();`,
    `  store = unflatten(flat);`,
    `  flat = undefined;`,
    `  release();`,
    `} catch (error) {`,
    `  console.error('the content data store ' + ${JSON.stringify(file)} + ' could not be read:', error);`,
    `  process.exit(1);`,
    `}`,
    `export default store;`,
  ].join('\n');
}

/**
 * Lets go of the store the content sync filled. Astro keeps its content layer, and with it that
 * store, in a module-level singleton for the rest of the build, though the prerender reads
 * the store from its file: at 100,000 stories a second copy of every story (570 MB of heap). The singleton's module is not among Astro's exports; it
 * is reached by its file in the installed Astro (astro is pinned to an exact version).
 */
async function releaseSyncedStore(): Promise<void> {
  const astro = path.dirname(createRequire(import.meta.url).resolve('astro/package.json'));
  const instance = (await import(pathToFileURL(path.join(astro, 'dist/content/instance.js')).href)) as {
    globalContentLayer: { dispose(): void };
  };
  instance.globalContentLayer.dispose();
  // Collected now, before the prerender reads the store's file, rather than when the heap next
  // fills: then both copies are in memory at once (the build's peak: 2.96 GB against 2.57 GB
  // at 100,000 stories); and what the content sync's write freed goes back to the system.
  releaseMemory();
}

/**
 * Keeps the content layer's data store out of the prerender's bundle. Astro embeds the whole
 * store in one module (at 100,000 stories, 131 MB of JSON inside a 146 MB module) that Vite
 * then bundles: the build's peak memory, about 4 GB, came from that step before a single page
 * rendered, and the module's source stayed in memory through the render. The module this
 * puts in its place reads the store from the content sync's own file when the prerender
 * starts; the stories the pages get are the same (Strapi → client → loader → data store →
 * getCollection()). Only the prerender environment is changed, and only in a build: the
 * server bundle (previews, the fast-publish render) never reads the content store.
 */
export function dataStoreOutsideBundle(): AstroIntegration {
  let file = '';
  return {
    name: 'newsroom:data-store-outside-bundle',
    hooks: {
      'astro:config:setup': ({ command }) => {
        // V8 lets the heap grow to several times what is live before it collects (with 24 GiB
        // it has the room): at 100,000 stories the render went from 1.7 to 3 GB of garbage
        // between two collections. Growing by at most half of what is live keeps the build's
        // memory in step with the archive instead, without a hard limit that would fail a
        // build the day the archive outgrows it.
        if (command === 'build') v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      },
      'astro:config:done': ({ config }) => {
        file = fileURLToPath(new URL(DATA_STORE_FILE, config.cacheDir));
      },
      'astro:build:setup': async ({ vite }) => {
        await releaseSyncedStore();
        const plugin: Plugin = {
          name: 'newsroom:data-store-outside-bundle',
          enforce: 'pre',
          applyToEnvironment: (environment) => environment.name === 'prerender',
          load: {
            filter: { id: DATA_STORE_MODULE },
            // As Astro's own loader: no file means the sync stored nothing.
            handler: () => ({
              code: existsSync(file) ? dataStoreModule(file) : 'export default new Map();',
              map: { mappings: '' },
              // Content data, not code: as Astro marks its own store module, so the incremental
              // build's code keys leave it out (plugin-incremental.js).
              meta: { astroIncremental: { kind: 'content-data' } },
            }),
          },
        };
        // First: Astro's own content plugin loads the same module, also before others ('pre'),
        // and the first plugin to answer a load wins.
        vite.plugins = [plugin, ...(vite.plugins ?? [])];
      },
    },
  };
}
