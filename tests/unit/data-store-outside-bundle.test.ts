import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'devalue';
import { afterAll, describe, expect, it } from 'vitest';
import { dataStoreModule } from '../../src/integrations/data-store-outside-bundle';

// Inside the project, as the build's cacheDir is: the module's `devalue` resolves from there.
const base = path.join(process.cwd(), '.cache', 'test-runs');
mkdirSync(base, { recursive: true });
const dir = mkdtempSync(path.join(base, 'data-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A data store as Astro's content sync writes it: collections of entries, flattened by devalue. */
const store = stringify(new Map([['articles', new Map([['doc1', { id: 'doc1', data: { title: 'ข่าวทดสอบ' } }]])]]));

/**
 * Runs the prerender's data-store module for a store file holding `contents` (none: no file) in
 * a Node of its own, as the build imports it, and prints the headline of the one story.
 */
function runModule(name: string, contents: string | null, flags: string[] = []) {
  const file = path.join(dir, `${name}.json`);
  if (contents !== null) writeFileSync(file, contents);
  const module = path.join(dir, `${name}.mjs`);
  writeFileSync(module, dataStoreModule(file));
  const print = `const m = await import(${JSON.stringify(module)}); console.log(m.default.get('articles').get('doc1').data.title);`;
  return {
    file,
    run: spawnSync(process.execPath, [...flags, '--input-type=module', '-e', print], { encoding: 'utf8' }),
  };
}

describe('the prerender reads the data store from its file', () => {
  it.each([
    ['a store the sync wrote: the same entries Astro would embed', 'whole', store, 0, 'ข่าวทดสอบ'],
    ['a store cut short: the build ends, never an empty site', 'cut', store.slice(0, 20), 1, ''],
    ['no store at all: the build ends', 'missing', null, 1, ''],
  ])('%s', (_, name, contents, status, printed) => {
    const { file, run } = runModule(name, contents);
    expect(run.status).toBe(status);
    expect(run.stdout.trim()).toBe(printed);
    if (status !== 0) expect(run.stderr).toContain(`the content data store ${file} could not be read`);
  });

  it('reads it as builds run, with gc() exposed (the collections between its steps run)', () => {
    const { run } = runModule('gc', store, ['--expose-gc']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('ข่าวทดสอบ');
  });
});
