import type { Loader } from 'astro/loaders';
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import type { CmsClient, FindAllOptions } from './client';
import type { PopulateMap } from './populate';
import { releaseMemory } from '../release-memory';
import { valueSharer } from './shared-values';
import { validateEntries } from './validate';

/**
 * True when Astro only generates types (`astro check`, `astro sync` in lint and CI):
 * collection types come from the schemas, so no CMS is needed. astro.config.mjs refuses a
 * build with this set, so it can never produce an empty site.
 */
export function typesOnly(): boolean {
  return process.env.CMS_TYPES_ONLY === '1';
}

/** Options of one Strapi-backed content collection. */
export interface StrapiLoaderOptions<S extends z.ZodType<Record<string, unknown>>> {
  /** The CMS client; a function so configuration is read when the build loads, not at import. */
  client: () => CmsClient;
  /** REST name of the content type, e.g. `articles` or `global`. */
  contentType: string;
  /** `collection` pages through a collection type; `single` reads a single type. */
  kind: 'collection' | 'single';
  /** Validation schema of one entry (generated from the Strapi schema). */
  schema: S;
  /** The content type's populate definition. */
  populate: PopulateMap;
  /**
   * Stable sort for paging.
   * @defaultValue ['id:asc']
   */
  sort?: string[];
  /**
   * Collection types whose data these entries embed (a story carries its section's name):
   * when any of them changed, the next sync reads every entry again.
   */
  dependsOn?: string[];
  /**
   * The longest time between two full syncs. In between, only changed entries are read; a
   * full sync also catches what changes no entry's updatedAt (an edited picture's alt text).
   * @defaultValue 3600000 (one hour)
   */
  fullSyncEveryMs?: number;
}

const versionSchema = z.object({ documentId: z.string(), updatedAt: z.string() });
/** Entries read at once above which a sync gives the memory of their reading back (releaseMemory()). */
const LARGE_READ = 10_000;
/** Entries fetched per request when only some changed (kept well inside URL length limits). */
const CHANGED_BATCH = 50;

/**
 * Entries per page of the (documentId, updatedAt) list: two short fields, so large pages
 * (10,000 stories in 10 requests instead of 100). Strapi's `rest.maxLimit` in
 * cms-schema/config/api.ts allows it; a lower limit only means more pages.
 */
const VERSIONS_PAGE_SIZE = 1000;

/**
 * The (documentId, updatedAt) pairs of every published entry, or of those matching `filters`:
 * a cheap picture of what changed. With `atMost`, rejects with CmsListTooLongError when more match.
 */
export async function versions(
  client: CmsClient,
  contentType: string,
  sort: string[],
  filters?: Record<string, unknown>,
  atMost?: number,
) {
  const raw = await client.findAll(contentType, {
    populate: {},
    sort,
    fields: ['updatedAt'],
    pageSize: VERSIONS_PAGE_SIZE,
    ...(filters ? { filters } : {}),
    ...(atMost === undefined ? {} : { atMost }),
  });
  return z.array(versionSchema).parse(raw);
}

/** A fingerprint of the dependency collections: it changes when any entry of them changes. */
async function dependencyPrint(client: CmsClient, dependsOn: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const contentType of dependsOn) {
    for (const v of await versions(client, contentType, ['id:asc']))
      hash.update(`${contentType}/${v.documentId}@${v.updatedAt};`);
  }
  return hash.digest('base64url');
}

/**
 * How far before the newest stored updatedAt the next sync looks again: a write whose
 * transaction began earlier but committed after the last sync carries an older time.
 */
const CHANGED_OVERLAP_MS = 60_000;

/** What changed since the last sync: entries to store, the ids still published, and which changed. */
export interface Changes {
  raw: unknown[];
  present: Set<string>;
  changedIds: string[];
}

/**
 * Why recentChanges() could not decide: of the stored entries not updated since, `known` are
 * expected, and the CMS counts `published` entries last updated before that time.
 */
export interface CountMismatch {
  known: number;
  published: number;
}

/**
 * The `updatedAt` the next sync (and a fast-publish render) asks from: the newest one stored, or,
 * when later, `readFrom` (when the reading of them began, by the reader's clock), less the overlap.
 * After a bulk import the newest stored is the last one imported, and the overlap before it held
 * every imported story: the first fast publish after 100,000 listed them all (12.8 s, then past its
 * 15 s timeout). A write the read did not see carries a time after the reading began, or a time
 * at most the overlap before it, so the window still lists it. The reader's and the CMS's clocks
 * must agree within the overlap.
 */
