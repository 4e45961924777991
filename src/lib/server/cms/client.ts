import Strapi from 'strapi-sdk-js';
import { z } from 'astro/zod';
import { mapLimit } from '../../map-limit';
import { CmsError, CmsListTooLongError } from './errors';
import type { PopulateMap } from './populate';

/** How the client reaches Strapi. */
export interface CmsClientOptions {
  /** Base URL of Strapi, without `/api`. */
  url: string;
  /** Read-only API token, sent as a Bearer header. */
  token: string;
  /**
   * Per-request timeout in milliseconds.
   * @defaultValue 15000
   */
  timeoutMs?: number;
  /**
   * Retries after a connection error, a timeout, 429 or a 5xx answer.
   * @defaultValue 3
   */
  retries?: number;
  /**
   * First backoff delay in milliseconds; it doubles on each retry.
   * @defaultValue 500
   */
  retryDelayMs?: number;
  /**
   * Entries per page (Strapi's `maxLimit`, 1000, caps it). Strapi's cost is mostly per request
   * (a query per populated relation): 10,000 stories read in 4.6 s at 100 a page, 2.1 s at 500
   * and 2.0 s at 1,000 (SQLite, 4 pages at a time), while a page of 500 stays a few megabytes.
   * @defaultValue 500
   */
  pageSize?: number;
}

/** What to fetch of a collection type. */
export interface FindAllOptions {
  populate: PopulateMap;
  /** A stable sort, so paging never skips or repeats an entry. */
  sort: string[];
  /** Strapi filters, e.g. `{ documentId: { $in: [...] } }`. */
  filters?: Record<string, unknown>;
  /** Only these fields (documentId always comes); all when omitted. */
  fields?: string[];
  /** Entries per page for this request; the client's `pageSize` when omitted. */
  pageSize?: number;
  /**
   * The most entries the caller takes: when more match, findAll() rejects with
   * CmsListTooLongError after the first page instead of reading them all.
   */
  atMost?: number;
}

const pageSchema = z.object({
  data: z.array(z.unknown()),
  meta: z.object({
    pagination: z.object({ page: z.number().int(), pageCount: z.number().int(), total: z.number().int() }),
  }),
});
const singleSchema = z.object({ data: z.unknown() });

/** The parts of an axios error the client reads (axios comes with strapi-sdk-js). */
interface HttpError {
  isAxiosError: true;
  code?: string;
  message: string;
  response?: { status: number; data?: unknown };
}

