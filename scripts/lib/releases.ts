import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const LIVE = 'live';
const STAGING = '.staging';
// Release folders are named so that sorting by name sorts by age.
const RELEASE_NAME = /^r\d{13}-[0-9a-f]{6}$/;

/**
 * Release folders of the built site. Each build goes to a new folder; the `live` symlink
 * names the one readers get, and is switched with rename(2), which is atomic: a reader sees
 * the old release or the new one, never a half-written mix.
 */
export class Releases {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true });
  }

  /** A new, empty release folder for the next build, named to sort after every other. */
  create(): string {
    const newest = this.list().at(-1);
    const newestStamp = newest ? Number(path.basename(newest).slice(1, 14)) : 0;
    const stamp = Math.max(Date.now(), newestStamp + 1);
    const dir = path.join(this.dir, `r${stamp}-${randomBytes(3).toString('hex')}`);
    mkdirSync(dir);
    return dir;
  }

  /**
   * The folder builds write to, emptied first. Builds always use this one path, because Astro
   * bakes its output folder into the code of pages with images; a path that changed with
   * every release would make the incremental build re-render every such page. Builds are
   * one at a time (see Publisher), so one staging folder is enough.
   */
  staging(): string {
    const dir = path.join(this.dir, STAGING);
    rmSync(dir, { recursive: true, force: true });
    return dir;
  }

  /** Turns a finished staging folder into a new release (a rename: nothing is copied). */
  adopt(staged: string): string {
    const release = this.create();
    renameSync(staged, release); // replaces the empty folder create() made
    return release;
  }

  /** Every release folder, oldest first. */
  list(): string[] {
    return readdirSync(this.dir)
      .filter((name) => RELEASE_NAME.test(name))
      .sort()
      .map((name) => path.join(this.dir, name));
  }

  /** The live release folder, or null before the first successful build. */
  live(): string | null {
    const link = path.join(this.dir, LIVE);
    if (!existsSync(link)) return null;
    return realpathSync(link);
  }

  /** Makes `release` live in one atomic step. */
  activate(release: string): void {
    const temp = path.join(this.dir, `.${LIVE}-${randomBytes(4).toString('hex')}`);
    symlinkSync(path.basename(release), temp);
    renameSync(temp, path.join(this.dir, LIVE));
  }

  /** Deletes the oldest releases beyond `keep`, never the live one. */
  prune(keep: number): string[] {
    const live = this.live();
    const all = this.list();
    const removable = all.slice(0, Math.max(0, all.length - keep)).filter((dir) => dir !== live);
    for (const dir of removable) rmSync(dir, { recursive: true, force: true });
    return removable;
  }

  /** Deletes a build that never went live (a failed build's staging folder); never the live release. */
  discard(release: string): void {
    if (release !== this.live()) rmSync(release, { recursive: true, force: true });
  }

  /** Makes the release before the live one live again; returns it, or throws when there is none. */
  rollback(): string {
    const live = this.live();
    const all = this.list();
    const index = live ? all.indexOf(live) : -1;
    const previous = index > 0 ? all[index - 1] : undefined;
    if (!previous) throw new Error(`no release older than ${live ? path.basename(live) : 'none'} to roll back to`);
    this.activate(previous);
    return previous;
  }

  /** The live release's folder name, for status output. */
  liveName(): string | null {
    const live = this.live();
    return live && path.basename(live);
  }
}
