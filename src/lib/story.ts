/** Story facts that need no content layer, so pure modules and unit tests can use them. */

/** What a story list shows of a story: enough to link it, date it and summarise it. */
export interface StoryTeaser {
  documentId: string;
  title: string;
  storyNumber: number;
  excerpt: string | null;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  section: { name: string; slug: string };
  /** Set on a live coverage only: lists badge it while it is `live`. */
  liveState?: 'live' | 'ended' | null;
}

/** When the story first ran; Strapi's publishedAt for stories saved before that field existed. */
export function publishedTime(story: { firstPublishedAt: string | null; publishedAt: string | null }): number {
  return Date.parse(story.firstPublishedAt ?? story.publishedAt ?? '1970-01-01T00:00:00Z');
}

/**
 * Stories newest first by first publication (the higher story number first at the same
 * time): the order of every list. Each date is parsed once, not in every comparison: with
 * 10,000 stories a sort compares about 130,000 pairs.
 */
export function sortStories<S extends StoryTeaser>(stories: S[]): S[] {
  const timed = stories.map((story) => ({ story, time: publishedTime(story) }));
  timed.sort((a, b) => b.time - a.time || b.story.storyNumber - a.story.storyNumber);
  return timed.map(({ story }) => story);
}

/**
 * `sorted` (newest first, as sortStories() orders) with `added` put in their places, as
 * sortStories() would place them. A batch's few stories go into the whole archive with a binary
 * search each, where sorting the archive again took 40 ms a fast publish at 100,000 stories.
 */
export function insertStories<S extends StoryTeaser>(sorted: readonly S[], added: readonly S[]): S[] {
  const result = [...sorted];
  for (const story of added) {
    const time = publishedTime(story);
    let low = 0;
    let high = result.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = result[mid]!;
      const otherTime = publishedTime(other);
      if (otherTime > time || (otherTime === time && other.storyNumber > story.storyNumber)) low = mid + 1;
      else high = mid;
    }
    result.splice(low, 0, story);
  }
  return result;
}

/**
 * Just the teaser fields of a story. Lists pass teasers, not whole stories, so a page's cache
 * key covers what its lists show and an edit to another story's body does not re-render it.
 */
export function toTeaser(story: StoryTeaser): StoryTeaser {
  const { documentId, title, storyNumber, excerpt, firstPublishedAt, publishedAt, section, liveState } = story;
  return {
    documentId,
    title,
    storyNumber,
    excerpt,
    firstPublishedAt,
    publishedAt,
    section: { name: section.name, slug: section.slug },
    // Only a live coverage carries it, so every other teaser (and the cache keys and search
    // chunks made of teasers) stays as it was.
    ...(liveState ? { liveState } : {}),
  };
}

/**
 * Sections in the editor-chosen order, then by Thai name: the order of the header's menu, the
 * footer and every list of sections, whether they come from the content layer or the CMS.
 */
export function sortSections<S extends { order: number; name: string }>(sections: S[]): S[] {
  return sections.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'th'));
}

/** The range (0, 1, …) of `size` story numbers that holds a story: 0 for 1–size, 1 for size+1–2·size, … */
export function storyNumberRange(storyNumber: number, size: number): number {
  return Math.floor((storyNumber - 1) / size);
}

/**
 * Stories grouped by ranges of `size` story numbers, in range order, each group in the order
 * given. A story's number never changes, so it never moves to another range: the search index
 * and the story sitemaps are published per range, and a publish re-renders only the ranges of
 * the stories that changed.
 */
export function byStoryNumberRange<S extends { storyNumber: number }>(
  stories: S[],
  size: number,
): { id: number; stories: S[] }[] {
  const groups = new Map<number, S[]>();
  for (const story of stories) {
    const id = storyNumberRange(story.storyNumber, size);
    const group = groups.get(id);
    if (group) group.push(story);
    else groups.set(id, [story]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([id, members]) => ({ id, stories: members }));
}
