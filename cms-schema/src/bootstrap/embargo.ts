import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
/** How often due stories are looked for: a story goes live at most this late (plus the site build). */
const CHECK_RULE = '*/2 * * * * *';

// A story that failed to publish (say, it has no section) is reported once per scheduled time,
// not every two seconds; editing the time or the story schedules a new attempt.
const reported = new Set<string>();

/**
 * Publishes every story whose scheduled time (`scheduledAt`, an embargo) has come. The time
 * is cleared first, so unpublishing the story later does not bring it back. Publishing goes
 * through the Document Service, so the article rules apply and the site's publish webhook
 * fires exactly as for a manual publish.
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
    try {
      await strapi.documents(ARTICLE).publish({ documentId: story.documentId });
      // Clear the time on both versions (draft and the new published copy) without
      // creating a new draft revision.
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId: story.documentId },
        data: { scheduledAt: null },
      });
      published++;
      strapi.log.info(`[newsroom] embargo lifted: story ${story.storyNumber} "${story.title}" published`);
    } catch (error) {
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
