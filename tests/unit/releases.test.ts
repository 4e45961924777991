import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Releases } from '../../scripts/lib/releases';
import { sameSecret } from '../../scripts/lib/site-server';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function releasesWith(count: number) {
  const dir = mkdtempSync(path.join(tmpdir(), 'releases-'));
  dirs.push(dir);
  const releases = new Releases(dir);
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
    const release = releases.create();
    mkdirSync(path.join(release, 'client'));
    writeFileSync(path.join(release, 'client', 'index.html'), `release ${i}`);
    made.push(release);
  }
  return { releases, made, dir };
}

describe('Releases', () => {
  it('builds in one fixed staging folder, emptied each time, and adopts it as the newest release', () => {
    const { releases, made, dir } = releasesWith(1);
    const staged = releases.staging();
    expect(staged).toBe(path.join(dir, '.staging'));
    mkdirSync(path.join(staged, 'client'), { recursive: true });
    writeFileSync(path.join(staged, 'client', 'index.html'), 'new');
    expect(releases.list()).toEqual(made); // staging is not a release
    const adopted = releases.adopt(staged);
    expect(releases.list()).toEqual([...made, adopted]);
    expect(existsSync(path.join(adopted, 'client', 'index.html'))).toBe(true);
    expect(existsSync(staged)).toBe(false);
    // A leftover from a crashed build is cleared by the next one.
    mkdirSync(path.join(dir, '.staging', 'stale'), { recursive: true });
    expect(existsSync(releases.staging())).toBe(false);
  });

  it('has no live release before the first activation', () => {
    expect(releasesWith(1).releases.live()).toBeNull();
  });

  it('switches the live link to a release, as a symlink replaced by rename', () => {
    const { releases, made, dir } = releasesWith(2);
    releases.activate(made[0]!);
    expect(releases.live()).toBe(made[0]);
    releases.activate(made[1]!);
    expect(releases.live()).toBe(made[1]);
    expect(lstatSync(path.join(dir, 'live')).isSymbolicLink()).toBe(true);
    expect(releases.list()).toEqual(made); // no temporary link left behind as a release
  });

  it('prunes the oldest releases but never the live one', () => {
    const { releases, made } = releasesWith(5);
    releases.activate(made[0]!);
    const removed = releases.prune(2);
    expect(removed).toEqual([made[1], made[2]]);
    expect(releases.list()).toEqual([made[0], made[3], made[4]]);
  });

  it('rolls back to the release before the live one, and says so when there is none', () => {
    const { releases, made } = releasesWith(3);
    releases.activate(made[2]!);
    expect(releases.rollback()).toBe(made[1]);
    expect(releases.live()).toBe(made[1]);
    releases.activate(made[0]!);
    expect(() => releases.rollback()).toThrow(/no release older than/);
  });

  it('discards a failed release, never the live one', () => {
    const { releases, made } = releasesWith(2);
    releases.activate(made[0]!);
    releases.discard(made[1]!);
    releases.discard(made[0]!);
    expect(existsSync(made[1]!)).toBe(false);
    expect(existsSync(made[0]!)).toBe(true);
  });
});

describe('sameSecret', () => {
  it.each([
    ['s3cret', 's3cret', true],
    ['s3cret', 's3creT', false],
    ['', 's3cret', false],
    ['s3cret-and-more', 's3cret', false],
  ])('%j vs %j → %s', (given, expected, same) => {
    expect(sameSecret(given, expected)).toBe(same);
  });
});
