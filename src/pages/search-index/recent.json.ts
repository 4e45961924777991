import type { APIRoute } from 'astro';
import { NO_RECENT_CHANGES } from '../../lib/search';
import { searchFileResponse } from '../../lib/server/search-index';

/**
 * What fast publishes changed in the search index since this build: nothing, since the build's
 * buckets and chunks hold every published story. A fast publish over this release rewrites it
 * (src/internal/fast-publish/file/).
 */
export const GET: APIRoute = () => searchFileResponse(JSON.stringify(NO_RECENT_CHANGES));
