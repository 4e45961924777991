import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FastPublishWorker } from '../../server/src/fast-publish';
import { Releases } from '../../server/src/releases';

let dir: string;

/** A built release whose server code notes, in a file, each request for the catalog warm-up and the key it carried. */
function fakeRelease(name: string): string {
  const release = path.join(dir, name);
  mkdirSync(path.join(release, 'server'), { recursive: true });
  writeFileSync(
    path.join(release, 'server', 'entry.mjs'),
    `import { appendFileSync } from 'node:fs';
     export async function handler(req, res, next) {
       if (req.url !== '/fast-publish/warm') return next();
       appendFileSync(${JSON.stringify(path.join(release, 'warmed'))}, req.headers['x-fast-publish-key'] + '\\n');
       res.writeHead(204);
       res.end();
     }`,
  );
  return release;
}

const answers = async (url: string) => {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fast-publish-worker-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FastPublishWorker', () => {
  it('warms a release before it goes live, keeps the live one meanwhile, and retires it only once the new one is used', async () => {
    const [r1, r2] = [fakeRelease('r1'), fakeRelease('r2')];
    const workers = new FastPublishWorker(new Releases(path.join(dir, 'releases')), 'the-key', {}, 100);
    try {
      const first = await workers.get(r1);
      expect(readFileSync(path.join(r1, 'warmed'), 'utf8')).toBe('the-key\n');

      // A full build's release is prepared before the switch: its catalog is parsed ahead of the first plan.
      await workers.prepare(r2);
      expect(readFileSync(path.join(r2, 'warmed'), 'utf8')).toBe('the-key\n');
      // Until then fast-publish steps still render with the live release's worker: the same one, not a new start.
      expect(await workers.get(r1)).toBe(first);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await answers(first.url)).toBe(true);

      // The new release is used: the old worker stops after its grace period; the prepared one was not started again.
      const second = await workers.get(r2);
      expect(readFileSync(path.join(r2, 'warmed'), 'utf8')).toBe('the-key\n');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await answers(first.url)).toBe(false);
      expect(await answers(second.url)).toBe(true);
    } finally {
      await workers.close();
    }
  });

  it('starts a worker again after it failed to start', async () => {
    const broken = path.join(dir, 'broken');
    mkdirSync(broken);
    const workers = new FastPublishWorker(new Releases(path.join(dir, 'releases')), 'k', {}, 100);
    try {
      await expect(workers.get(broken)).rejects.toThrow();
      fakeRelease('broken');
      await workers.get(broken);
      expect(existsSync(path.join(broken, 'warmed'))).toBe(true);
    } finally {
      await workers.close();
    }
  });
});
