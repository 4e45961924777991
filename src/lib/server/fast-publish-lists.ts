/**
 * Which story list pages a fast publish renders: the pages of the lists its stories were or
 * are in (section, tags, authors) that show something else after the batch than before it.
 * Lists are cut into pages by src/lib/listing.ts, so a publish changes a list's own page (and,
 * every 20 stories, adds an archive page and the link to it); a takedown or a changed headline
 * changes the pages that showed the story. Pure: the plan (fast-publish-plan.ts) calls it.
 */
import { paginateStories, storyLists, type ListingPage, type StoryList } from '../listing';
import { toTeaser, type StoryTeaser } from '../story';

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

/** The lists the `stories` are in, by kind: the sections, tags and authors by documentId. */
function listIds(stories: ListedStory[]) {
  return {
    sections: new Set(stories.map((story) => story.section.documentId)),
    tags: new Set(stories.flatMap((story) => story.tags.map((tag) => tag.documentId))),
    authors: new Set(stories.flatMap((story) => story.authors.map((author) => author.documentId))),
  };
}

/** True when the story is in one of the lists of `ids`. */
function inLists(story: ListedStory, ids: ReturnType<typeof listIds>): boolean {
  return (
    ids.sections.has(story.section.documentId) ||
    story.tags.some((tag) => ids.tags.has(tag.documentId)) ||
    story.authors.some((author) => ids.authors.has(author.documentId))
  );
}

/** A list page of stories as the catalog holds them (teasers are made for the pages that change). */
interface ListedPage {
  list: ListPageRender['list'];
  page: ListingPage<ListedStory>;
}

/** The pages of the lists of `ids`, by path, from `stories` (newest first). */
function pagesOf(
  stories: ListedStory[],
  ids: ReturnType<typeof listIds>,
  records: ListRecords,
): Map<string, ListedPage> {
  // Only the touched lists, from only their stories: one cheap pass over the archive, not a
  // pagination of every list.
  const lists = storyLists(
    stories.filter((story) => inLists(story, ids)),
    records.sections.filter((s) => ids.sections.has(s.documentId)),
    records.tags.filter((s) => ids.tags.has(s.documentId)),
    records.authors.filter((s) => ids.authors.has(s.documentId)),
  );
  const pages = new Map<string, ListedPage>();
  for (const { stories: listed, ...list } of lists) {
    for (const page of paginateStories(list.base, listed)) pages.set(page.path, { list, page });
  }
  return pages;
}

/** True when a list shows the two stories alike: the same catalog entry, or equal teasers. */
const sameTeaser = (a: ListedStory, b: ListedStory | undefined): boolean =>
  a === b || (b !== undefined && JSON.stringify(toTeaser(a)) === JSON.stringify(toTeaser(b)));

/**
 * True when two versions of a list page show the same: the same links and stories. Stories the
 * batch left alone are the same objects before and after, so most pages of a long list compare
 * by reference, where comparing every page's teasers as JSON took most of a plan at 100,000 stories.
 */
function samePage(a: ListingPage<ListedStory>, b: ListingPage<ListedStory>): boolean {
  return (
    JSON.stringify({ ...a, stories: [] }) === JSON.stringify({ ...b, stories: [] }) &&
    a.stories.length === b.stories.length &&
    a.stories.every((story, i) => sameTeaser(story, b.stories[i]))
  );
}

/**
 * The list pages that differ between `before` and `after` (the stories published before and
 * after the batch, each newest first as the catalog holds them) for the lists that `touched` stories (their versions before and after) are
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
  const ids = listIds(touched);
  const old = pagesOf(before, ids, records);
  const now = pagesOf(after, ids, records);
  const changed = [...now.values()]
    .filter(({ page }) => {
      const was = old.get(page.path)?.page;
      return !was || !samePage(was, page);
    })
    // Readers reach the lists' own pages first: they go before any archive page.
    .sort((a, b) => Number(a.page.number !== null) - Number(b.page.number !== null));
  const gone = [...old.keys()].filter((path) => !now.has(path));
  return {
    pages: changed
      .slice(0, limit)
      .map(({ list, page }) => ({ list, page: { ...page, stories: page.stories.map(toTeaser) } })),
    gone,
    left: Math.max(0, changed.length - limit),
    pageSetChanged: gone.length > 0 || [...now.keys()].some((path) => !old.has(path)),
  };
}
