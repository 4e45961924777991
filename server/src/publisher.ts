/** One build, as the status endpoint and the log report it. */
export interface BuildRecord {
  id: number;
  /** Why it ran: `startup`, `webhook (3 events)`, `manual`… */
  trigger: string;
  startedAt: string;
  durationMs: number | null;
  /**
   * `unchanged`: a webhook build skipped because nothing published changed (a draft was saved);
   * `deferred`: skipped because the same content failed to build and its retry is not due yet.
   */
  result: 'running' | 'live' | 'failed' | 'unchanged' | 'deferred';
  /** The release folder the build went to. */
  release: string | null;
  pages: number | null;
  /** Of those, the pages reused from the previous build instead of rendered. */
  reused: number | null;
  /** Why a failed build failed (the end of its output), or why a build was deferred. */
  error: string | null;
  /** When the publisher tries again by itself after a failed or deferred build. */
  retryAt: string | null;
  /** The fast publish that ran before the build, if one was tried (see server/src/fast-publish.ts). */
  fastPublish: FastPublishRecord | null;
}

/**
 * The fast publish of a build: the changed stories' pages, the front page and the lists, feeds
 * and sitemaps they change, live first.
 */
export interface FastPublishRecord {
  /** `skipped`: the batch needs the full build (a story unpublished, moved, …); `detail` says why. */
  result: 'live' | 'skipped' | 'failed';
  /** From the start of the build to the fast-publish release going live (or giving up). */
  durationMs: number;
  release: string | null;
  /** Files it wrote (pages, feeds, sitemaps) and paths it took down. */
  pages: number;
  detail: string | null;
  /** Milliseconds of each phase it went through: render worker start, plan, render, deploy. */
  phases?: Record<string, number>;
}

/** A build that went live. `moved`: the published content changed while it ran, so one more build follows. */
export interface BuiltRelease {
  release: string;
  pages: number;
  reused?: number;
  moved?: boolean;
}

/** A webhook build held back: the same content failed to build, and its retry is due at `retryAt`. */
export interface DeferredBuild {
  deferred: string;
  retryAt: number;
}

/**
 * What the publisher needs from a build: a new release, or an error saying why not (a
 * BuildFailure says when to retry). With `onlyIfChanged` (builds triggered by the webhook) it
 * may instead resolve null (nothing published changed since the last build, so none ran) or a
 * DeferredBuild.
 */
export type BuildFn = (options: {
  onlyIfChanged: boolean;
  /**
   * An operator's forced build: it goes live even when it publishes far fewer stories than
   * the live site (a deliberate mass takedown), which a build is otherwise refused for.
   */
  force?: boolean;
  /**
   * Resolves once the previous build has finished. With `overlapFastPublish`, a build may start
   * (its fast publish) while the one before it still runs: it must await this before it
   * checks what changed or starts its own full build.
   */
  turn: () => Promise<void>;
  /** Stories the webhook said were unpublished or deleted since the last build (hints). */
  takedowns: string[];
  /** Reports a fast publish while the build goes on. */
  onFastPublish?: (fastPublish: FastPublishRecord) => void;
}) => Promise<BuiltRelease | DeferredBuild | null>;

/** A failed build that says when the same content should be tried again. */
export class BuildFailure extends Error {
  readonly retryAt: number;

  constructor(message: string, retryAt: number) {
    super(message);
    this.name = 'BuildFailure';
    this.retryAt = retryAt;
  }
}

/** Timing of the debounce. */
export interface PublisherTiming {
  /**
   * Quiet time after the last event before a build (and its fast-publish step) starts. Strapi
   * sends a publish's events at its commit, within milliseconds of each other, so this only
   * has to group one action's events: every millisecond of it is added to every publish.
   * Bursts need no longer quiet to be folded: a build that waits for its turn takes in all
   * the events that come meanwhile (see `overlapFastPublish`).
   * @defaultValue 100
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
  /**
   * Lets the next build start while one runs, up to its `turn()`: its fast publish puts a
   * story live while the full build before it is still going, instead of after it.
   * @defaultValue false
   */
  overlapFastPublish?: boolean;
}

/**
 * A fast publish on its own, for events that arrive while the next build waits for its
 * turn: that build's full build will cover them, but readers should not wait for it. Resolves
 * null when there was nothing for it to do.
 */
export type FastPublishFn = (takedowns: string[]) => Promise<FastPublishRecord | null>;

/**
 * Turns "content changed" signals into as few builds as correctness allows. Events are
 * only counted, never trusted for content (Strapi's payloads can be null or repeated): a
 * burst debounces into one build, events that arrive during a build cause exactly one more
 * build after it, and full builds never overlap. With `overlapFastPublish`, the next build's
 * fast-publish step runs while a full build does, and events that come while that next build waits
 * for its turn get a fast-publish step of their own (`fastPublishOnly`) and are folded into it; one
 * fast-publish step at a time.
 */
