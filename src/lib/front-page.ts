/** What the front page shows, chosen from the stories alone, so every renderer of it agrees. */

/** Stories in the latest list, after the lead. */
export const LATEST_STORIES = 8;
/** Stories in each section's block. */
export const SECTION_BLOCK_STORIES = 4;
/** Stories in the breaking strip. */
export const BREAKING_STORIES = 3;
/** Videos the front page recommends. */
export const RECOMMENDED_VIDEOS = 4;

/** What choosing the front page needs to know of a story. */
export interface FrontPageStory {
  documentId: string;
  isBreaking: boolean;
  cover?: unknown;
  section: { slug: string };
}

/** The front page's stories: breaking strip, lead, latest list and one block per section. */
export interface FrontPageSelection<S, C> {
  breaking: S[];
  lead: S | undefined;
  latest: S[];
  blocks: { section: C; stories: S[] }[];
}

/**
 * Chooses the front page from every published story, newest first (as getStories() and
 * sortStories() order them), and the sections in menu order. Each part is a prefix of a
 * filtered list, so the choice from all stories equals the choice from any subset that
 * holds each part's candidates.
 */
export function frontPageSelection<S extends FrontPageStory, C extends { slug: string }>(
  stories: S[],
  sections: C[],
): FrontPageSelection<S, C> {
  const breaking = stories.filter((s) => s.isBreaking).slice(0, BREAKING_STORIES);
  // The lead is the newest story with a picture; the newest story when none has one.
  const lead = stories.find((s) => s.cover) ?? stories[0];
  const latest = stories.filter((s) => s !== lead).slice(0, LATEST_STORIES);
  const blocks = sections
    .map((section) => ({
      section,
      stories: stories.filter((s) => s.section.slug === section.slug).slice(0, SECTION_BLOCK_STORIES),
    }))
    .filter((block) => block.stories.length > 0);
  return { breaking, lead, latest, blocks };
}