function isAxiosError(error: unknown): error is HttpError {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

/** Pages requested at once after the first: Strapi answers one at a time, so more only queue. */
const PAGE_CONCURRENCY = 4;
/** Reads of a list that changed while it was being read, before giving up. */
const LIST_ATTEMPTS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True for failures worth another try: no answer at all, 429, or a server error. */
function isTransient(error: unknown): boolean {
  if (!isAxiosError(error)) return false;
  const status = error.response?.status;
  return status === undefined || status === 429 || status >= 500;
}

/** Reads published content from Strapi 5 with a read-only token. */
export interface CmsClient {
  /** Every published entry of a collection type, across all pages. */
  findAll(contentType: string, options: FindAllOptions): Promise<unknown[]>;
  /** How many published entries a collection type has (that match `filters`, when given). */
  count(contentType: string, filters?: Record<string, unknown>): Promise<number>;
  /** The published entry of a single type, or null when none exists. */
  findSingle(contentType: string, populate: PopulateMap): Promise<unknown>;
  /** The draft version of one document (for previews), or null when there is none. */
  findDraft(contentType: string, documentId: string, populate: PopulateMap): Promise<unknown>;
}

/**
 * Creates the CMS client: a thin layer over strapi-sdk-js that sends the token as a header
 * (the SDK's token store only works in browsers), asks for `status=published` (the SDK's
 * typed `state` is Strapi 4's name, which Strapi 5 with strictParams rejects), pages through
 * every page, and retries transient failures with exponential backoff.
 */
export function createCmsClient(options: CmsClientOptions): CmsClient {
  const { url, token, timeoutMs = 15_000, retries = 3, retryDelayMs = 500, pageSize = 500 } = options;
  const sdk = new Strapi({
    url,
    prefix: '/api',
    axiosOptions: { timeout: timeoutMs, headers: { Authorization: `Bearer ${token}` } },
  });

  // The SDK's own request() flattens errors into response bodies and loses the HTTP status;
  // its configured axios instance (base URL, qs serializer, headers) keeps it for retries.
  async function get(contentType: string, path: string, params: Record<string, unknown>): Promise<unknown> {
    const fullUrl = `${url.replace(/\/$/, '')}/api${path}`;
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await sdk.axios.get(path, { params });
        return response.data;
      } catch (error) {
        if (isTransient(error) && attempt < retries) {
          await sleep(retryDelayMs * 2 ** attempt);
          continue;
        }
        throw toCmsError(error, contentType, fullUrl, attempt + 1);
      }
    }
  }

  /** Page `page` (of `size` entries) of a collection type's published list, checked for Strapi's list shape. */
  async function getPage(contentType: string, page: number, size: number, params: Record<string, unknown>) {
    const body = await get(contentType, `/${contentType}`, {
      status: 'published',
      ...params,
      pagination: { page, pageSize: size },
    });
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) {
      throw new CmsError(`unexpected response shape for ${contentType} page ${page}: ${parsed.error.message}`, {
        contentType,
        url,
      });
    }
    return parsed.data;
  }

  /** One entry (a single type, or one document), or null when Strapi answers 404. */
  async function getOne(contentType: string, path: string, params: Record<string, unknown>): Promise<unknown> {
    try {
      const parsed = singleSchema.safeParse(await get(contentType, path, params));
      if (!parsed.success) throw new CmsError(`unexpected response shape for ${contentType}`, { contentType, url });
      return parsed.data.data;
    } catch (error) {
      if (error instanceof CmsError && error.context.status === 404) return null;
      throw error;
    }
  }

  return {
    async findAll(contentType, { populate, sort, filters, fields, pageSize: size = pageSize, atMost }) {
      const readPage = (page: number) =>
        getPage(contentType, page, size, {
          populate,
          sort,
          ...(filters ? { filters } : {}),
          ...(fields ? { fields } : {}),
        });
      for (let attempt = 1; ; attempt++) {
        const first = await readPage(1);
        const { pageCount, total } = first.meta.pagination;
        if (atMost !== undefined && total > atMost) throw new CmsListTooLongError(contentType, total, atMost);
        const rest = await mapLimit(
          Array.from({ length: Math.max(0, pageCount - 1) }, (_, i) => i + 2),
          PAGE_CONCURRENCY,
          readPage,
        );
        const pages = [first, ...rest];
        const entries = pages.flatMap((page) => page.data);
        // An entry published or removed between two page reads shifts the others across
        // pages, so one could be read twice or not at all: the totals then disagree, and the
        // whole list is read again rather than building from a list with a hole in it.
        if (pages.every((page) => page.meta.pagination.total === total) && entries.length === total) return entries;
        if (attempt >= LIST_ATTEMPTS) {
          throw new CmsError(
            `the ${contentType} list changed while it was read, ${attempt} times in a row (${entries.length} entries read, ${total} expected)`,
            { contentType, url },
          );
        }
      }
    },

    async count(contentType, filters) {
      const first = await getPage(contentType, 1, 1, { fields: ['updatedAt'], ...(filters ? { filters } : {}) });
      return first.meta.pagination.total;
    },

    findSingle(contentType, populate) {
      return getOne(contentType, `/${contentType}`, { status: 'published', populate });
    },

    findDraft(contentType, documentId, populate) {
      return getOne(contentType, `/${contentType}/${encodeURIComponent(documentId)}`, { status: 'draft', populate });
    },
  };
}

function toCmsError(error: unknown, contentType: string, url: string, attempts: number): CmsError {
  if (!isAxiosError(error))
    return new CmsError(`request to ${url} failed: ${String(error)}`, { contentType, url }, { cause: error });
  const status = error.response?.status;
  if (status === undefined) {
    return new CmsError(
      `the CMS at ${url} is unreachable after ${attempts} attempt(s) (${error.code ?? error.message})`,
      { contentType, url },
      { cause: error },
    );
  }
  const detail = (error.response?.data as { error?: { message?: string } } | undefined)?.error?.message;
  const hint = status === 401 || status === 403 ? ' (check CMS_READ_TOKEN)' : '';
  return new CmsError(
    `the CMS answered ${status} for ${contentType}${detail ? `: ${detail}` : ''}${hint} (${url})`,
    { contentType, url, status },
    { cause: error },
  );
}