export class Publisher {
  readonly records: BuildRecord[] = [];
  private pendingEvents = 0;
  private firstPendingAt = 0;
  /** Why a build follows that no webhook event asked for (content moved during a build, a retry). */
  private followUp: string | null = null;
  /** Takedowns named by the events the next build covers. */
  private takedowns = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Builds started and not finished (two at most: one in its full build, one ahead of it). */
  private active = 0;
  /** True while a build is before its turn: ahead of the running one, or not yet started building. */
  private ahead = false;
  /** The record of the build ahead once it has done its fast-publish step and waits for the running one. */
  private waiting: BuildRecord | null = null;
  /** The fast-publish step for events folded into the waiting build, while it runs. */
  private folding: Promise<void> | null = null;
  /** True while a fast-publish step runs (a build's own, or one for events folded into a waiting build). */
  private fastPublishing = false;
  /** Resolves when the newest build has finished. */
  private lastDone: Promise<void> = Promise.resolve();
  private nextId = 1;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly keepRecords: number;
  private readonly overlapFastPublish: boolean;
  private readonly build: BuildFn;
  private readonly fastPublishOnly: FastPublishFn | undefined;
  private readonly log: (line: string) => void;

  constructor(
    build: BuildFn,
    log: (line: string) => void,
    timing: PublisherTiming = {},
    fastPublishOnly?: FastPublishFn,
  ) {
    this.build = build;
    this.fastPublishOnly = fastPublishOnly;
    this.log = log;
    this.quietMs = timing.quietMs ?? 100;
    this.maxWaitMs = timing.maxWaitMs ?? 5000;
    this.keepRecords = timing.keepRecords ?? 50;
    this.overlapFastPublish = timing.overlapFastPublish ?? false;
  }

  /**
   * Notes that content changed; a build follows once events stop for `quietMs`. `takedown`:
   * the documentId of a story the event says was unpublished or deleted, for the fast-publish
   * publish to check and take down first.
   */
  contentChanged(takedown: string | null = null): void {
    if (this.pending() === 0) this.firstPendingAt = Date.now();
    this.pendingEvents++;
    if (takedown) this.takedowns.add(takedown);
    this.schedule();
  }

  /**
   * Builds now (start-up, manual runs), changed or not; resolves with the record once it has
   * finished. A debounced build that was waiting is folded into it: its events came before
   * this build started, so it covers them; events during it schedule one more build after it.
   * `force`: see BuildFn.
   */
  async buildNow(trigger: string, { force = false }: { force?: boolean } = {}): Promise<BuildRecord> {
    while (this.active > 0) await this.lastDone;
    clearTimeout(this.timer);
    this.timer = undefined;
    // This build reads the CMS after every event so far; a change it misses moves the print
    // during the build, which asks for the next build (see deploy.ts).
    this.pendingEvents = 0;
    this.followUp = null;
    return this.run(trigger, false, force);
  }

  /** Events (or a follow-up build) waiting for their build, for the status endpoint. */
  pending(): number {
    return this.pendingEvents + (this.followUp ? 1 : 0);
  }

  /** Resolves when no build is running or waiting (a retry due later is not waiting). */
  async idle(): Promise<void> {
    while (this.active > 0 || this.timer || this.pending() > 0) {
      await (this.active > 0 ? this.lastDone : new Promise((resolve) => setTimeout(resolve, 50)));
    }
  }

  /** Cancels a waiting build (on shutdown). */
  stop(): void {
    clearTimeout(this.timer);
    clearTimeout(this.retryTimer);
    this.timer = undefined;
    this.pendingEvents = 0;
    this.followUp = null;
    this.takedowns.clear();
  }

