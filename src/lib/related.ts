import type { Story, StoryTeaser } from './newsroom';

/**
 * อ่านเพิ่มเติม: the editor's picks first (only those still published), then the newest
 * stories of the same section, without repeats and never the story itself.
 */
export function relatedStories(story: Story, all: Story[], limit = 4): StoryTeaser[] {
  const published = new Map(all.map((s) => [s.documentId, s]));
  const picks = story.relatedStories.flatMap((r) => published.get(r.documentId) ?? []);
  const sameSection = all.filter((s) => s.section.documentId === story.section.documentId);
  const chosen: StoryTeaser[] = [];
  const seen = new Set([story.documentId]);
  for (const candidate of [...picks, ...sameSection]) {
    if (chosen.length >= limit) break;
    if (seen.has(candidate.documentId)) continue;
    seen.add(candidate.documentId);
    chosen.push(candidate);
  }
  return chosen;
}
