import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
/** How often due stories are looked for: a story goes live at most this late (plus the site build). */
const CHECK_RULE = '*/2 * * * * *';

// A story that failed to publish (say, it has no section) is reported once per scheduled time,
// not every two seconds; editing the time or the story schedules a new attempt.
const reported = new Set<string>();

/**
 * Publishes every story whose scheduled time (`scheduledAt`, an embargo) has come. Each due
 * story is first claimed: one conditional UPDATE clears its time only if it still holds the
 * time read, so when several CMS instances run this task at the same moment exactly one of
 * them publishes the story (the database lets one UPDATE through and the others then match
 * nothing). The cleared time also means unpublishing the story later does not bring it back.
 * Publishing goes through the Document Service, so the article rules apply and the site's
 * publish webhook fires exactly as for a manual publish.
 */
export async function publishDueStories(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const due = (await strapi.documents(ARTICLE).findMany({
    status: 'draft',
    filters: { scheduledAt: { $lte: now.toISOString() } },
    fields: ['documentId', 'title', 'storyNumber', 'scheduledAt'],
  })) as unknown as { documentId: string; title: string; storyNumber: number; scheduledAt: string }[];
  let published = 0;
  for (const story of due) {
    const key = `${story.documentId}@${story.scheduledAt}`;
    if (reported.has(key)) continue;
    const claim = await strapi.db.query(ARTICLE).updateMany({
      where: { documentId: story.documentId, scheduledAt: story.scheduledAt, publishedAt: null },
      data: { scheduledAt: null },
    });
    if (claim.count === 0) continue; // another instance claimed it, or an editor changed the time
    try {
      await strapi.documents(ARTICLE).publish({ documentId: story.documentId });
      published++;
      strapi.log.info(`[newsroom] embargo lifted: story ${story.storyNumber} "${story.title}" published`);
    } catch (error) {
      // The time goes back, so the story stays scheduled where editors see it; reported once.
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId: story.documentId, publishedAt: null },
        data: { scheduledAt: story.scheduledAt },
      });
      reported.add(key);
      const reason = error instanceof Error ? error.message : String(error);
      strapi.log.error(
        `[newsroom] story ${story.storyNumber} "${story.title}" was due at ${story.scheduledAt} but cannot be published: ${reason}`,
      );
    }
  }
  return published;
}

/** Checks for due stories every two seconds. */
export function scheduleEmbargoes(strapi: Core.Strapi): void {
  strapi.cron.add({
    newsroomEmbargo: {
      task: async () => {
        try {
          await publishDueStories(strapi);
        } catch (error) {
          strapi.log.error(
            `[newsroom] embargo check failed: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      },
      options: { rule: CHECK_RULE },
    },
  });
}
