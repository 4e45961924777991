/**
 * Live coverage (รายงานสด): a story editors keep adding short timestamped entries to while an
 * event unfolds. The page shows the pinned entries, then the rest newest first, each at its own
 * anchor; readers' pages poll a small static JSON (LIVE_JSON) that the fast publish rewrites
 * with the story, and fetch the new entries from the page itself (src/scripts/live.ts).
 */

/** An entry as the CMS gives it (story.live-entry). */
export interface LiveEntry {
  at: string;
  text: string;
  pinned: boolean;
}

/** The live-coverage fields of a story. */
export interface LiveCoverage<E extends LiveEntry = LiveEntry> {
  storyNumber: number;
  liveState: 'live' | 'ended' | null;
  liveEntries: readonly E[];
}

/** What readers' pages poll: the coverage's state and its entries' anchors, newest first. */
export interface LiveJson {
  state: 'live' | 'ended';
  entries: string[];
}

/** How often a reader's page asks for new entries while the coverage is live. */
export const LIVE_POLL_MS = 10_000;

/** The static JSON a live coverage's readers poll. */
export function liveJsonPath(storyNumber: number): string {
  return `/live/${storyNumber}.json`;
}

/** Whether the story is a live coverage (live or ended). */
export function isLiveCoverage<E extends LiveEntry>(
  story: LiveCoverage<E>,
): story is LiveCoverage<E> & { liveState: 'live' | 'ended' } {
  return story.liveState === 'live' || story.liveState === 'ended';
}

/** An entry with its anchor on the page. */
export interface AnchoredEntry<E extends LiveEntry> {
  entry: E;
  /** The element id, `update-<Unix seconds>`: stable while the entry keeps its time. */
  anchor: string;
}

/**
 * The entries newest first (the editors' order among entries of the same time), each with an
 * anchor from its time; a second entry at the same second gets `-2`, and so on.
 */
export function entriesNewestFirst<E extends LiveEntry>(entries: readonly E[]): AnchoredEntry<E>[] {
  const timed = entries.map((entry, i) => ({ entry, i, time: Date.parse(entry.at) }));
  // Anchors follow the editors' order, so adding an entry never renames an older one.
  const seen = new Map<number, number>();
  const anchors = timed.map(({ time }) => {
    const second = Math.floor(time / 1000);
    const n = (seen.get(second) ?? 0) + 1;
    seen.set(second, n);
    return n === 1 ? `update-${second}` : `update-${second}-${n}`;
  });
  return timed.sort((a, b) => b.time - a.time || b.i - a.i).map(({ entry, i }) => ({ entry, anchor: anchors[i]! }));
}

/** The page's two blocks: pinned entries on top, then every other entry, each newest first. */
export function liveBlocks<E extends LiveEntry>(
  entries: readonly E[],
): { pinned: AnchoredEntry<E>[]; rest: AnchoredEntry<E>[] } {
  const all = entriesNewestFirst(entries);
  return { pinned: all.filter((e) => e.entry.pinned), rest: all.filter((e) => !e.entry.pinned) };
}

/** The JSON readers' pages poll, for a live coverage. */
export function liveJson(story: LiveCoverage & { liveState: 'live' | 'ended' }): LiveJson {
  return { state: story.liveState, entries: entriesNewestFirst(story.liveEntries).map((e) => e.anchor) };
}
