import type { StoryTeaser } from './story';

/** What choosing related stories needs to know of a story. */
export interface RelatedInput extends StoryTeaser {
  section: StoryTeaser['section'] & { documentId: string };
  tags: { slug: string }[];
  relatedStories: { documentId: string }[];
}

/** Every published story by id, by section and by tag (each list newest first), built once per build. */
export interface RelatedIndex<S extends RelatedInput> {
  byId: Map<string, S>;
  bySection: Map<string, S[]>;
  byTag: Map<string, S[]>;
  /** Position in the newest-first list. */
  rank: Map<string, number>;
}

function push<S>(map: Map<string, S[]>, key: string, story: S): void {
  const list = map.get(key);
  if (list) list.push(story);
  else map.set(key, [story]);
}

/**
 * Indexes the stories (newest first, as getStories() returns them) once, so choosing the
 * related stories of every story costs about the length of its section, not of the whole
 * newsroom squared (10,000 stories took 9.8 s the naive way).
 */
export function relatedIndex<S extends RelatedInput>(all: S[]): RelatedIndex<S> {
  const index: RelatedIndex<S> = { byId: new Map(), bySection: new Map(), byTag: new Map(), rank: new Map() };
  all.forEach((story, rank) => {
    index.byId.set(story.documentId, story);
    index.rank.set(story.documentId, rank);
    push(index.bySection, story.section.documentId, story);
    for (const tag of story.tags) push(index.byTag, tag.slug, story);
  });
  return index;
}

/**
 * อ่านเพิ่มเติม: the editor's picks first (only those still published), then stories of the
 * same section that share a tag, then the rest of the section, then other sections' stories
 * that share a tag; newest first within each group, no repeats, never the story itself.
 */
export function relatedStories<S extends RelatedInput>(story: S, index: RelatedIndex<S>, limit = 4): S[] {
  const chosen: S[] = [];
  const seen = new Set([story.documentId]);
  /** Adds a candidate; true once the list is full. */
  const take = (candidate: S): boolean => {
    if (chosen.length < limit && !seen.has(candidate.documentId)) {
      seen.add(candidate.documentId);
      chosen.push(candidate);
    }
    return chosen.length >= limit;
  };

  for (const pick of story.relatedStories) {
    const published = index.byId.get(pick.documentId);
    if (published && take(published)) return chosen;
  }
  const tags = new Set(story.tags.map((t) => t.slug));
  const sharesTag = (s: S) => s.tags.some((t) => tags.has(t.slug));
  const section = index.bySection.get(story.section.documentId) ?? [];
  for (const s of section) if (sharesTag(s) && take(s)) return chosen;
  for (const s of section) if (!sharesTag(s) && take(s)) return chosen;

  // Other sections sharing a tag: the newest few of each tag's list, merged by recency.
  const needed = limit - chosen.length;
  const others = new Map<string, S>();
  for (const tag of tags) {
    let found = 0;
    for (const s of index.byTag.get(tag) ?? []) {
      if (s.section.documentId === story.section.documentId || seen.has(s.documentId)) continue;
      others.set(s.documentId, s);
      if (++found >= needed) break;
    }
  }
  const byRank = (a: S, b: S) => (index.rank.get(a.documentId) ?? 0) - (index.rank.get(b.documentId) ?? 0);
  for (const s of [...others.values()].sort(byRank)) if (take(s)) break;
  return chosen;
}
