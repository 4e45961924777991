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
  /** Position in the newest-first list of all stories. */
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
 * newsroom squared (10,000 stories took 9.8 s the naive way). With `only`, it indexes just what
 * choosing for those stories reads (their sections, the stories sharing a tag with them and
 * their picks, ranked among all): a fast publish chooses for a few stories from the whole
 * archive, where indexing all 100,000 cost 80 ms a batch. Other stories' lists in such an
 * index are incomplete: it serves only `only`.
 */
export function relatedIndex<S extends RelatedInput>(all: S[], only?: readonly S[]): RelatedIndex<S> {
  const index: RelatedIndex<S> = { byId: new Map(), bySection: new Map(), byTag: new Map(), rank: new Map() };
  const wanted = only && {
    sections: new Set(only.map((story) => story.section.documentId)),
    tags: new Set(only.flatMap((story) => story.tags.map((tag) => tag.slug))),
    picks: new Set(only.flatMap((story) => story.relatedStories.map((pick) => pick.documentId))),
  };
  all.forEach((story, rank) => {
    if (
      wanted &&
      !wanted.sections.has(story.section.documentId) &&
      !wanted.picks.has(story.documentId) &&
      !story.tags.some((tag) => wanted.tags.has(tag.slug))
    ) {
      return;
    }
    index.byId.set(story.documentId, story);
    index.rank.set(story.documentId, rank);
    push(index.bySection, story.section.documentId, story);
    for (const tag of story.tags) push(index.byTag, tag.slug, story);
  });
  return index;
}

/**
 * The stories of a newest-first `list` nearest in time to a story of rank `rank`: the ones
 * published just before it (nearest first), then the ones just after it (nearest first).
 */
function* nearest<S extends RelatedInput>(list: S[], rank: number, ranks: Map<string, number>): Generator<S> {
  // First position holding an older story (lists are sorted by rank, ascending).
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((ranks.get(list[mid]!.documentId) ?? 0) <= rank) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < list.length; i++) yield list[i]!;
  for (let i = low - 1; i >= 0; i--) yield list[i]!;
}

/**
 * อ่านเพิ่มเติม: the editor's picks first (only those still published), then stories of the
 * same section that share a tag, then the rest of the section, then other sections' stories
 * that share a tag; within each group the stories published nearest before this one come
 * first, then those nearest after it. No repeats, never the story itself.
 *
 * "Nearest in time" rather than "newest" keeps each list about the story's own moment, and
 * keeps publishing cheap: a new story enters only the lists of its few neighbours, where
 * "the section's newest" would change the list, and so the page, of every story in it.
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
  // A story outside the index (not published yet) counts as the newest.
  const rank = index.rank.get(story.documentId) ?? -1;
  const tags = new Set(story.tags.map((t) => t.slug));
  const sharesTag = (s: S) => s.tags.some((t) => tags.has(t.slug));
  const section = index.bySection.get(story.section.documentId) ?? [];
  if (tags.size > 0) for (const s of nearest(section, rank, index.rank)) if (sharesTag(s) && take(s)) return chosen;
  for (const s of nearest(section, rank, index.rank)) if (!sharesTag(s) && take(s)) return chosen;

  // Other sections sharing a tag: the nearest few of each tag's list, merged by nearness.
  const needed = limit - chosen.length;
  const others = new Map<string, S>();
  for (const tag of tags) {
    let found = 0;
    for (const s of nearest(index.byTag.get(tag) ?? [], rank, index.rank)) {
      if (s.section.documentId === story.section.documentId || seen.has(s.documentId)) continue;
      others.set(s.documentId, s);
      if (++found >= needed) break;
    }
  }
  const distance = (s: S) => {
    const other = index.rank.get(s.documentId) ?? 0;
    return other > rank ? other - rank : Number.MAX_SAFE_INTEGER / 2 + (rank - other); // older first
  };
  for (const s of [...others.values()].sort((a, b) => distance(a) - distance(b))) if (take(s)) break;
  return chosen;
}
