import { archivePath, PAGE_SIZE } from '../../shared/list-archive';
import { t } from '../i18n/t';
import { authorPath, sectionPath, tagPath } from './urls';

/** One page of a story list: the list's own page (its newest stories) or an archive page. */
export interface ListingPage<T> {
  /** URL path: the list's base path, or `{base}/archive/{n}`. */
  path: string;
  /** The archive page's number, counted from the list's oldest story; null on the list's own page. */
  number: number | null;
  /** Newest first. */
  stories: T[];
  /** The page of the next newer stories. */
  newer: string | null;
  /** The page of the next older stories. */
  older: string | null;
}

/**
 * Splits a story list (newest first) into pages whose URLs and contents do not move when a story
 * is published. Archive pages hold full pages of `size` stories counted from the oldest, so
 * archive page 1 holds the list's first `size` stories for ever; the list's own page shows the
 * newest `size` (the stories not yet on a full archive page, and the newest of the last one).
 * A publish therefore changes the list's own page, and once every `size` stories adds an archive
 * page (and the link to it from the one before); no other archive page changes. Every field is
 * shown on the page, so a page's cache key (and the fast publish's comparison) is the page
 * itself. An empty list still has its own (empty) page, so a new section
 * or tag has a page from the start.
 */
export function paginateStories<T>(base: string, stories: T[], size = PAGE_SIZE): ListingPage<T>[] {
  const count = stories.length;
  const archivePages = Math.floor(count / size);
  // The list's own page continues on the newest archive page, unless it shows exactly that page.
  const newestOlder = count % size > 0 ? archivePages : archivePages - 1;
  const pages: ListingPage<T>[] = [
    {
      path: base,
      number: null,
      stories: stories.slice(0, size),
      newer: null,
      older: newestOlder >= 1 ? archivePath(base, newestOlder) : null,
    },
  ];
  for (let n = archivePages; n >= 1; n--) {
    pages.push({
      path: archivePath(base, n),
      number: n,
      stories: stories.slice(count - n * size, count - (n - 1) * size),
      newer: n < archivePages ? archivePath(base, n + 1) : base,
      older: n > 1 ? archivePath(base, n - 1) : null,
    });
  }
  return pages;
}

/** One story list of the site: a section, a tag or an author, before it is paginated. */
export interface StoryList<S> {
  base: string;
  heading: string;
  description: string | null;
  /** What the list says while it has no stories. */
  empty: string;
  /** A tag's or an author's list names each story's section; a section's list does not. */
  showSection: boolean;
  /** A section's list: the section's slug (its most-read box). */
  section?: string;
  stories: S[];
}

/** What a story needs for the lists to find it. */
interface Listable {
  section: { documentId: string };
  tags: { documentId: string }[];
  authors: { documentId: string }[];
}

/**
 * Every story list of the site, each with its stories in the order given (newest first): one
 * per section, tag and author. The list pages and the sitemap both start here, so they can
 * never disagree about which list pages exist.
 */
export function storyLists<S extends Listable>(
  stories: S[],
  sections: { documentId: string; slug: string; name: string; description: string | null }[],
  tags: { documentId: string; slug: string; name: string }[],
  authors: { documentId: string; slug: string; name: string; bio: string | null }[],
): StoryList<S>[] {
  // One pass over the stories (not one per list: 27 lists × 10,000 stories took 0.3 s a build).
  const byId = new Map<string, S[]>();
  const add = (kind: string, id: string, story: S) => {
    const key = `${kind}:${id}`;
    const listed = byId.get(key);
    if (listed) listed.push(story);
    else byId.set(key, [story]);
  };
  for (const story of stories) {
    add('section', story.section.documentId, story);
    for (const tag of new Set(story.tags.map((x) => x.documentId))) add('tag', tag, story);
    for (const author of new Set(story.authors.map((x) => x.documentId))) add('author', author, story);
  }
  const listed = (kind: string, id: string) => byId.get(`${kind}:${id}`) ?? [];
  return [
    ...sections.map((s) => ({
      base: sectionPath(s.slug),
      heading: s.name,
      description: s.description,
      empty: t('section.empty'),
      showSection: false,
      section: s.slug,
      stories: listed('section', s.documentId),
    })),
    ...tags.map((tag) => ({
      base: tagPath(tag.slug),
      heading: t('tag.title', { name: tag.name }),
      description: null,
      empty: t('tag.empty'),
      showSection: true,
      stories: listed('tag', tag.documentId),
    })),
    ...authors.map((a) => ({
      base: authorPath(a.slug),
      heading: t('author.title', { name: a.name }),
      description: a.bio,
      empty: t('author.empty'),
      showSection: true,
      stories: listed('author', a.documentId),
    })),
  ];
}

/** The path of every page of `lists`: each list's own page and its archive pages. */
export function listPagePaths(lists: StoryList<unknown>[]): string[] {
  return lists.flatMap((list) => paginateStories(list.base, list.stories).map((page) => page.path));
}
