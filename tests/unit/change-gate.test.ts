import { describe, expect, it } from 'vitest';
import { ChangeGate } from '../../server/src/change-gate';

/** A gate on a clock the test moves. */
function gate() {
  let now = 1_000_000;
  const g = new ChangeGate({ rebuildAfterMs: 3_600_000, retryBaseMs: 15_000, retryMaxMs: 60_000 }, () => now);
  return { g, advance: (ms: number) => (now += ms), now: () => now };
}

// Prints as published-fingerprint.ts writes them: count and newest updatedAt of each type.
const P4 = 'articles:4:2026-11-28T01:00:00.000Z;global:1:x';
const P5 = 'articles:5:2026-11-28T01:00:05.000Z;global:1:x';

describe('ChangeGate', () => {
  it.each([
    // what the live build saw (before, after), the print now, skipped as
    ['nothing changed since a settled build', P4, P4, P4, 'unchanged'],
    ['a story was published', P4, P4, P5, null],
    ['no print (the CMS did not answer)', P4, P4, null, null],
    // The race of issue 14: story 5 was published while the build ran, so the site has it
    // but the print before the build does not; its takedown brings the print back to P4.
    ['a takedown after a build the content moved under', P4, P5, P4, null],
    ['a build whose second print failed', P4, null, P4, null],
  ] as const)('%s: skip = %s', (_name, before, after, now, expected) => {
    const { g } = gate();
    g.built(before, after);
    expect(g.skip(now)?.kind ?? null).toBe(expected);
  });

  it('says when the content moved during a build, and still offers the print for the fast publish', () => {
    const { g } = gate();
    expect(g.built(P4, P4)).toBe(true);
    expect(g.built(P4, P5)).toBe(false);
    expect(g.livePrint()).toBe(P4);
  });

  it("builds an unchanged site again after an hour, for the loader's full sync", () => {
    const { g, advance } = gate();
    g.built(P4, P4);
    advance(3_599_999);
    expect(g.skip(P4)).toEqual({ kind: 'unchanged' });
    advance(1);
    expect(g.skip(P4)).toBeNull();
  });

  it('defers draft saves on content that failed to build, with a doubling backoff, and builds any change at once', () => {
    const { g, advance, now } = gate();
    g.built(P4, P4);
    const first = g.failed(P5);
    expect(first - now()).toBe(15_000);
    expect(g.skip(P5)).toEqual({ kind: 'deferred', retryAt: first, failures: 1 });
    expect(g.skip(P4)).toEqual({ kind: 'unchanged' });
    advance(15_000);
    expect(g.skip(P5)).toBeNull();
    expect(g.failed(P5) - now()).toBe(30_000);
    expect(g.failed(P5) - now()).toBe(60_000);
    expect(g.failed(P5) - now()).toBe(60_000); // capped at retryMaxMs
    const other = 'articles:6:2026-11-28T01:00:09.000Z;global:1:x';
    expect(g.skip(other)).toBeNull();
    g.built(other, other);
    expect(g.skip(P5)).toBeNull();
  });
});
