import type { StoryTeaser } from './newsroom';

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
