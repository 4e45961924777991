/**
 * One copy of each value a sync's entries repeat. At 100,000 stories the content store held
 * 700,000 empty lists (a story's gallery, notes, related videos… mostly have none) and a section
 * object per story for seven sections: a third of the objects Astro's store serialises when the
 * content sync ends (the build's peak: the serialiser keeps an index of every object and a string
 * of each) and reads back for the prerender. Entries that share a value hold the same object;
 * the store's file then holds it once (devalue writes a repeated object as a reference) and the
 * prerender reads it back as one object.
 *
 * Only what cannot differ between entries is shared: empty lists, and a relation (an object with
 * a `documentId`: a section, tag, author, related story) whose content is identical to one seen
 * before. Shared values are frozen, so page code that changed one for a single story would throw
 * rather than change it for all.
 */

/** The one empty list of every entry. */
const EMPTY: readonly never[] = Object.freeze([]);

function isRelation(value: unknown): value is { documentId: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { documentId?: unknown }).documentId === 'string'
  );
}

/**
 * A sharer for one sync: `share(entry)` replaces, in place, each top-level empty list with the
 * one empty list and each relation (alone or in a list) with the first identical one it was
 * given, and returns the entry. Its memory goes with the sync.
 */
export function valueSharer(): <T extends Record<string, unknown>>(entry: T) => T {
  const relations = new Map<string, unknown>();
  const one = (relation: object): unknown => {
    const key = JSON.stringify(relation);
    const known = relations.get(key);
    if (known !== undefined) return known;
    relations.set(key, Object.freeze(relation));
    return relation;
  };
  return (entry) => {
    const fields = entry as Record<string, unknown>;
    for (const [name, value] of Object.entries(fields)) {
      if (Array.isArray(value)) {
        fields[name] = value.length === 0 ? EMPTY : value.map((item: unknown) => (isRelation(item) ? one(item) : item));
      } else if (isRelation(value)) {
        fields[name] = one(value);
      }
    }
    return entry;
  };
}
