/**
 * The server side of the fast-publish render (see lib/server/fast-publish-plan.ts): reads the live release's
 * catalog and what changed in the CMS since its build, and decides what to render. Reads the
 * CMS, never astro:content: the content store is not in the server bundle.
 */
import { FAST_PUBLISH_RENDER_KEY } from 'astro:env/server';
import { createCmsClient } from './cms/client';
import { cmsOptions } from './cms/env';
import {
  applyDelta,
  CATALOG_VERSION,
  joinCatalog,
  type CatalogDelta,
  type CatalogHead,
  type CatalogStory,
  type FastPublishCatalog,
} from './fast-publish-plan';
import { stepTimer } from '../../../shared/step-timer.ts';
import { decideBatch, type FastPublishRender } from './fast-publish-batch';
import { batchSearchChanges } from './search-index';
import { fitRecentChanges, mergeRecentChanges, type RecentChanges } from '../search';
import {
  FAST_PUBLISH_BATCH_HEADER,
  FAST_PUBLISH_CATALOG,
  FAST_PUBLISH_CATALOG_DELTA,
  FAST_PUBLISH_KEY_HEADER,
  FAST_PUBLISH_TAKEDOWNS_HEADER,
  FAST_PUBLISH_WORD_LISTS,
  catalogPartPaths,
} from '../../../shared/fast-publish-contract';
import { sameSecret } from '../../../shared/same-secret';

/** The documentIds of a takedowns header; anything not shaped like a documentId is dropped. */
export function takedownHints(request: Request): string[] {
  const header = request.headers.get(FAST_PUBLISH_TAKEDOWNS_HEADER) ?? '';
  return [...new Set(header.split(',').filter((id) => /^[a-z0-9]{1,64}$/.test(id)))];
}

/**
 * True when the request carries the key the site server set for this process. Without a key
 * configured the fast-publish routes do not exist: they read the CMS on every request.
 */
export function fastPublishAllowed(request: Request): boolean {
  if (!FAST_PUBLISH_RENDER_KEY) return false;
  return sameSecret(request.headers.get(FAST_PUBLISH_KEY_HEADER) ?? '', FAST_PUBLISH_RENDER_KEY);
}

/** A batch's plan, with what it changes in the search index when it goes ahead. */
export type BatchRender = FastPublishRender & {
  search: {
    /** This batch's changes, kept in its release's catalog delta. */
    batch: RecentChanges;
    /** Every live fast publish's since the build, this one's included: the recent changes file. */
    live: RecentChanges;
  } | null;
  /** Milliseconds of each step of a plan that went ahead (shared/step-timer.ts). */
  steps?: Record<string, number>;
};

let memo: { batch: string; render: Promise<BatchRender> } | undefined;

/** The plan of the request's batch, read once per batch. */
export function fastPublishRender(request: Request): Promise<BatchRender> {
  const batch = request.headers.get(FAST_PUBLISH_BATCH_HEADER) ?? '';
  if (!batch || memo?.batch !== batch) memo = { batch, render: load(request) };
  return memo.render;
}

/** A file the render worker serves to holders of the key, parsed; null when it has none. */
async function workerJson<T>(request: Request, pathname: string): Promise<T | null> {
  const response = await fetch(new URL(pathname, request.url), {
    headers: {
      [FAST_PUBLISH_KEY_HEADER]: request.headers.get(FAST_PUBLISH_KEY_HEADER) ?? '',
      'accept-encoding': 'identity',
    },
  });
  return response.ok ? ((await response.json()) as T) : null;
}

/**
 * This release's catalog, read and parsed once: it is a static file of the release this
 * handler belongs to, and the worker is kept for as long as that release is the base (at
 * 100,000 stories the parse alone costs most of a second).
 */
let releaseCatalog: Promise<FastPublishCatalog | string> | undefined;

/** Reads and parses this release's catalog now, for the plans to come; the reason when it cannot. */
export async function warmCatalog(request: Request): Promise<string | null> {
  const catalog = await readReleaseCatalog(request);
  return typeof catalog === 'string' ? catalog : null;
}

function readReleaseCatalog(request: Request): Promise<FastPublishCatalog | string> {
  releaseCatalog ??= workerJson<{ v?: unknown }>(request, FAST_PUBLISH_CATALOG).then(async (body) => {
    if (!body) return 'the live release has no catalog';
    // A release built by an older version of the site: its catalog may lack what this render reads.
    if (body.v !== CATALOG_VERSION) return `catalog version ${String(body.v)} is not ${CATALOG_VERSION}`;
    const head = body as CatalogHead;
    const parts = await Promise.all(
      catalogPartPaths(head.storyCount).map((part) => workerJson<CatalogStory[]>(request, part)),
    );
    const read = parts.filter((part) => part !== null);
    if (read.length < parts.length) return 'the live release lacks a part of its catalog';
    try {
      return joinCatalog(head, read);
    } catch (error) {
      return error instanceof Error ? error.message : String(error); // its parts disagree with its head
    }
  });
  // A failed read is tried again at the next batch.
  void releaseCatalog.then((result) => {
    if (typeof result === 'string') releaseCatalog = undefined;
  });
  return releaseCatalog;
}

/**
 * The words of the archive that begin with one letter: this release's word list, read once per
 * worker (the release never changes under it). An empty set when the release has none.
 */
const wordLists = new Map<string, Promise<ReadonlySet<string>>>();

function archiveWords(request: Request, letter: string): Promise<ReadonlySet<string>> {
  let list = wordLists.get(letter);
  if (!list) {
    list = workerJson<string[]>(request, `${FAST_PUBLISH_WORD_LISTS}/${letter}.json`).then((words) => new Set(words));
    wordLists.set(letter, list);
    // A failed read is tried again at the next batch.
    list.catch(() => wordLists.delete(letter));
  }
  return list;
}

async function load(request: Request): Promise<BatchRender> {
  const { steps, lap } = stepTimer();
  const base = await readReleaseCatalog(request);
  if (typeof base === 'string') return { plan: { ok: false, reason: base }, catalog: null, search: null };
  // What the live fast-publish releases changed over that catalog, read at every batch.
  const delta = await workerJson<CatalogDelta>(request, FAST_PUBLISH_CATALOG_DELTA);
  const catalog = applyDelta(base, delta);
  lap('catalog');
  const render = await decideBatch(createCmsClient(cmsOptions()), catalog, takedownHints(request), lap);
  if (!render.plan.ok) return { ...render, search: null };
  const batch = fitRecentChanges(
    delta?.search,
    await batchSearchChanges(
      render.plan.changed,
      render.plan.removed.map((story) => story.storyNumber),
      (letter) => archiveWords(request, letter),
    ),
  );
  const live = mergeRecentChanges(delta?.search, batch);
  lap('search');
  return { ...render, steps, search: { batch, live } };
}
