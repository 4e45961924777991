import type { APIRoute } from 'astro';
import { CORRECTIONS_PATH } from '../../lib/notes';
import { catalogStory } from '../../lib/server/fast-publish-plan';
import { fastPublishAllowed, fastPublishRender } from '../../lib/server/fast-publish-render';

/**
 * The fast-publish batch's plan: the story pages, list pages, feeds and sitemaps to render with
 * the front page, or why the full build alone must publish this batch. The site server's
 * publisher asks it first.
 */
export const GET: APIRoute = async ({ request }) => {
  if (!fastPublishAllowed(request)) return new Response('Not found', { status: 404 });
  const { plan, search, steps } = await fastPublishRender(request);
  const body = plan.ok
    ? {
        ok: true,
        pages: plan.pages,
        removed: plan.removed,
        filesGone: plan.filesGone,
        lists: [...plan.lists.keys()],
        listsGone: plan.listsGone,
        listsLeft: plan.listsLeft,
        files: plan.files,
        corrections: plan.corrections ? CORRECTIONS_PATH : null,
        steps,
        // What this batch changes in the catalog: kept with its release for the next plan.
        delta: {
          stories: plan.changed.map(catalogStory),
          removed: plan.removed.map((story) => story.documentId),
          ...(search ? { search: search.batch } : {}),
        },
      }
    : plan;
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
};
