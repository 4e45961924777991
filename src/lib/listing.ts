import { t } from '../i18n/t';
import type { StoryTeaser } from './story';
import { authorPath, sectionPath, tagPath } from './urls';

/** Stories per list page: enough to scroll on a phone without a very long page. */
export const PAGE_SIZE = 20;

/** One page of a story list. */
export interface ListingPage<T> {
  /** URL path of this page: the list's base path, then `/page/{n}` from page 2 on. */
  path: string;
  number: number;
  total: number;
  stories: T[];
  prev: string | null;
  next: string | null;
}

/** URL path of page `n` of the list at `base`; page 1 is the base itself, so it never moves. */
export function pagePath(base: string, n: number): string {
  return n === 1 ? base : `${base}/page/${n}`;
}

/**
 * Splits a story list into pages with stable URLs. An empty list still has one (empty)
 * page, so a new section or tag has a page from the start.
 */
export function paginateStories<T extends Pick<StoryTeaser, 'documentId'>>(
  base: string,
  stories: T[],
  size = PAGE_SIZE,
): ListingPage<T>[] {
  const total = Math.max(1, Math.ceil(stories.length / size));
  return Array.from({ length: total }, (_, i) => {
    const number = i + 1;
    return {
      path: pagePath(base, number),
      number,
      total,
      stories: stories.slice(i * size, (i + 1) * size),
      prev: number > 1 ? pagePath(base, number - 1) : null,
      next: number < total ? pagePath(base, number + 1) : null,
    };
  });
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
