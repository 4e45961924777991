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
  // The lead is the newest story with a picture; the newest story when none has one.
  const lead = stories.find((s) => s.cover) ?? stories[0];
  const breaking: S[] = [];
  const latest: S[] = [];
  const bySection = new Map(sections.map((section) => [section.slug, [] as S[]]));
  // One pass that stops once every part is full: the fast publish chooses from the whole
  // archive (100,000 stories) on every batch, where a filter per part walked it ten times.
  let open = BREAKING_STORIES + LATEST_STORIES + sections.length * SECTION_BLOCK_STORIES;
  for (const story of stories) {
    if (open === 0) break;
    if (story.isBreaking && breaking.length < BREAKING_STORIES) {
      breaking.push(story);
      open--;
    }
    if (story !== lead && latest.length < LATEST_STORIES) {
      latest.push(story);
      open--;
    }
    const block = bySection.get(story.section.slug);
    if (block && block.length < SECTION_BLOCK_STORIES) {
      block.push(story);
      open--;
    }
  }
  const blocks = sections
    .map((section) => ({ section, stories: bySection.get(section.slug)! }))
    .filter((block) => block.stories.length > 0);
  return { breaking, lead, latest, blocks };
}
