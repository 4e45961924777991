/** One build, as the status endpoint and the log report it. */
export interface BuildRecord {
  id: number;
  /** Why it ran: `startup`, `webhook (3 events)`, `manual`… */
  trigger: string;
  startedAt: string;
  durationMs: number | null;
  /** `unchanged`: a webhook build skipped because nothing published changed (a draft was saved). */
  result: 'running' | 'live' | 'failed' | 'unchanged';
  /** The release folder the build went to. */
  release: string | null;
  pages: number | null;
  /** Of those, the pages reused from the previous build instead of rendered. */
  reused: number | null;
  /** Why a failed build failed (the end of its output). */
  error: string | null;
  /** The express publish that ran before the build, if one was tried (see scripts/lib/express.ts). */
  express: ExpressRecord | null;
}

/** The express publish of a build: the changed stories' pages and the front page, live first. */
export interface ExpressRecord {
  /** `skipped`: the batch needs the full build (a story unpublished, moved, …); `detail` says why. */
  result: 'live' | 'skipped' | 'failed';
  /** From the start of the build to the express release going live (or giving up). */
  durationMs: number;
  release: string | null;
  /** Pages it rendered. */
  pages: number;
  detail: string | null;
  /** Milliseconds of each phase it went through: render worker start, plan, render, deploy. */
  phases?: Record<string, number>;
}

/**
 * What the publisher needs from a build: a new release, or an error saying why not. With
 * `onlyIfChanged` (builds triggered by the webhook) it may instead resolve null: nothing
 * published changed since the last build, so none ran.
 */
export type BuildFn = (options: {
  onlyIfChanged: boolean;
  /** Reports an express publish while the build goes on. */
  onExpress?: (express: ExpressRecord) => void;
}) => Promise<{ release: string; pages: number; reused?: number } | null>;

/** Timing of the debounce. */
export interface PublisherTiming {
  /**
   * Quiet time after the last event before a build starts. One publish in Strapi sends its
   * events within milliseconds; a desk publishing a batch sends them well under this apart.
   * @defaultValue 500
   */
  quietMs?: number;
  /**
   * Longest a build waits behind a steady stream of events.
   * @defaultValue 5000
   */
  maxWaitMs?: number;
  /**
   * Build records kept for the status endpoint.
   * @defaultValue 50
   */
  keepRecords?: number;
}

/**
 * Turns "content changed" signals into as few builds as correctness allows. Events are
 * only counted, never trusted for content (Strapi's payloads can be null or repeated): a
 * burst debounces into one build, events that arrive during a build cause exactly one more
 * build after it, and builds never overlap.
 */
export class Publisher {
  readonly records: BuildRecord[] = [];
  private pendingEvents = 0;
  private firstPendingAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private nextId = 1;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly keepRecords: number;
  private readonly build: BuildFn;
  private readonly log: (line: string) => void;

  constructor(build: BuildFn, log: (line: string) => void, timing: PublisherTiming = {}) {
    this.build = build;
    this.log = log;
    this.quietMs = timing.quietMs ?? 500;
    this.maxWaitMs = timing.maxWaitMs ?? 5000;
    this.keepRecords = timing.keepRecords ?? 50;
  }

  /** Notes that content changed; a build follows once events stop for `quietMs`. */
  contentChanged(): void {
    if (this.pendingEvents === 0) this.firstPendingAt = Date.now();
    this.pendingEvents++;
    this.schedule();
  }

  /** Builds now (start-up, manual runs), changed or not; resolves with the record once it has finished. */
  async buildNow(trigger: string): Promise<BuildRecord> {
    while (this.running) await this.running;
    return this.run(trigger, false);
  }

  /** Resolves when no build is running or waiting. */
  async idle(): Promise<void> {
    while (this.running || this.timer || this.pendingEvents > 0) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }

  /** Cancels a waiting build (on shutdown). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pendingEvents = 0;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running) return; // the running build re-schedules when it ends
    const waited = Date.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.quietMs, this.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const events = this.pendingEvents;
      this.pendingEvents = 0;
      void this.run(`webhook (${events} event${events === 1 ? '' : 's'})`, true);
    }, delay);
  }

  private async run(trigger: string, onlyIfChanged: boolean): Promise<BuildRecord> {
    const record: BuildRecord = {
      id: this.nextId++,
      trigger,
      startedAt: new Date().toISOString(),
      durationMs: null,
      result: 'running',
      release: null,
      pages: null,
      reused: null,
      error: null,
      express: null,
    };
    this.records.unshift(record);
    this.records.splice(this.keepRecords);
    const started = performance.now();
    let done!: () => void;
    this.running = new Promise((resolve) => (done = resolve));
    try {
      const onExpress = (express: ExpressRecord) => {
        record.express = express;
        const phases = Object.entries(express.phases ?? {})
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ');
        const detail =
          (express.result === 'live' ? `, ${express.pages} pages` : `: ${express.detail ?? ''}`) +
          (phases ? ` (ms: ${phases})` : '');
        this.log(`build #${record.id} express ${express.result} in ${express.durationMs} ms${detail}`);
      };
      const built = await this.build({ onlyIfChanged, onExpress });
      if (built === null) record.result = 'unchanged';
      else
        Object.assign(record, {
          result: 'live',
          release: built.release,
          pages: built.pages,
          reused: built.reused ?? 0,
        });
    } catch (error) {
      Object.assign(record, { result: 'failed', error: error instanceof Error ? error.message : String(error) });
    } finally {
      record.durationMs = Math.round(performance.now() - started);
      this.running = undefined;
      done();
    }
    const detail = {
      live: `, ${record.pages} pages (${record.reused} reused)`,
      unchanged: ': nothing published changed since the last build',
      failed: `:\n${record.error ?? ''}`,
      running: '',
    }[record.result];
    this.log(`build #${record.id} (${record.trigger}) ${record.result} in ${record.durationMs} ms${detail}`);
    if (this.pendingEvents > 0) this.schedule();
    return record;
  }
}
