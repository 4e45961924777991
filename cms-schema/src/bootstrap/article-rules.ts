import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const ARTICLE = 'api::article.article';
const SECTION_REQUIRED = 'ต้องเลือกหมวดข่าว (section) ก่อนเผยแพร่';
const COUNTER = { type: 'api', name: 'article', key: 'lastStoryNumber' } as const;

// One Strapi process assigns numbers; chaining the assignments keeps two simultaneous
// creates from reading the same counter value. (Several Strapi processes on one
// PostgreSQL would need a database sequence instead.)
let queue: Promise<unknown> = Promise.resolve();

/** Returns the next story number, never one used before, even by a deleted story. */
function nextStoryNumber(strapi: Core.Strapi): Promise<number> {
  const task = queue.then(async () => {
    const stored = Number((await strapi.store.get(COUNTER)) ?? 0);
    const [highest] = await strapi.db.query(ARTICLE).findMany({
      select: ['storyNumber'],
      where: { storyNumber: { $notNull: true } },
      orderBy: { storyNumber: 'desc' },
      limit: 1,
    });
    const next = Math.max(stored, Number(highest?.storyNumber ?? 0)) + 1;
    await strapi.store.set({ ...COUNTER, value: next });
    return next;
  });
  queue = task.catch(() => undefined);
  return task;
}

/** Finds the story number a document already has, in any of its versions. */
async function existingStoryNumber(strapi: Core.Strapi, documentId: string): Promise<number | null> {
  const row = await strapi.db.query(ARTICLE).findOne({
    select: ['storyNumber'],
    where: { documentId, storyNumber: { $notNull: true } },
  });
  return row?.storyNumber ?? null;
}

function hasSection(section: unknown): boolean {
  if (section === null || section === undefined) return false;
  if (Array.isArray(section)) return section.length > 0;
  if (typeof section === 'object') {
    const { connect, set } = section as { connect?: unknown[]; set?: unknown[] };
    const list = set ?? connect;
    return list === undefined || list.length > 0;
  }
  return true;
}

/**
 * Article rules enforced in the Document Service, so they hold for the admin, the REST
 * API and scripts alike: the story number is assigned at creation and never changes,
 * a story cannot be published without a section, and its first publication time is kept.
 */
export function registerArticleRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== ARTICLE) return next();
    const params = context.params as {
      documentId?: string;
      status?: string;
      data?: Record<string, unknown>;
    };

    if (context.action === 'create' || context.action === 'clone') {
      params.data = { ...params.data, storyNumber: await nextStoryNumber(strapi) };
      if (params.status === 'published') {
        if (!hasSection(params.data.section)) throw new errors.ValidationError(SECTION_REQUIRED);
        params.data.firstPublishedAt ??= new Date().toISOString();
      }
    }

    if (context.action === 'update' && params.documentId && params.data) {
      const current = await existingStoryNumber(strapi, params.documentId);
      params.data = { ...params.data, storyNumber: current ?? (await nextStoryNumber(strapi)) };
    }

    if (context.action === 'publish' && params.documentId) {
      const draft = await strapi.documents(ARTICLE).findOne({
        documentId: params.documentId,
        status: 'draft',
        populate: { section: { fields: ['id'] } },
      });
      if (draft && !draft.section) throw new errors.ValidationError(SECTION_REQUIRED);
      // Strapi moves its own publishedAt on every re-publish; a newsroom dates a story by
      // its first publication, so that is recorded once, on the draft the publish copies.
      await strapi.db.query(ARTICLE).updateMany({
        where: { documentId: params.documentId, firstPublishedAt: { $null: true } },
        data: { firstPublishedAt: new Date() },
      });
    }

    return next();
  });
}
