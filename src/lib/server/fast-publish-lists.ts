/**
 * Which story list pages a fast publish renders: the pages of the lists its stories were or
 * are in (section, tags, authors) that show something else after the batch than before it.
 * Lists are cut into pages by src/lib/listing.ts, so a publish changes a list's own page (and,
 * every 20 stories, adds an archive page and the link to it); a takedown or a changed headline
 * changes the pages that showed the story. Pure: the plan (fast-publish-plan.ts) calls it.
 */
import { paginateStories, storyLists, type ListingPage, type StoryList } from '../listing';
import { sortStories, toTeaser, type StoryTeaser } from '../story';

/** A story as the lists see it: a teaser with the lists it is in. */
export interface ListedStory extends StoryTeaser {
  section: StoryTeaser['section'] & { documentId: string };
  tags: { documentId: string }[];
  authors: { documentId: string }[];
}

/** The section, tag and author records the lists are named after (as storyLists() takes them). */
export interface ListRecords {
  sections: Parameters<typeof storyLists>[1];
  tags: Parameters<typeof storyLists>[2];
  authors: Parameters<typeof storyLists>[3];
}

/** A list page to render: the list it belongs to (without its stories) and the page. */
export interface ListPageRender {
  list: Omit<StoryList<unknown>, 'stories'>;
  page: ListingPage<StoryTeaser>;
}

/** What a batch changes in the story lists. */
export interface ListChanges {
  /** Pages to render, each list's own page first, then its archive pages newest first. */
  pages: ListPageRender[];
  /** Archive pages that no longer exist (a list lost its newest full page): they answer 404. */
  gone: string[];
  /** Pages beyond `limit`, left to the full build. */
  left: number;
  /** True when a list gained or lost an archive page: the pages sitemap changes. */
  pageSetChanged: boolean;
}

/** The keys of the lists a story is in. */
function listKeys(story: ListedStory): string[] {
  return [
    `section:${story.section.documentId}`,
    ...story.tags.map((tag) => `tag:${tag.documentId}`),
    ...story.authors.map((author) => `author:${author.documentId}`),
  ];
}

/** The pages of the lists named by `keys`, by path, from `stories` (in any order). */
function pagesOf(stories: ListedStory[], keys: Set<string>, records: ListRecords) {
  // Only the touched lists, from only their stories: one cheap pass over the archive, not a
  // pagination of every list.
  const members = sortStories(stories.filter((story) => listKeys(story).some((key) => keys.has(key))));
  const lists = storyLists(
    members,
    records.sections.filter((s) => keys.has(`section:${s.documentId}`)),
    records.tags.filter((s) => keys.has(`tag:${s.documentId}`)),
    records.authors.filter((s) => keys.has(`author:${s.documentId}`)),
  );
  const pages = new Map<string, ListPageRender>();
  for (const { stories: listed, ...list } of lists) {
    for (const page of paginateStories(list.base, listed.map(toTeaser))) pages.set(page.path, { list, page });
  }
  return pages;
}

/**
 * The list pages that differ between `before` and `after` (the stories published before and
 * after the batch) for the lists that `touched` stories (their versions before and after) are
 * in: what the full build would re-render of the lists. At most `limit` pages are returned, own
 * pages first.
 */
export function changedListPages(
  before: ListedStory[],
  after: ListedStory[],
  touched: ListedStory[],
  records: ListRecords,
  limit: number,
): ListChanges {
  const keys = new Set(touched.flatMap(listKeys));
  const old = pagesOf(before, keys, records);
  const now = pagesOf(after, keys, records);
  const changed = [...now.values()]
    .filter(({ page }) => {
      const was = old.get(page.path)?.page;
      return !was || JSON.stringify(was) !== JSON.stringify(page);
    })
    // Readers reach the lists' own pages first: they go before any archive page.
    .sort((a, b) => Number(a.page.number !== null) - Number(b.page.number !== null));
  const gone = [...old.keys()].filter((path) => !now.has(path));
  return {
    pages: changed.slice(0, limit),
    gone,
    left: Math.max(0, changed.length - limit),
    pageSetChanged: gone.length > 0 || [...now.keys()].some((path) => !old.has(path)),
  };
}