export function changedSince(entries: unknown[], readFrom?: string): string {
  let newest = Date.parse(readFrom ?? '') || 0;
  for (const entry of entries) {
    const updatedAt = (entry as { updatedAt?: unknown } | undefined)?.updatedAt;
    const time = typeof updatedAt === 'string' ? Date.parse(updatedAt) : 0;
    if (time > newest) newest = time;
  }
  return new Date(Math.max(0, newest - CHANGED_OVERLAP_MS)).toISOString();
}

/**
 * Reads in full the entries of `changedIds` (new or edited), in batches. An id the CMS no
 * longer returns was unpublished or deleted since it was listed: it leaves `present`, so the
 * store drops it now rather than at the next sync.
 */
async function readChanged(
  client: CmsClient,
  contentType: string,
  query: Pick<FindAllOptions, 'populate' | 'sort'>,
  changedIds: string[],
  present: Set<string>,
): Promise<Changes> {
  const raw: unknown[] = [];
  for (let i = 0; i < changedIds.length; i += CHANGED_BATCH) {
    const batch = changedIds.slice(i, i + CHANGED_BATCH);
    raw.push(...(await client.findAll(contentType, { ...query, filters: { documentId: { $in: batch } } })));
  }
  const read = new Set(raw.map((entry) => String((entry as { documentId?: unknown }).documentId)));
  const gone = changedIds.filter((id) => !read.has(id));
  for (const id of gone) present.delete(id);
  return { raw, present, changedIds: changedIds.filter((id) => read.has(id)) };
}

/**
 * The cheap way (a few small requests however large the collection): the (documentId,
 * updatedAt) pairs of the entries updated since `since`, and the count of published entries
 * last updated before it. Publishing sets updatedAt, so every entry published since the last
 * sync is among the first; every stored entry not among them must be among the second, so
 * when the count equals their number nothing was unpublished or deleted either. Only the
 * entries whose updatedAt differs from the stored one are then read in full (the overlap lists
 * a few unchanged ones again, and after a bulk import a great many).
 *
 * The count covers only entries older than `since` so that a publish landing between the two
 * requests (its updatedAt is newer) cannot make them disagree: on a busy desk a count of every
 * entry did, several times a minute, and each time the fast-publish render stepped aside. Any other
 * mismatch (an entry gone, or edited between the two requests) returns the two numbers: the
 * loader then lets the full list decide, and a fast-publish render steps aside and says why.
 * With `recentAtMost`, rejects with CmsListTooLongError when more entries than that were updated
 * since `since` (a fast-publish render does not list a bulk import).
 */
export async function recentChanges(
  client: CmsClient,
  contentType: string,
  query: Pick<FindAllOptions, 'populate' | 'sort'>,
  since: string,
  storedIds: string[],
  storedUpdatedAt: (id: string) => unknown,
  recentAtMost?: number,
): Promise<Changes | CountMismatch> {
  const recent = await versions(client, contentType, query.sort, { updatedAt: { $gte: since } }, recentAtMost);
  const recentIds = new Set(recent.map((v) => v.documentId));
  const older = storedIds.filter((id) => !recentIds.has(id));
  const olderPublished = await client.count(contentType, { updatedAt: { $lt: since } });
  if (olderPublished !== older.length) return { known: older.length, published: olderPublished };
  const present = new Set([...storedIds, ...recentIds]);
  const changedIds = recent.filter((v) => storedUpdatedAt(v.documentId) !== v.updatedAt).map((v) => v.documentId);
  return readChanged(client, contentType, query, changedIds, present);
}

/**
 * The thorough way: the (documentId, updatedAt) list of every published entry shows what is
 * new, changed or gone; only new and changed entries are then read in full, in batches.
 */
async function listedChanges(
  client: CmsClient,
  contentType: string,
  query: Pick<FindAllOptions, 'populate' | 'sort'>,
  storedUpdatedAt: (id: string) => unknown,
): Promise<Changes> {
  const current = await versions(client, contentType, query.sort);
  const present = new Set(current.map((v) => v.documentId));
  const changedIds = current.filter((v) => storedUpdatedAt(v.documentId) !== v.updatedAt).map((v) => v.documentId);
  return readChanged(client, contentType, query, changedIds, present);
}

