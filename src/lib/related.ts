import type { StoryTeaser } from './story';

/** What choosing related stories needs to know of a story. */
export interface RelatedInput extends StoryTeaser {
  section: StoryTeaser['section'] & { documentId: string };
  tags: { slug: string }[];
  relatedStories: { documentId: string }[];
}

/**
 * อ่านเพิ่มเติม: the editor's picks first (only those still published), then stories of the
 * same section that share a tag, then the rest of the section, then other sections' stories
 * that share a tag; newest first within each group, no repeats, never the story itself.
 * `all` is newest first, as getStories() returns it.
 */
export function relatedStories<S extends RelatedInput>(story: S, all: S[], limit = 4): S[] {
  const published = new Map(all.map((s) => [s.documentId, s]));
  const picks = story.relatedStories.flatMap((r) => published.get(r.documentId) ?? []);
  const tags = new Set(story.tags.map((t) => t.slug));
  const closeness = (s: S) =>
    (s.section.documentId === story.section.documentId ? 2 : 0) + (s.tags.some((t) => tags.has(t.slug)) ? 1 : 0);
  // Array.prototype.sort is stable, so the newest-first order holds within each group.
  const others = all.filter((s) => closeness(s) > 0).sort((a, b) => closeness(b) - closeness(a));
  const chosen: S[] = [];
  const seen = new Set([story.documentId]);
  for (const candidate of [...picks, ...others]) {
    if (chosen.length >= limit) break;
    if (seen.has(candidate.documentId)) continue;
    seen.add(candidate.documentId);
    chosen.push(candidate);
  }
  return chosen;
}
