import { mkdirSync, readdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { BUILD_SUMMARY, internalFile } from '../../shared/internal-output.ts';

/** Written into the output folder when a build starts; files older than it were not written by this build. */
const MARKER = '.build-started';

/** Every file under `dir`, as absolute paths (none when the folder does not exist). */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/** Removes `dir` and its parents up to (not including) `root` while they are empty. */
function removeEmptyParents(dir: string, root: string): void {
  for (let current = dir; current.startsWith(root + path.sep); current = path.dirname(current)) {
    try {
      rmdirSync(current);
    } catch {
      return; // not empty (or already gone)
    }
  }
}

/**
 * Lets the build keep its output folder between builds (`vite.build.emptyOutDir: false`), so
 * the incremental build leaves unchanged pages where they are instead of copying 10,000 of
 * them back from its cache, and still ends with exactly what a fresh build would write: when
 * the build is done, every file it neither wrote nor reused is deleted (an unpublished story's
 * page, an old script chunk). A file counts as this build's when it is newer than a marker
 * written at the start (the same clock as every other file time), or when it is the output
 * of a page the build reused from its cache (Astro lists those in `assets`). It then writes
 * the build's summary (pages, and pages left as they were: reused, not rendered) for the
 * publisher, from the output itself rather than from Astro's log lines.
 *
 * List it last: files other integrations write in their own `astro:build:done` must exist by then.
 */
export function pruneStaleOutput(): AstroIntegration {
  let outDir = '';
  let startedMs = 0;
  return {
    name: 'newsroom:prune-stale-output',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = path.resolve(fileURLToPath(config.outDir)); // without the URL's trailing slash
      },
      'astro:build:start': () => {
        const marker = path.join(outDir, MARKER);
        mkdirSync(outDir, { recursive: true });
        writeFileSync(marker, new Date().toISOString());
        startedMs = statSync(marker).mtimeMs;
      },
      'astro:build:done': ({ assets, logger }) => {
        const reused = new Set([...assets.values()].flat().map((url) => fileURLToPath(url)));
        const removed: string[] = [];
        for (const file of filesUnder(outDir)) {
          if (reused.has(file) || statSync(file).mtimeMs >= startedMs) continue;
          unlinkSync(file);
          removeEmptyParents(path.dirname(file), outDir);
          removed.push(path.relative(outDir, file));
        }
        unlinkSync(path.join(outDir, MARKER));
        // What the publisher reports for the build: its pages, and how many it left as they were.
        const pages = filesUnder(path.join(outDir, 'client')).filter((file) => file.endsWith('.html'));
        const kept = pages.filter((file) => statSync(file).mtimeMs < startedMs).length;
        const summary = internalFile(outDir, BUILD_SUMMARY);
        mkdirSync(path.dirname(summary), { recursive: true });
        writeFileSync(summary, JSON.stringify({ pages: pages.length, reused: kept }));
        if (removed.length > 0) {
          const some = removed.slice(0, 3).join(', ') + (removed.length > 3 ? ', …' : '');
          logger.info(`removed ${removed.length} file(s) this build did not write or reuse: ${some}`);
        }
      },
    },
  };
}
