import type { Loader } from 'astro/loaders';
import { createHash } from 'node:crypto';
import { z } from 'astro/zod';
import type { CmsClient } from './client';
import type { PopulateMap } from './populate';
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
/** Entries fetched per request when only some changed (kept well inside URL length limits). */
const CHANGED_BATCH = 50;

/**
 * Entries per page of the (documentId, updatedAt) list: two short fields, so large pages
 * (10,000 stories in 10 requests instead of 100). Strapi's `rest.maxLimit` in
 * cms-schema/config/api.ts allows it; a lower limit only means more pages.
 */
const VERSIONS_PAGE_SIZE = 1000;

/** The (documentId, updatedAt) pairs of every published entry: a cheap picture of what changed. */
async function versions(client: CmsClient, contentType: string, sort: string[]) {
  const raw = await client.findAll(contentType, {
    populate: {},
    sort,
    fields: ['updatedAt'],
    pageSize: VERSIONS_PAGE_SIZE,
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
 * A content-layer loader for one Strapi content type. Entries are keyed by documentId,
 * validated all at once (a bad entry fails the build with every problem listed: a story is
 * never dropped silently), then stored with a digest so unchanged entries are reused.
 * Collections sync incrementally between full syncs: the list of (documentId, updatedAt)
 * pairs shows what is new, changed or gone, and only changed entries are read in full.
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
      const client = options.client();
      const dependencies = dependsOn.length > 0 ? await dependencyPrint(client, dependsOn) : '';
      const lastFull = Date.parse(meta.get('lastFullSync') ?? '');
      const full =
        kind === 'single' ||
        store.keys().length === 0 ||
        !(Date.now() - lastFull < fullSyncEveryMs) ||
        meta.get('dependencies') !== dependencies;

      let changedIds: string[] | null = null;
      let present: Set<string>;
      let entries: z.infer<S>[];
      if (full) {
        const raw =
          kind === 'collection'
            ? await client.findAll(contentType, { populate, sort })
            : [await client.findSingle(contentType, populate)].filter((entry) => entry !== null);
        entries = validateEntries(contentType, schema, raw);
        present = new Set(entries.map((entry) => String(entry.documentId)));
      } else {
        // Only what changed: new or updated entries (their updatedAt differs from the stored
        // one), read in batches; entries no longer published are the ones missing from the list.
        const current = await versions(client, contentType, sort);
        present = new Set(current.map((v) => v.documentId));
        changedIds = current
          .filter(
            (v) => (store.get(v.documentId)?.data as { updatedAt?: unknown } | undefined)?.updatedAt !== v.updatedAt,
          )
          .map((v) => v.documentId);
        const raw: unknown[] = [];
        for (let i = 0; i < changedIds.length; i += CHANGED_BATCH) {
          const batch = changedIds.slice(i, i + CHANGED_BATCH);
          raw.push(...(await client.findAll(contentType, { populate, sort, filters: { documentId: { $in: batch } } })));
        }
        entries = validateEntries(contentType, schema, raw);
      }

      // Entries that disappeared from the CMS (unpublished, deleted) go too.
      for (const entry of entries) {
        const id = String(entry.documentId);
        const data = await context.parseData({ id, data: entry });
        store.set({ id, data, digest: context.generateDigest(data) });
      }
      let removed = 0;
      for (const id of store.keys()) {
        if (!present.has(id)) {
          store.delete(id);
          removed++;
        }
      }

      if (full) meta.set('lastFullSync', new Date().toISOString());
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