  /** Asks for one more build for a reason of the publisher's own, debounced like an event. */
  private requestFollowUp(reason: string): void {
    if (this.pending() === 0) this.firstPendingAt = Date.now();
    this.followUp ??= reason;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    // The running build re-schedules at its turn or its end; a fast-publish step, when it ends.
    if (this.busy() && !this.canFold()) return;
    const waited = Date.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.quietMs, this.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.canFold()) {
        this.folding = this.fold().finally(() => (this.folding = null));
        return;
      }
      // A build started meanwhile (buildNow): it reschedules these events when it ends.
      if (this.busy()) return;
      const events = this.pendingEvents;
      const trigger = events > 0 ? `webhook (${events} event${events === 1 ? '' : 's'})` : this.followUp!;
      this.pendingEvents = 0;
      this.followUp = null;
      void this.run(trigger, true);
    }, delay);
  }

  /** True when no build may start now: one runs and may not be overlapped, or one is already ahead. */
  private busy(): boolean {
    return this.fastPublishing || (this.active > 0 && (!this.overlapFastPublish || this.ahead || this.active >= 2));
  }

  /** True when waiting events can go out by a fast-publish step and into the build that waits for its turn. */
  private canFold(): boolean {
    return Boolean(this.fastPublishOnly && this.waiting && !this.fastPublishing && this.pendingEvents > 0);
  }

  /** Puts waiting events live by a fast-publish step; the waiting build's full build covers them. */
  private async fold(): Promise<void> {
    const record = this.waiting!;
    const events = this.pendingEvents;
    const takedowns = [...this.takedowns];
    this.pendingEvents = 0;
    this.takedowns.clear();
    this.fastPublishing = true;
    try {
      const fastPublish = await this.fastPublishOnly!(takedowns);
      // The record keeps the build's own fast-publish step unless this one put something live.
      if (fastPublish) this.noteFastPublish(record, fastPublish, `${events} more event${events === 1 ? '' : 's'}`);
    } catch (error) {
      this.log(`build #${record.id} fast publish for more events failed: ${String(error)}`);
    } finally {
      this.fastPublishing = false;
    }
    if (this.pending() > 0) this.schedule();
  }

  /** Records a fast-publish step on a build's record (`what`: the folded events it was for) and logs it. */
  private noteFastPublish(record: BuildRecord, fastPublish: FastPublishRecord, what = ''): void {
    if (!what || fastPublish.result === 'live' || !record.fastPublish) record.fastPublish = fastPublish;
    const phases = Object.entries(fastPublish.phases ?? {})
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ');
    const detail =
      (fastPublish.result === 'live' ? `, ${fastPublish.pages} pages` : `: ${fastPublish.detail ?? ''}`) +
      (phases ? ` (ms: ${phases})` : '');
    this.log(
      `build #${record.id} fast publish${what ? ` (${what})` : ''} ${fastPublish.result} in ${fastPublish.durationMs} ms${detail}`,
    );
  }

  private async run(trigger: string, onlyIfChanged: boolean, force = false): Promise<BuildRecord> {
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
      retryAt: null,
      fastPublish: null,
    };
    this.records.unshift(record);
    this.records.splice(this.keepRecords);
    const started = performance.now();
    let retryAt: number | null = null;
    const previous = this.lastDone;
    let done!: () => void;
    this.lastDone = new Promise((resolve) => (done = resolve));
    this.active++;
    this.ahead = true;
    this.fastPublishing = this.overlapFastPublish;
    let hadTurn = false;
    const turn = async () => {
      if (hadTurn) return;
      hadTurn = true;
      if (this.overlapFastPublish) {
        // Its fast-publish step is done: events from now on go out by fast-publish steps of their own.
        this.fastPublishing = false;
        this.waiting = record;
        if (this.pending() > 0) this.schedule();
      }
      await previous;
      // A fold under way finishes first, so its fast-publish release is live before this build starts.
      while (this.folding) await this.folding;
      this.waiting = null;
      this.ahead = false;
      // Events that came meanwhile may start the next build's fast publish now.
      if (this.pending() > 0) this.schedule();
    };
    // Without overlap a build runs alone from its start.
    if (!this.overlapFastPublish) await turn();
    try {
      const onFastPublish = (fastPublish: FastPublishRecord) => this.noteFastPublish(record, fastPublish);
      const takedowns = [...this.takedowns];
      this.takedowns.clear();
      const built = await this.build({ onlyIfChanged, force, onFastPublish, takedowns, turn });
      if (built === null) record.result = 'unchanged';
      else if ('deferred' in built) {
        Object.assign(record, { result: 'deferred', error: built.deferred });
        retryAt = built.retryAt;
      } else {
        Object.assign(record, {
          result: 'live',
          release: built.release,
          pages: built.pages,
          reused: built.reused ?? 0,
        });
        if (built.moved) this.followUp ??= `content moved during build #${record.id}`;
      }
    } catch (error) {
      Object.assign(record, { result: 'failed', error: error instanceof Error ? error.message : String(error) });
      if (error instanceof BuildFailure) retryAt = error.retryAt;
    } finally {
      // Builds finish in the order they started, whether or not this one asked for its turn.
      await turn();
      record.durationMs = Math.round(performance.now() - started);
      this.active--;
      done();
    }
    if (retryAt !== null) this.scheduleRetry(record, retryAt);
    const detail = {
      live: `, ${record.pages} pages (${record.reused} reused)`,
      unchanged: ': nothing published changed since the last build',
      deferred: `: ${record.error ?? ''}`,
      failed: `:\n${record.error ?? ''}`,
      running: '',
    }[record.result];
    const retry = record.retryAt ? ` (next try ${record.retryAt})` : '';
    this.log(`build #${record.id} (${record.trigger}) ${record.result} in ${record.durationMs} ms${detail}${retry}`);
    if (this.pending() > 0) this.schedule();
    return record;
  }

  /** Tries the content of a failed or deferred build again at `at`, without waiting for an event. */
  private scheduleRetry(record: BuildRecord, at: number): void {
    record.retryAt = new Date(at).toISOString();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(
      () => this.requestFollowUp(`retry after build #${record.id}`),
      Math.max(0, at - Date.now()),
    );
    this.retryTimer.unref();
  }
}
