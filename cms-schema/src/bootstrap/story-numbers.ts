import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
/** A table of the newsroom's own: one row per counter, incremented in the database. */
const COUNTERS = 'newsroom_counters';
const STORY_COUNTER = 'story_number';
/** Where earlier versions kept the last number given out (Strapi's core store). */
const LEGACY_COUNTER = { type: 'api', name: 'article', key: 'lastStoryNumber' } as const;

type Knex = Core.Strapi['db']['connection'];

/** The table's name as SQL should name it: qualified with the PostgreSQL schema when there is one. */
function qualified(strapi: Core.Strapi, table: string): string {
  const schema = strapi.db.getSchemaName();
  return schema ? `${schema}.${table}` : table;
}

/** The articles table and the columns the numbering reads, from Strapi's own metadata. */
function articleColumns(strapi: Core.Strapi) {
  const meta = strapi.db.metadata.get(ARTICLE);
  const column = (attribute: string) =>
    (meta.attributes[attribute] as { columnName?: string } | undefined)?.columnName ?? attribute;
  return { table: meta.tableName, number: column('storyNumber'), published: column('publishedAt') };
}

/**
 * Prepares the numbering at every start, whichever instance starts first: the counter table
 * and its row (from the highest number ever given, so a deleted story's number is never
 * given again), and unique indexes that make two stories with one number fail loudly, for
 * drafts and for published versions each (a story's draft and published rows share its
 * number). Every statement is idempotent, so instances starting together are safe.
 */
export async function prepareStoryNumbers(strapi: Core.Strapi): Promise<void> {
  const knex = strapi.db.connection;
  const counters = qualified(strapi, COUNTERS);
  await knex.raw('CREATE TABLE IF NOT EXISTS ?? (name varchar(64) PRIMARY KEY, value bigint NOT NULL)', [counters]);
  const { table, number, published } = articleColumns(strapi);
  const articles = qualified(strapi, table);
  const highest = await knex(articles).max({ value: number }).first();
  const legacy = Number((await strapi.store.get(LEGACY_COUNTER)) ?? 0);
  const start = Math.max(Number(highest?.value ?? 0), legacy);
  await knex(counters).insert({ name: STORY_COUNTER, value: start }).onConflict('name').ignore();
  // Numbers given out by other means (an import) are never handed out again either.
  await knex(counters).where({ name: STORY_COUNTER }).andWhere('value', '<', start).update({ value: start });

  for (const [suffix, condition] of [
    ['published', 'IS NOT NULL'],
    ['draft', 'IS NULL'],
  ] as const) {
    const index = `${table}_${number}_${suffix}_unique`;
    try {
      await knex.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ?? ON ?? (??) WHERE ?? ${condition}`, [
        index,
        articles,
        number,
        published,
      ]);
    } catch (error) {
      // Stories numbered twice before this index existed: name them, keep the CMS running.
      const twice = (await knex(articles)
        .select(number)
        .whereNotNull(number)
        .whereRaw(`?? ${condition}`, [published])
        .groupBy(number)
        .havingRaw('count(*) > 1')) as Record<string, number>[];
      strapi.log.error(
        `[newsroom] story numbers ${twice.map((row) => row[number]).join(', ')} are used by more than one ` +
          `${suffix} story; give each its own number, then restart to enforce unique numbers ` +
          `(${error instanceof Error ? error.message : String(error)})`,
      );
    }
  }
}

/**
 * Returns the next story number, never one given before, whatever the number of CMS
 * instances: the increment is one UPDATE in the database, whose row lock makes a second
 * instance wait for the first to finish, and the read that follows is in the same
 * transaction (the Document Service's, when there is one).
 */
export async function nextStoryNumber(strapi: Core.Strapi): Promise<number> {
  return await claimStoryNumbers(strapi, 1);
}

/**
 * Claims `count` consecutive story numbers at once, the same way, and returns the first: for
 * a bulk import (the benchmarks' synthetic archive), one UPDATE instead of one per story.
 */
export async function claimStoryNumbers(strapi: Core.Strapi, count: number): Promise<number> {
  return await strapi.db.transaction(async ({ trx }: { trx: Knex }) => {
    const counter = () => trx(qualified(strapi, COUNTERS)).where({ name: STORY_COUNTER });
    await counter().increment('value', count);
    const row = (await counter().first('value')) as { value: number | string } | undefined;
    if (!row) throw new Error('the story number counter is missing (see prepareStoryNumbers)');
    return Number(row.value) - count + 1;
  });
}