/**
 * A content-layer loader for one Strapi content type. Entries are keyed by documentId,
 * validated all at once (a bad entry fails the build with every problem listed: a story is
 * never dropped silently), then stored with a digest so unchanged entries are reused.
 * Collections sync incrementally between full syncs: the (documentId, updatedAt) pairs updated
 * since the last sync and a count (two small requests at any size) when the count shows nothing
 * removed, otherwise the pairs of every entry, show what is new, changed or gone; only those
 * entries are read in full.
 */
export function strapiLoader<S extends z.ZodType<Record<string, unknown>>>(
  options: StrapiLoaderOptions<S>,
): Loader & { schema: S } {
  const {
    contentType,
    kind,
    schema,
    populate,
    sort = ['id:asc'],
    dependsOn = [],
    fullSyncEveryMs = 3_600_000,
  } = options;
  return {
    name: `strapi:${contentType}`,
    schema,
    async load(context) {
      const { store, meta, logger } = context;
      if (typesOnly()) {
        logger.warn(`CMS_TYPES_ONLY=1: ${contentType} not read from the CMS (type checking only)`);
        return;
      }
      const started = performance.now();
      const readFrom = new Date().toISOString(); // before anything is read (see changedSince())
      const client = options.client();
      const dependencies = dependsOn.length > 0 ? await dependencyPrint(client, dependsOn) : '';
      const lastFull = Date.parse(meta.get('lastFullSync') ?? '');
      const full =
        kind === 'single' ||
        store.keys().length === 0 ||
        !(Date.now() - lastFull < fullSyncEveryMs) ||
        meta.get('dependencies') !== dependencies;

      // Each read validates what the CMS answered and returns only that: the answer (at 100,000
      // stories several times the size of what is kept) is garbage when it returns.
      const readAll = async () => {
        const raw =
          kind === 'collection'
            ? await client.findAll(contentType, { populate, sort })
            : [await client.findSingle(contentType, populate)].filter((entry) => entry !== null);
        const entries = validateEntries(contentType, schema, raw);
        return { entries, present: new Set(entries.map((entry) => String(entry.documentId))), changedIds: null };
      };
      const readChanges = async () => {
        const stored = (id: string) => (store.get(id)?.data as { updatedAt?: unknown } | undefined)?.updatedAt;
        const since = meta.get('changedSince');
        const recent = since
          ? await recentChanges(client, contentType, { populate, sort }, since, store.keys(), stored)
          : null;
        const changes =
          recent && 'raw' in recent ? recent : await listedChanges(client, contentType, { populate, sort }, stored);
        const { present, changedIds } = changes;
        return { entries: validateEntries(contentType, schema, changes.raw), present, changedIds };
      };
      const { entries, present, changedIds } = full ? await readAll() : await readChanges();

      // Stored as validated: Astro's context.parseData() would run the same schema over every
      // entry again and hold a second copy of each until the sync ends. Repeated values are
      // stored once (shared-values.ts).
      const share = valueSharer();
      for (const entry of entries) {
        const id = String(entry.documentId);
        const data = share(entry);
        store.set({ id, data, digest: context.generateDigest(data) });
      }
      // Entries that disappeared from the CMS (unpublished, deleted) go too.
      let removed = 0;
      for (const id of store.keys()) {
        if (!present.has(id)) {
          store.delete(id);
          removed++;
        }
      }

      // A large read leaves its answer behind as garbage, and Node's V8 keeps the pages it frees:
      // given back before Astro writes the store, the build's largest step (release-memory.ts).
      if (entries.length >= LARGE_READ) releaseMemory();

      if (full) meta.set('lastFullSync', new Date().toISOString());
      if (kind === 'collection') {
        meta.set(
          'changedSince',
          changedSince(
            store.keys().map((id) => store.get(id)?.data),
            readFrom,
          ),
        );
      }
      meta.set('dependencies', dependencies);
      meta.set('lastSynced', new Date().toISOString());
      const ms = Math.round(performance.now() - started);
      logger.info(
        changedIds === null
          ? `${entries.length} ${contentType} loaded in ${ms} ms`
          : `${present.size} ${contentType}: ${changedIds.length} changed, ${removed} removed, synced in ${ms} ms`,
      );
    },
  };
}
