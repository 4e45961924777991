import type { Loader } from 'astro/loaders';
import type { z } from 'astro/zod';
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
}

/**
 * A content-layer loader for one Strapi content type. Entries are keyed by documentId,
 * validated all at once (a bad entry fails the build with every problem listed: a story is
 * never dropped silently), then stored with a digest so unchanged entries are reused.
 */
export function strapiLoader<S extends z.ZodType<Record<string, unknown>>>(
  options: StrapiLoaderOptions<S>,
): Loader & { schema: S } {
  const { contentType, kind, schema, populate, sort = ['id:asc'] } = options;
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
      const raw =
        kind === 'collection'
          ? await client.findAll(contentType, { populate, sort })
          : [await client.findSingle(contentType, populate)].filter((entry) => entry !== null);
      const entries = validateEntries(contentType, schema, raw);

      // A full sync: entries that disappeared from the CMS (unpublished, deleted) go too.
      const seen = new Set<string>();
      for (const entry of entries) {
        const id = String(entry.documentId);
        seen.add(id);
        const data = await context.parseData({ id, data: entry });
        store.set({ id, data, digest: context.generateDigest(data) });
      }
      for (const id of store.keys()) {
        if (!seen.has(id)) store.delete(id);
      }

      meta.set('lastSynced', new Date().toISOString());
      logger.info(`${entries.length} ${contentType} loaded in ${Math.round(performance.now() - started)} ms`);
    },
  };
}
