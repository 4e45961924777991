import { afterEach, describe, expect, it, vi } from 'vitest';
import { BuildFailure, Publisher, type BuildFn } from '../../server/src/publisher';

afterEach(() => {
  vi.useRealTimers();
});

/** A build that takes `ms` of (fake) time and counts its calls. */
function slowBuild(ms: number, fail = false) {
  const calls: number[] = [];
  const build: BuildFn = async () => {
    calls.push(Date.now());
    await new Promise((resolve) => setTimeout(resolve, ms));
    if (fail) throw new Error('astro build failed (exit code 1):\nthe CMS at http://cms/api is unreachable');
    return { release: `r${calls.length}`, pages: 54 };
  };
  return { build, calls };
}

/** A build of `ms` (fake) milliseconds that notes whether two ever ran at once. */
function exclusiveBuild(ms: number) {
  let running = 0;
  let overlap = false;
  const build: BuildFn = async () => {
    running++;
    overlap ||= running > 1;
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return { release: 'r', pages: 1 };
  };
  return { build, overlapped: () => overlap };
}

describe('Publisher', () => {
  it.each([
    // events, spacing (ms), build time (ms), most builds
    [100, 20, 3000, 2],
    [100, 0, 3000, 1],
    [1, 0, 100, 1],
    [10, 400, 500, 3],
  ])('turns %i events %i ms apart (builds of %i ms) into at most %i builds', async (events, spacing, buildMs, most) => {
    vi.useFakeTimers();
    const { build, calls } = slowBuild(buildMs);
    const publisher = new Publisher(build, () => {}, { quietMs: 1000, maxWaitMs: 5000 });
    for (let i = 0; i < events; i++) {
      publisher.contentChanged();
      await vi.advanceTimersByTimeAsync(spacing);
    }
    const lastEvent = Date.now() - spacing;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls.length).toBeLessThanOrEqual(most);
    // The last event is always covered: the last build started after it, and went live.
    expect(calls.at(-1)!).toBeGreaterThanOrEqual(lastEvent);
    expect(publisher.records).toHaveLength(calls.length);
    expect(publisher.records.every((r) => r.result === 'live')).toBe(true);
  });

  it('never runs two builds at once, and builds once more for events during a build', async () => {
    vi.useFakeTimers();
    const { build, overlapped } = exclusiveBuild(2000);
    const publisher = new Publisher(build, () => {}, { quietMs: 100, maxWaitMs: 1000 });
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(500); // first build is running now
    for (let i = 0; i < 20; i++) publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(overlapped()).toBe(false);
    expect(publisher.records.map((r) => r.trigger)).toEqual(['webhook (20 events)', 'webhook (1 event)']);
  });

  it('waits at most maxWaitMs behind a steady stream of events', async () => {
    vi.useFakeTimers();
    const { build, calls } = slowBuild(10);
    const publisher = new Publisher(build, () => {}, { quietMs: 1000, maxWaitMs: 3000 });
    const start = Date.now();
    for (let i = 0; i < 40; i++) {
      publisher.contentChanged();
      await vi.advanceTimersByTimeAsync(200); // never 1 s of quiet
    }
    expect(calls[0]! - start).toBeLessThanOrEqual(3000);
  });

  it('records a failed build with its reason and keeps going', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const { build } = slowBuild(10, true);
    const publisher = new Publisher(build, (line) => lines.push(line), { quietMs: 10 });
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(publisher.records[0]).toMatchObject({ result: 'failed', trigger: 'webhook (1 event)' });
    expect(publisher.records[0]?.error).toContain('unreachable');
    expect(lines[0]).toMatch(/^build #1 \(webhook \(1 event\)\) failed in \d+ ms:\nastro build failed/);
  });

  it('lets webhook builds skip when nothing published changed, and never start-up builds', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const asked: boolean[] = [];
    // A build that finds nothing published changed whenever it may skip.
    const build: BuildFn = ({ onlyIfChanged }) => {
      asked.push(onlyIfChanged);
      return Promise.resolve(onlyIfChanged ? null : { release: 'r1', pages: 54 });
    };
    const publisher = new Publisher(build, (line) => lines.push(line), { quietMs: 10 });
    expect((await publisher.buildNow('startup')).result).toBe('live');
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(1000);
    expect(asked).toEqual([false, true]);
    expect(publisher.records[0]).toMatchObject({ result: 'unchanged', release: null, pages: null });
    expect(lines.at(-1)).toMatch(/^build #2 \(webhook \(1 event\)\) unchanged in \d+ ms: nothing published changed/);
  });

  it('shows a fast publish on the running build record and in the log', async () => {
    const lines: string[] = [];
    let finish!: () => void;
    const build: BuildFn = async ({ onFastPublish }) => {
      onFastPublish?.({ result: 'live', durationMs: 812, release: 'r-fast', pages: 2, detail: null });
      await new Promise<void>((resolve) => (finish = resolve));
      return { release: 'r-full', pages: 78, reused: 75 };
    };
    const publisher = new Publisher(build, (line) => lines.push(line));
    const done = publisher.buildNow('manual');
    await vi.waitFor(() => expect(publisher.records[0]?.fastPublish).not.toBeNull());
    // While the full build still runs, the status already says the story is live.
    expect(publisher.records[0]).toMatchObject({
      result: 'running',
      fastPublish: { result: 'live', release: 'r-fast' },
    });
    expect(lines).toEqual(['build #1 fast publish live in 812 ms, 2 pages']);
    finish();
    expect(await done).toMatchObject({ result: 'live', release: 'r-full', fastPublish: { pages: 2 } });
  });

  it('never overlaps a start-up build with a debounced webhook build that was waiting', async () => {
    vi.useFakeTimers();
    const { build, overlapped } = exclusiveBuild(1000);
    const publisher = new Publisher(build, () => {}, { quietMs: 100, maxWaitMs: 1000 });
    publisher.contentChanged(); // Strapi's webhook is live before npm start's first build
    const startup = publisher.buildNow('startup');
    await vi.advanceTimersByTimeAsync(5000);
    await startup;
    expect(overlapped()).toBe(false);
    // The event came before the start-up build began, so that build covered it.
    expect(publisher.records.map((r) => r.trigger)).toEqual(['startup']);
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(50);
    const manual = publisher.buildNow('manual');
    await vi.advanceTimersByTimeAsync(5000);
    await manual;
    expect(overlapped()).toBe(false);
    expect(publisher.records.map((r) => r.trigger)).toEqual(['manual', 'startup']);
  });

  it('builds once more by itself when the content moved during a build', async () => {
    vi.useFakeTimers();
    const moved = [true, false];
    const build: BuildFn = async () => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { release: 'r', pages: 1, moved: moved.shift() ?? false };
    };
    const publisher = new Publisher(build, () => {}, { quietMs: 10 });
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(5000);
    expect(publisher.records.map((r) => r.trigger).reverse()).toEqual([
      'webhook (1 event)',
      'content moved during build #1',
    ]);
    expect(publisher.pending()).toBe(0);
  });

  it('retries a failed build when its retry is due, and defers draft saves until then', async () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    let attempts = 0;
    const build: BuildFn = ({ onlyIfChanged }) => {
      attempts++;
      const retryAt = Date.now() + 10_000;
      // Draft saves before the retry is due are deferred; the retry itself fails again.
      if (onlyIfChanged && attempts === 2) return Promise.resolve({ deferred: 'failed before', retryAt });
      return Promise.reject(new BuildFailure('astro build failed', retryAt));
    };
    const publisher = new Publisher(build, (line) => lines.push(line), { quietMs: 10 });
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(100);
    expect(publisher.records[0]).toMatchObject({ result: 'failed', trigger: 'webhook (1 event)' });
    expect(publisher.records[0]?.retryAt).not.toBeNull();
    publisher.contentChanged(); // a writer saves a draft
    await vi.advanceTimersByTimeAsync(100);
    expect(publisher.records[0]).toMatchObject({ result: 'deferred', error: 'failed before' });
    expect(attempts).toBe(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts).toBe(3);
    expect(publisher.records[0]).toMatchObject({ result: 'failed', trigger: 'retry after build #2' });
    expect(lines.at(-1)).toMatch(/failed in \d+ ms:\nastro build failed \(next try /);
    publisher.stop();
  });

  it('with overlapFastPublish, starts the next fast publish while a full build runs, never two full builds at once', async () => {
    vi.useFakeTimers();
    const log: string[] = [];
    let building = 0;
    let overlap = false;
    const build: BuildFn = async ({ turn }) => {
      const id = log.length;
      log.push(`fast publish ${id} at ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the fast publish
      await turn();
      building++;
      overlap ||= building > 1;
      await new Promise((resolve) => setTimeout(resolve, 5000)); // the full build
      building--;
      return { release: `r${id}`, pages: 1 };
    };
    const publisher = new Publisher(build, () => {}, { quietMs: 100, maxWaitMs: 1000, overlapFastPublish: true });
    const t0 = Date.now();
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(1000); // the first full build runs now
    publisher.contentChanged(); // a publish arrives
    await vi.advanceTimersByTimeAsync(150);
    // Its fast publish started 100 ms later, not after the running build's 5 s.
    expect(log).toEqual([`fast publish 0 at ${t0 + 100}`, `fast publish 1 at ${t0 + 1100}`]);
    publisher.contentChanged(); // and another, while the second waits for its turn
    await vi.advanceTimersByTimeAsync(30_000);
    expect(overlap).toBe(false);
    expect(publisher.records.map((r) => [r.trigger, r.result])).toEqual([
      ['webhook (1 event)', 'live'],
      ['webhook (1 event)', 'live'],
      ['webhook (1 event)', 'live'],
    ]);
    // The third started its fast-publish only once the second had its turn (one build ahead at most).
    expect(Number(log[2]!.split(' at ')[1])).toBeGreaterThanOrEqual(t0 + 100 + 300 + 5000);
    await publisher.idle();
  });

  it('puts events that come while the next build waits live by a fast-publish step of their own, folded into that build', async () => {
    vi.useFakeTimers();
    const steps: string[] = [];
    let fastPublishing = 0;
    let overlap = false;
    const fastPublishStep = async (name: string) => {
      fastPublishing++;
      overlap ||= fastPublishing > 1;
      steps.push(`${name} at ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      fastPublishing--;
    };
    let builds = 0;
    const build: BuildFn = async ({ turn, takedowns }) => {
      const n = ++builds;
      await fastPublishStep(`fast publish ${n} [${takedowns.join()}]`);
      await turn();
      steps.push(`full build ${n} at ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      return { release: `r${n}`, pages: 1 };
    };
    const folded: string[][] = [];
    const fastPublishOnly = async (takedowns: string[]) => {
      folded.push(takedowns);
      await fastPublishStep(`folded fast publish [${takedowns.join()}]`);
      return { result: 'live' as const, durationMs: 300, release: 'e', pages: 2, detail: null };
    };
    const publisher = new Publisher(
      build,
      () => {},
      { quietMs: 100, maxWaitMs: 1000, overlapFastPublish: true },
      fastPublishOnly,
    );
    const t0 = Date.now();
    publisher.contentChanged();
    await vi.advanceTimersByTimeAsync(1000); // build 1's full build runs
    publisher.contentChanged(); // build 2 goes ahead: its fast-publish now, its full build after build 1
    await vi.advanceTimersByTimeAsync(1000);
    publisher.contentChanged('doc9'); // a takedown while build 2 waits
    await vi.advanceTimersByTimeAsync(200);
    expect(folded).toEqual([['doc9']]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(overlap).toBe(false);
    expect(builds).toBe(2); // the folded events went into build 2, whose full build started after them
    expect(steps).toEqual([
      `fast publish 1 [] at ${t0 + 100}`,
      `full build 1 at ${t0 + 400}`,
      `fast publish 2 [] at ${t0 + 1100}`,
      `folded fast publish [doc9] at ${t0 + 2100}`,
      `full build 2 at ${t0 + 5400}`,
    ]);
    expect(publisher.records[0]?.fastPublish?.pages).toBe(2);
    await publisher.idle();
  });
});
