import path from 'node:path';

/**
 * Where a release keeps what its build wrote for the site server and the fast-publish render
 * only: beside `client/` (what readers are served) and `server/` (its code), so no reader path
 * can ever resolve to it, however it is spelled.
 */
export const INTERNAL_DIR = 'internal';

/** Every published story's current path by story number (src/internal/story-paths.json.ts). */
export const STORY_PATHS = '/story-paths.json';

/** How many stories each story list has, by its base path (src/internal/list-sizes.json.ts). */
export const LIST_SIZES = '/list-sizes.json';

/**
 * What a build wrote: `{ pages, reused }`, its HTML pages and how many of them it left as they
 * were (src/integrations/prune-stale-output.ts).
 */
export const BUILD_SUMMARY = '/build-summary.json';

/** The file of internal route `route` (e.g. `/story-paths.json`) in release folder `release`. */
export function internalFile(release: string, route: string): string {
  return path.join(release, INTERNAL_DIR, ...route.split('/').filter(Boolean));
}
