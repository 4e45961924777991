/**
 * What the site server and reader pages agree on for most-read (ยอดนิยม): where a story page
 * sends its view beacon and where the lists are read (server/src/most-read.ts counts,
 * src/scripts/most-read.ts shows).
 */

/** Where a story page sends its one beacon per load (its path as the body). */
export const MOST_READ_BEACON = '/_beacon/read';

/** The most-read lists, refreshed by the site server every minute. */
export const MOST_READ_PATH = '/most-read.json';

/** A story in a most-read list. */
export interface MostReadStory {
  path: string;
  title: string;
  /** The section's slug. */
  section: string;
  /** Views in the last 24 hours. */
  views: number;
}

/** The body of MOST_READ_PATH. */
export interface MostReadList {
  updatedAt: string;
  /** The site's most-read stories. */
  site: MostReadStory[];
  /** Each section's, by slug. */
  sections: Record<string, MostReadStory[]>;
}
