/** How a change gate times rebuilds and retries. */
export interface ChangeGateTiming {
  /**
   * A webhook build with nothing published changed still runs after this long: the content
   * loader's hourly full sync is what catches changes no updatedAt shows (a picture's alt text).
   * @defaultValue 3_600_000
   */
  rebuildAfterMs?: number;
  /**
   * Wait before the first retry of content whose build failed; doubled after each failure.
   * @defaultValue 15_000
   */
  retryBaseMs?: number;
  /**
   * Longest wait between retries of the same failing content.
   * @defaultValue 600_000
   */
  retryMaxMs?: number;
}

/** Why a webhook build need not run now. */
export type Skip = { kind: 'unchanged' } | { kind: 'deferred'; retryAt: number; failures: number };

/**
 * Decides, from fingerprints of the published content (server/src/published-fingerprint.ts),
 * whether a webhook build may be skipped. Strapi's webhook fires on draft saves too, so
 * most events change nothing a reader sees.
 *
 * Two rules keep this safe and cheap:
 * - The live site's print is trusted only when the content did not move while its build ran
 *   (the print before the build equals the print after it). A build reads the CMS some time
 *   after its first print: a publish landing in between is in the site but not in that print,
 *   and a takedown of it would later bring the print back to the recorded one and be taken
 *   for "nothing changed". A moved print is never used to skip.
 * - The print of a failed build is remembered with a backoff, so draft saves on top of
 *   content that does not build start no new build until the retry is due; any change to
 *   what is published builds at once.
 */
export class ChangeGate {
  private live: { print: string; at: number; settled: boolean } | null = null;
  private failure: { print: string; failures: number; retryAt: number } | null = null;
  private readonly rebuildAfterMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly now: () => number;

  constructor(timing: ChangeGateTiming = {}, now: () => number = Date.now) {
    this.rebuildAfterMs = timing.rebuildAfterMs ?? 3_600_000;
    this.retryBaseMs = timing.retryBaseMs ?? 15_000;
    this.retryMaxMs = timing.retryMaxMs ?? 600_000;
    this.now = now;
  }

  /** Why a webhook build of content with this print may be skipped, or null when it must run. */
  skip(print: string | null): Skip | null {
    // A CMS that does not answer gives no print: the build runs and reports why it failed.
    if (print === null) return null;
    const live = this.live;
    if (live?.settled && live.print === print && this.now() - live.at < this.rebuildAfterMs)
      return { kind: 'unchanged' };
    if (this.failure?.print === print && this.now() < this.failure.retryAt) {
      return { kind: 'deferred', retryAt: this.failure.retryAt, failures: this.failure.failures };
    }
    return null;
  }

  /**
   * Notes a build that went live. `before` is the print taken before it read the CMS, `after`
   * one taken once it finished; returns false when they differ: the content moved during the
   * build, so the site may hold some of it, and one more build must follow.
   */
  built(before: string | null, after: string | null): boolean {
    this.failure = null;
    const settled = before !== null && before === after;
    this.live = before === null ? null : { print: before, at: this.now(), settled };
    return settled;
  }

  /** Notes a failed build of content with this print; returns when a retry is due. */
  failed(print: string | null): number {
    const failures = print !== null && this.failure?.print === print ? this.failure.failures + 1 : 1;
    const retryAt = this.now() + Math.min(this.retryMaxMs, this.retryBaseMs * 2 ** (failures - 1));
    this.failure = print === null ? null : { print, failures, retryAt };
    return retryAt;
  }

  /**
   * The print taken before the live site's build read the CMS: what the fast publish
   * compares with (its own plan then checks the release's catalog against the CMS, so a
   * build that took in more than this print says is still handled exactly).
   */
  livePrint(): string | null {
    return this.live?.print ?? null;
  }
}
