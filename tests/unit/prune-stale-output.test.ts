import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { afterEach, describe, expect, it } from 'vitest';
import { pruneStaleOutput } from '../../src/integrations/prune-stale-output';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Calls one hook of the integration with just the options it reads. */
function call(integration: AstroIntegration, hook: string, options: object): unknown {
  const fn = (integration.hooks as Record<string, (options: object) => unknown>)[hook];
  return fn?.(options);
}

const logged: string[] = [];
const logger = { info: (line: string) => logged.push(line) } as unknown as AstroIntegrationLogger;

describe('pruneStaleOutput', () => {
  it('deletes what the previous build wrote and this one neither wrote nor reused', () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'out-'));
    dirs.push(outDir);
    const write = (file: string, old: boolean) => {
      const full = path.join(outDir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, file);
      if (old) utimesSync(full, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
      return full;
    };
    // Left by the previous build:
    const reusedPage = write('client/news/news/1/index.html', true);
    write('client/news/news/2/index.html', true); // a story unpublished since
    write('server/chunks/old_chunk.mjs', true); // an old hash
    const integration = pruneStaleOutput();
    call(integration, 'astro:config:done', { config: { outDir: pathToFileURL(outDir + '/') } });
    call(integration, 'astro:build:start', {});
    // Written by this build:
    write('client/index.html', false);
    write('server/chunks/new_chunk.mjs', false);
    call(integration, 'astro:build:done', {
      assets: new Map([['/news/[section]/[storyNumber]', [pathToFileURL(reusedPage)]]]),
      logger,
    });

    const left = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).sort();
    expect(left).toEqual([
      'client',
      'client/index.html',
      'client/news',
      'client/news/news',
      'client/news/news/1',
      'client/news/news/1/index.html',
      'internal',
      'internal/build-summary.json',
      'server',
      'server/chunks',
      'server/chunks/new_chunk.mjs',
    ]);
    // Two pages, one of them left as it was (reused), as the publisher reports the build.
    expect(JSON.parse(readFileSync(path.join(outDir, 'internal/build-summary.json'), 'utf8'))).toEqual({
      pages: 2,
      reused: 1,
    });
    expect(existsSync(path.join(outDir, 'client/news/news/2'))).toBe(false); // its folder went too
    expect(logged.at(-1)).toMatch(/^removed 2 file\(s\) this build did not write or reuse: /);
  });

  it('works on a first build into a folder that does not exist yet', () => {
    const parent = mkdtempSync(path.join(tmpdir(), 'out-'));
    dirs.push(parent);
    const outDir = path.join(parent, 'dist');
    const integration = pruneStaleOutput();
    call(integration, 'astro:config:done', { config: { outDir: pathToFileURL(outDir + '/') } });
    call(integration, 'astro:build:start', {});
    mkdirSync(path.join(outDir, 'client'));
    writeFileSync(path.join(outDir, 'client', 'index.html'), 'front');
    call(integration, 'astro:build:done', { assets: new Map(), logger });
    expect(readdirSync(outDir).sort()).toEqual(['client', 'internal']);
    expect(JSON.parse(readFileSync(path.join(outDir, 'internal/build-summary.json'), 'utf8'))).toEqual({
      pages: 1,
      reused: 0,
    });
  });
});
