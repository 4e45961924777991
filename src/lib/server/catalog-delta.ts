/**
 * A built catalog's stories as readers see them once fast publishes have gone live over it. One
 * definition for the fast-publish plan (fast-publish-plan.ts) and the site server's most-read
 * list; it imports nothing, so the site server's plain Node loads it as it is.
 */

/** What fast-publish releases changed in a catalog's stories: stories put in, documentIds taken down. */
export interface StoriesDelta<S extends { documentId: string }> {
  stories: readonly S[];
  removed: readonly string[];
}

/**
 * `stories` with `delta` applied: its stories replace or join them, its removed ones leave.
 * `place` puts the delta's stories among the rest (after them unless told: the most-read list
 * looks stories up by path; the fast-publish plan keeps the catalog's newest-first order).
 */
export function storiesWithDelta<S extends { documentId: string }>(
  stories: readonly S[],
  delta: StoriesDelta<S> | null,
  place: (kept: S[], added: readonly S[]) => S[] = (kept, added) => [...kept, ...added],
): S[] {
  if (!delta) return [...stories];
  const replaced = new Set([...delta.removed, ...delta.stories.map((story) => story.documentId)]);
  return place(
    stories.filter((story) => !replaced.has(story.documentId)),
    delta.stories,
  );
}
