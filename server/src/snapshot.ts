import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { carryCompressed, worthCompressing, writeCompressed } from './compression.ts';

/** A file as a snapshot saw it: inode, size, modification time. */
export type Stamp = [ino: number, size: number, mtimeMs: number];

/** What to copy where, and what the last snapshot saw. */
export interface SnapshotJob {
  /** The folder to snapshot (the build folder). */
  from: string;
  /** The new folder to create. */
  to: string;
  /** The folder the last snapshot made, or null to copy everything. */
  previous: string | null;
  /** What the last snapshot saw of each file of `from`, by relative path. */
  previousFiles: Record<string, Stamp>;
}

/** What a snapshot saw of each file, by relative path: the next snapshot compares against it. */
export interface SnapshotResult {
  files: Record<string, Stamp>;
  /**
   * The files that differ from `job.previous`: copied (new or written since) or no longer there.
   * A shared cache in front of the site forgets exactly these (shared-cache.ts).
   */
  changed: string[];
}

/** Hard-links `from` to `to`; false when `from` is gone (the file is then copied instead). */
function tryLink(from: string, to: string): boolean {
  try {
    linkSync(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Recreates `job.from` as `job.to`. A file whose inode, size and modification time are what
 * the last snapshot saw has not been written since, so it is hard-linked from `job.previous`
 * (which holds the same content and is never written), with its compressed copies; every
 * other file is copied, and compressed once here (compression.ts).
 * Synchronous: tens of thousands of small file operations run several times faster this way
 * than through the thread pool, which is why snapshot() runs this in a worker thread.
 */
export function snapshotFolder(job: SnapshotJob): SnapshotResult {
  const made = new Set<string>();
  const files: Record<string, Stamp> = {};
  const changed: string[] = [];
  for (const entry of readdirSync(job.from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const source = path.join(entry.parentPath, entry.name);
    const relative = path.relative(job.from, source);
    const target = path.join(job.to, relative);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const { ino, size, mtimeMs } = statSync(source);
    const stamp: Stamp = [ino, size, mtimeMs];
    files[relative] = stamp;
    const before = job.previousFiles[relative];
    const unchanged = before?.[0] === ino && before[1] === size && before[2] === mtimeMs;
    if (unchanged && job.previous && tryLink(path.join(job.previous, relative), target)) {
      carryCompressed(job.previous, job.to, relative, size);
    } else {
      copyFileSync(source, target);
      changed.push(relative);
      // Read back only what is worth compressing: pictures and fonts are copied, never read.
      if (worthCompressing(relative, size)) writeCompressed(job.to, relative, readFileSync(target));
    }
  }
  for (const relative of Object.keys(job.previousFiles)) if (!Object.hasOwn(files, relative)) changed.push(relative);
  return { files, changed };
}

/** Runs one job of this module in a worker thread at nice 10 (see the worker's entry below). */
function inBackgroundThread<T>(job: { snapshotJob: SnapshotJob } | { removeDirs: string[] }): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: job });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the release worker exited with code ${code}`));
    });
  });
}

/**
 * snapshotFolder() in a worker thread: the site server runs in the calling process and keeps
 * answering readers while the files are linked and copied.
 */
export function snapshotInWorker(job: SnapshotJob): Promise<SnapshotResult> {
  return inBackgroundThread<SnapshotResult>({ snapshotJob: job });
}

/**
 * Deletes release folders in a worker thread. An asynchronous recursive rm() would run its
 * tens of thousands of unlinks (a release at 10,000 pages with their compressed copies) on
 * libuv's shared pool of four threads, where every file a reader asks for waits behind them.
 */
export function removeInWorker(dirs: string[]): Promise<void> {
  return dirs.length === 0 ? Promise.resolve() : inBackgroundThread<undefined>({ removeDirs: dirs });
}

// Run as the worker of inBackgroundThread(), at a lower priority: snapshots and removals are
// part of the full build, the background pass, and on two cores their seconds of file work at
// 10,000 pages would take the CPU from the fast publish a reader waits for. (On Linux a
// thread's nice value is its own: this leaves the site server's other threads alone.)
const data = workerData as { snapshotJob?: SnapshotJob; removeDirs?: string[] } | null;
if (!isMainThread && (data?.snapshotJob || data?.removeDirs)) {
  try {
    setPriority(10);
  } catch {
    // Not allowed here: the work runs at the process's priority.
  }
  if (data.snapshotJob) parentPort?.postMessage(snapshotFolder(data.snapshotJob));
  else {
    for (const dir of data.removeDirs ?? []) rmSync(dir, { recursive: true, force: true });
    parentPort?.postMessage(undefined);
  }
}
