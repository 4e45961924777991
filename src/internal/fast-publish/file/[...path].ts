import type { APIRoute } from 'astro';
import { sectionFeed, siteFeed } from '../../../lib/feed';
import { listPagePaths, storyLists } from '../../../lib/listing';
import { isLiveCoverage, liveJson, liveJsonPath } from '../../../lib/live';
import { NEWS_SITEMAP_PATH, newsSitemap } from '../../../lib/news-sitemap';
import { fastPublishAllowed, fastPublishRender } from '../../../lib/server/fast-publish-render';
import {
  PAGES_SITEMAP_PATH,
  pagesSitemapXml,
  SITEMAP_INDEX_PATH,
  sitemapIndexXml,
  storySitemapAt,
  storySitemapOf,
  storySitemaps,
  storySitemapXml,
  xmlResponse,
} from '../../../lib/sitemap';
import { SITE_FEED_PATH, sectionFeedPath } from '../../../lib/urls';
import { searchIndexPath } from '../../../lib/search';
import { searchFileResponse } from '../../../lib/server/search-index';

/**
 * A feed, sitemap, live-coverage JSON or the search index's recent changes that a fast-publish
 * batch changes (its plan's `files`), written by the same functions as the build's routes
 * (src/pages/) from the catalog with the batch applied.
 */
export const GET: APIRoute = async ({ request, params, site }) => {
  if (!fastPublishAllowed(request)) return new Response('Not found', { status: 404 });
  const { plan, catalog, search } = await fastPublishRender(request);
  if (!plan.ok || !catalog) return new Response(plan.ok ? 'no catalog' : plan.reason, { status: 409 });
  const file = `/${params.path ?? ''}`;
  if (!site || !plan.files.includes(file)) return new Response('not in this batch', { status: 404 });
  const { stories } = plan;
  const { global, sections } = catalog.frame;
  if (file === SITE_FEED_PATH) return siteFeed(global, site, stories);
  if (file === searchIndexPath.recent && search) return searchFileResponse(JSON.stringify(search.live));
  if (file === NEWS_SITEMAP_PATH) return xmlResponse(newsSitemap(stories, site, global.siteName, Date.now()));
  if (file === SITEMAP_INDEX_PATH) return xmlResponse(sitemapIndexXml(stories, site));
  if (file === PAGES_SITEMAP_PATH) {
    const lists = storyLists(stories, sections, catalog.tags, catalog.authors);
    return xmlResponse(pagesSitemapXml(listPagePaths(lists), site));
  }
  const live = plan.changed.find((s) => liveJsonPath(s.storyNumber) === file);
  if (live && isLiveCoverage(live)) return Response.json(liveJson(live));
  const section = sections.find((s) => sectionFeedPath(s.slug) === file);
  if (section) {
    return sectionFeed(
      section,
      global,
      site,
      stories.filter((s) => s.section.documentId === section.documentId),
    );
  }
  const id = storySitemapAt(file);
  const [sitemap] = storySitemaps(stories.filter((s) => storySitemapOf(s.storyNumber) === id));
  // A story sitemap whose stories were all taken down: the build drops it.
  if (!sitemap) return new Response('no stories left in this sitemap', { status: 409 });
  return xmlResponse(storySitemapXml(sitemap, site));
};
