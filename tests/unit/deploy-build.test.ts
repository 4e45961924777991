import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Releases } from '../../server/src/releases';

const script = path.resolve('scripts/deploy-build.ts');
let dir: string;

/** Runs `npm run deploy:build`'s script against RELEASES_DIR=dir; resolves with its exit code and output. */
async function deployBuild(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [script, ...args], {
      env: { ...process.env, RELEASES_DIR: dir, RELEASES_KEEP: '2' },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout + failed.stderr };
  }
}

/** Writes a built site into the build folder, as CI's rsync does. */
function writeBuild(build: string, front: string): void {
  mkdirSync(path.join(build, 'client', 'news'), { recursive: true });
  writeFileSync(path.join(build, 'client', 'index.html'), front);
  writeFileSync(path.join(build, 'client', 'news', 'index.html'), 'unchanged list');
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'deploy-build-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('deploy:build (a site built by CI goes live through the publisher’s own release code)', () => {
  it('tells where to copy the build, then snapshots it, switches it live and keeps the one before', async () => {
    const where = await deployBuild('--where');
    expect(where.code).toBe(0);
    const build = where.out.trim();
    expect(build).toBe(new Releases(dir).buildFolder());

    writeBuild(build, 'first');
    expect((await deployBuild()).code).toBe(0);
    const first = new Releases(dir).live()!;
    expect(readFileSync(path.join(first, 'client', 'index.html'), 'utf8')).toBe('first');

    writeFileSync(path.join(build, 'client', 'index.html'), 'second');
    const second = await deployBuild();
    expect(second.out).toContain(`live release ${path.basename(first)} →`);
    const live = new Releases(dir).live()!;
    expect(live).not.toBe(first);
    expect(readFileSync(path.join(live, 'client', 'index.html'), 'utf8')).toBe('second');
    // An untouched file is shared with the release before, not copied (same inode).
    const inode = (release: string) => statSync(path.join(release, 'client', 'news', 'index.html')).ino;
    expect(inode(live)).toBe(inode(first));
    // The release before stays for rollback.
    expect(new Releases(dir).list()).toEqual([first, live]);
  });

  it('refuses an empty build folder and leaves the live release as it was', async () => {
    writeBuild(new Releases(dir).buildFolder(), 'live one');
    await deployBuild();
    const live = new Releases(dir).live();
    rmSync(path.join(new Releases(dir).buildFolder(), 'client'), { recursive: true });
    const refused = await deployBuild();
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/no built site in .*client\/index\.html missing.*nothing changed/);
    expect(new Releases(dir).live()).toBe(live);
  });
});
