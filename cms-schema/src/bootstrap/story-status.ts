import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';

/**
 * Where a story stands on the live site, as the edit view's side panel shows it
 * (src/admin/story-status-panel.tsx):
 * - `live`: published, and the site serves its page;
 * - `publishing`: published, and the site does not serve it yet (a build is on its way or failed);
 * - `takedown-pending`: not published, and the site still serves its page;
 * - `offline`: not published, and not on the site;
 * - `unknown`: the site did not answer.
 */
export interface StoryStatus {
  state: 'live' | 'publishing' | 'takedown-pending' | 'offline' | 'unknown';
  /** The story's page on the public site. */
  url: string | null;
  firstPublishedAt: string | null;
  /** When this version was published (Strapi moves it on every re-publish). */
  publishedAt: string | null;
  /** When the page the site serves now was written. */
  pageSince: string | null;
  /** Why the site is behind: the last build's failure, or the site not answering. */
  problem: string | null;
}

/** What the site server's /_hooks/page answers (server/src/site-server.ts). */
interface PageStatus {
  live: boolean;
  pageSince: string | null;
  lastBuild: { result: string; error: string | null } | null;
}

interface StoryFields {
  storyNumber?: number;
  firstPublishedAt?: string | null;
  publishedAt?: string | null;
  section?: { slug?: string } | null;
}

/** The site's answer for a page, or the reason there is none. */
async function pageStatus(pathname: string): Promise<PageStatus | string> {
  const hook = process.env.PUBLISH_HOOK_URL;
  const secret = process.env.PUBLISH_HOOK_SECRET;
  if (!hook || !secret) return 'PUBLISH_HOOK_URL is not set: the CMS does not know the site';
  const url = new URL(`/_hooks/page?path=${encodeURIComponent(pathname)}`, hook);
  try {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${secret}` },
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return `the site answered ${response.status}`;
    return (await response.json()) as PageStatus;
  } catch (error) {
    return `the site did not answer (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Compares what the CMS publishes with what the site serves, for one story. */
export async function storyStatus(strapi: Core.Strapi, documentId: string): Promise<StoryStatus | null> {
  const read = (status: 'draft' | 'published') =>
    strapi.documents(ARTICLE).findOne({
      documentId,
      status,
      fields: ['storyNumber', 'firstPublishedAt', 'publishedAt'],
      populate: { section: { fields: ['slug'] } },
    } as never) as Promise<StoryFields | null>;
  const [published, draft] = await Promise.all([read('published'), read('draft')]);
  const story = published ?? draft;
  if (!story) return null;
  const section = story.section?.slug;
  const pathname = section && story.storyNumber ? `/news/${section}/${story.storyNumber}` : null;
  const siteUrl = (process.env.SITE_URL ?? '').replace(/\/$/, '');
  const base: StoryStatus = {
    state: published ? 'publishing' : 'offline',
    url: pathname && siteUrl ? `${siteUrl}${pathname}` : pathname,
    firstPublishedAt: story.firstPublishedAt ?? null,
    publishedAt: published?.publishedAt ?? null,
    pageSince: null,
    problem: null,
  };
  if (!pathname) return base;
  const page = await pageStatus(pathname);
  if (typeof page === 'string') return { ...base, state: 'unknown', problem: page };
  const state = published ? (page.live ? 'live' : 'publishing') : page.live ? 'takedown-pending' : 'offline';
  const failed = page.lastBuild?.result === 'failed' ? (page.lastBuild.error ?? '').split('\n')[0] || 'failed' : null;
  return { ...base, state, pageSince: page.pageSince, problem: failed };
}

/**
 * An admin route, `GET /newsroom/story-status/:documentId`: any signed-in editor may
 * see where a story stands on the site (nothing secret: the site's answer, through the CMS,
 * so the publish hook's secret never reaches a browser).
 */
export function registerStoryStatusRoute(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    routes: [
      {
        method: 'GET',
        path: '/newsroom/story-status/:documentId',
        handler: async (ctx: { params: { documentId: string }; status: number; body: unknown }) => {
          const { documentId } = ctx.params;
          const status = /^[a-z0-9]{1,64}$/.test(documentId) ? await storyStatus(strapi, documentId) : null;
          ctx.status = status ? 200 : 404;
          ctx.body = status ?? { error: 'no such story' };
        },
        config: { policies: ['admin::isAuthenticatedAdmin'] },
      },
    ],
  } as never);
}
