/**
 * The decision of one fast-publish batch: given the live release's catalog and the takedowns the
 * webhook hinted at, reads what changed in the CMS and either plans the pages to render or
 * declines, leaving the batch to the full build. Kept apart from the route (lib/server/fast-publish-render.ts)
 * so that it runs against any CMS client, a fake one in the unit tests included.
 */
import type { CmsClient } from './cms/client';
import { CmsListTooLongError, CmsValidationError } from './cms/errors';
import { changedSince, recentChanges, versions } from './cms/loader';
import { populate } from './cms/populate';
import { publishedArticleSchema } from './cms/story-schema';
import { validateEntries } from './cms/validate';
import { planFastPublish, shownStories, type FastPublishCatalog, type FastPublishPlan } from './fast-publish-plan';

/**
 * The most stories updated since the catalog's newest change (less the overlap) that a batch
 * lists: a few in a newsroom's minute, thousands after a bulk import. Listing 10,000 takes
 * about 1.5 s, still far quicker than the full build; listing 100,000 took longer than the
 * fast publish may (15 s), so beyond this the full build that follows publishes them.
 */
export const FAST_PUBLISH_MAX_RECENT = 20_000;

/** What one fast-publish batch renders from. */
export interface FastPublishRender {
  plan: FastPublishPlan;
  catalog: FastPublishCatalog | null;
}

const decline = (reason: string, catalog: FastPublishCatalog | null = null): FastPublishRender => ({
  plan: { ok: false, reason },
  catalog,
});

/**
 * Plans the batch over `catalog`, or declines when the CMS does not agree with what the plan
 * would show: a story published or taken down between its reads (the published count does
 * not add up), a story that fails validation, or a story shown on a page that changed or was
 * unpublished before the plan was made. `hints` are the documentIds Strapi's webhook named in
 * unpublish and delete events: checked against the CMS, never trusted. `lap` is told as each
 * step ends (shared/step-timer.ts): the status record shows where a plan's time went.
 */
export async function decideBatch(
  client: CmsClient,
  catalog: FastPublishCatalog,
  hints: string[],
  lap: (step: string) => void = () => {},
): Promise<FastPublishRender> {
  const stored = new Map(catalog.stories.map((story) => [story.documentId, story.updatedAt]));
  // A takedown named by the webhook counts only if the CMS no longer publishes that story.
  const hinted = hints.filter((documentId) => stored.has(documentId));
  const stillPublished = hinted.length
    ? new Set(
        (await versions(client, 'articles', ['storyNumber:asc'], { documentId: { $in: hinted } })).map(
          (v) => v.documentId,
        ),
      )
    : new Set<string>();
  const gone = hinted.filter((documentId) => !stillPublished.has(documentId));
  for (const documentId of gone) stored.delete(documentId);
  // As the loader syncs: the recent window's (documentId, updatedAt) pairs, then only the
  // stories whose updatedAt differs are read in full (after a bulk import the window holds
  // thousands of unchanged ones).
  lap('takedowns');
  const since = changedSince(catalog.stories, catalog.readFrom);
  let changes;
  try {
    changes = await recentChanges(
      client,
      'articles',
      { populate: populate.article, sort: ['storyNumber:asc'] },
      since,
      [...stored.keys()],
      (id) => stored.get(id),
      FAST_PUBLISH_MAX_RECENT,
    );
  } catch (error) {
    if (!(error instanceof CmsListTooLongError)) throw error;
    return decline(
      `${error.total} stories were updated in the CMS since ${since} (a bulk import?), more than the ` +
        `${FAST_PUBLISH_MAX_RECENT} a fast publish lists: the full build publishes them`,
      catalog,
    );
  }
  if (!('raw' in changes)) {
    return decline(
      `the CMS publishes ${changes.published} stories last updated before the build, not the ${changes.known} ` +
        `the build knows less those updated since and ${gone.length} taken down (of ${hints.length} the ` +
        'webhook named): another was unpublished or deleted, or edited during the check',
      catalog,
    );
  }
  lap('changes');
  let changed;
  try {
    changed = validateEntries('articles', publishedArticleSchema, changes.raw);
  } catch (error) {
    // The full build names the bad story and fails; the fast-publish render steps aside for it.
    if (error instanceof CmsValidationError) return decline(error.message, catalog);
    throw error;
  }
  const plan = planFastPublish(catalog, changed, changes.present.size, gone);
  if (!plan.ok) return { plan, catalog };
  lap('plan');

  // Everything shown must still be published at the version shown.
  const shown = shownStories(plan, catalog.frame.sections);
  const current = new Map(
    (await versions(client, 'articles', ['storyNumber:asc'], { documentId: { $in: [...shown.keys()] } })).map((v) => [
      v.documentId,
      v.updatedAt,
    ]),
  );
  for (const [documentId, updatedAt] of shown) {
    if (current.get(documentId) !== updatedAt) {
      return decline(`story ${documentId} changed or was unpublished during the batch`, catalog);
    }
  }
  lap('shown');
  return { plan, catalog };
}
