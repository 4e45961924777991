/**
 * The fast publish: right after a publish, the story's page and the front page are
 * rendered on demand from the live release's catalog plus the stories changed since its
 * build, and go live before the full incremental build (which follows at once and renders
 * everything else those stories appear in: lists, feeds, sitemaps, search). This module
 * holds the pure parts; src/internal/fast-publish/ renders, server/src/fast-publish.ts deploys.
 */
import type { SiteFrame } from './site-frame';
import { changedListPages, type ListPageRender, type ListRecords } from './fast-publish-lists';
import { frontPageSelection, RECOMMENDED_VIDEOS } from '../front-page';
import type { Story } from './content';
import { relatedIndex, relatedStories } from '../related';
import { NEWS_SITEMAP_PATH } from '../news-sitemap';
import { PAGES_SITEMAP_PATH, SITEMAP_INDEX_PATH, storySitemapOf, storySitemapPath } from '../sitemap';
import { insertStories, toTeaser } from '../story';
import { isLiveCoverage, liveJsonPath } from '../live';
import { searchIndexPath, type RecentChanges } from '../search';
import { storiesWithDelta } from './catalog-delta';
import { SITE_FEED_PATH, sectionFeedPath, storyPath } from '../urls';

/** The most stories one fast-publish render takes on; a bigger batch waits for the full build. */
export const FAST_PUBLISH_MAX_STORIES = 20;
/**
 * The most list pages one fast-publish render writes (about 10 ms each). A publish changes a
 * few; a takedown of a story years back shifts every newer archive page of its lists, and
 * those beyond this wait for the full build.
 */
export const FAST_PUBLISH_MAX_LIST_PAGES = 100;
/** The catalog's format: a release whose catalog has another is left to the full build. */
export const CATALOG_VERSION = 4;

/** What the front page and the related lists need of a story: no body, no SEO fields. */
export type CatalogStory = Pick<
  Story,
  | 'documentId'
  | 'title'
  | 'storyNumber'
  | 'excerpt'
  | 'firstPublishedAt'
  | 'publishedAt'
  | 'updatedAt'
  | 'isBreaking'
  | 'cover'
  | 'notes'
> &
  // Set on a live coverage only (as toTeaser() gives it): its JSON goes with its page.
  Partial<Pick<Story, 'liveState'>> & {
    section: Pick<Story['section'], 'documentId' | 'name' | 'slug'>;
    tags: { documentId: string; slug: string }[];
    authors: { documentId: string }[];
    relatedStories: { documentId: string }[];
  };

/** A video as the front page shows it. */
export type CatalogVideo = {
  title: string;
  durationSeconds: number;
  embedUrl: string;
  thumbnail?: { url: string; alternativeText: string | null; width: number | null; height: number | null } | null;
};

/**
 * What a build knew when it rendered the front page and the story pages, published with the
 * release (src/internal/fast-publish/catalog.json.ts) for the fast-publish render to start from.
 */
export interface FastPublishCatalog {
  v: typeof CATALOG_VERSION;
  /**
   * When the build began, before it read the CMS (its process's start): what changed since is
   * asked from no earlier than this less the overlap (cms/loader.ts changedSince()).
   */
  readFrom: string;
  frame: Pick<SiteFrame, 'global' | 'sections'>;
  /** The tags and authors the lists are named after (the sections are the frame's). */
  tags: ListRecords['tags'];
  authors: ListRecords['authors'];
  /** Every published story, newest first. */
  stories: CatalogStory[];
  /** The front page's videos. */
  videos: CatalogVideo[];
}

/**
 * What fast-publish releases changed over their built base's catalog, kept with them (see
 * server/src/releases.ts): the stories they rendered, and the ones they took down. The next
 * fast-publish plan reads the base's catalog with this applied, so it sees what readers see.
 */
export interface CatalogDelta {
  stories: CatalogStory[];
  removed: string[];
  /** What they changed in the search index (none in a delta written before fast publishes indexed). */
  search?: RecentChanges;
}

/**
 * The catalog with a delta applied: the delta's stories replace or join the catalog's, its
 * removed ones leave; the stories stay newest first.
 */
export function applyDelta(catalog: FastPublishCatalog, delta: CatalogDelta | null): FastPublishCatalog {
  return delta ? { ...catalog, stories: storiesWithDelta(catalog.stories, delta, insertStories) } : catalog;
}

/** The catalog entry of a story. */
export function catalogStory(story: Story | CatalogStory): CatalogStory {
  const teaser = toTeaser(story);
  return {
    ...teaser,
    updatedAt: story.updatedAt,
    isBreaking: story.isBreaking,
    cover: story.cover ?? null,
    notes: story.notes,
    section: { ...teaser.section, documentId: story.section.documentId },
    tags: story.tags.map((tag) => ({ documentId: tag.documentId, slug: tag.slug })),
    authors: story.authors.map((author) => ({ documentId: author.documentId })),
    relatedStories: story.relatedStories.map((pick) => ({ documentId: pick.documentId })),
  };
}

/**
 * The catalog file of a build (src/internal/fast-publish/catalog.json.ts): everything but the
 * stories, and how many stories its parts hold (`catalogPartPaths()`).
 */
export type CatalogHead = Omit<FastPublishCatalog, 'stories'> & { storyCount: number };

/** The catalog head of a build of `storyCount` stories that began reading at `readFrom`; videos newest first. */
export function catalogHead(
  storyCount: number,
  videos: CatalogVideo[],
  frame: SiteFrame,
  records: Pick<ListRecords, 'tags' | 'authors'>,
  readFrom: string,
): CatalogHead {
  return {
    v: CATALOG_VERSION,
    readFrom,
    frame: { global: frame.global, sections: frame.sections },
    tags: records.tags.map(({ documentId, slug, name }) => ({ documentId, slug, name })),
    authors: records.authors.map(({ documentId, slug, name, bio }) => ({ documentId, slug, name, bio })),
    storyCount,
    videos: videos.slice(0, RECOMMENDED_VIDEOS).map(({ title, durationSeconds, embedUrl, thumbnail }) => ({
      title,
      durationSeconds,
      embedUrl,
      thumbnail: thumbnail ?? null,
    })),
  };
}

/**
 * The catalog of a build as the fast publish reads it: stories newest first (as getStories()
 * returns them). Without `readFrom`, what changed is asked from the newest story's time alone.
 */
export function fastPublishCatalog(
  stories: Story[],
  videos: CatalogVideo[],
  frame: SiteFrame,
  records: Pick<ListRecords, 'tags' | 'authors'>,
  readFrom = new Date(0).toISOString(),
): FastPublishCatalog {
  return joinCatalog(catalogHead(stories.length, videos, frame, records, readFrom), [stories.map(catalogStory)]);
}

/** A catalog from its head and its parts' stories, read in the order of `catalogPartPaths()`. */
export function joinCatalog(head: CatalogHead, parts: CatalogStory[][]): FastPublishCatalog {
  const { storyCount, ...rest } = head;
  const stories = parts.flat();
  if (stories.length !== storyCount) {
    throw new Error(`the catalog's parts hold ${stories.length} stories where its head counts ${storyCount}`);
  }
  return { ...rest, stories };
}

/** Why a fast-publish render cannot stand in for the full build, or what it renders. */
export type FastPublishPlan =
  | { ok: false; reason: string }
  | {
      ok: true;
      stories: CatalogStory[];
      changed: Story[];
      /** Each changed story's related stories (อ่านเพิ่มเติม), chosen as the full build chooses them. */
      related: Map<string, CatalogStory[]>;
      pages: { documentId: string; path: string }[];
      /** Stories taken down (unpublished or deleted) since the build: their pages answer 404. */
      removed: { documentId: string; storyNumber: number; path: string }[];
      /** Files of the stories taken down that answer 404 with their pages: a live coverage's JSON. */
      filesGone: string[];
      /** The list pages whose stories or links change, by path. */
      lists: Map<string, ListPageRender>;
      /** List pages that the batch ends: archive pages no longer full. */
      listsGone: string[];
      /** List pages that change beyond FAST_PUBLISH_MAX_LIST_PAGES, left to the full build. */
      listsLeft: number;
      /** The feeds and sitemaps that change (site paths), written from `stories` as the build writes them. */
      files: string[];
      /** True when a story with a correction changed: the corrections page changes. */
      corrections: boolean;
    };

/**
 * Plans a fast-publish render: the catalog's stories without the `gone` ones (taken down since
 * the build, as the CMS confirmed) and with the `changed` ones (published stories whose
 * updatedAt differs from the catalog's) put in, newest first. It declines, and the full build
 * alone publishes, when the result could differ from what the full build will render: a
 * story left that is not among `gone` (`publishedCount` is below the merged list's length),
 * a story moved to another section (its old URL must redirect), or the batch is bigger than
 * FAST_PUBLISH_MAX_STORIES.
 */
export function planFastPublish(
  catalog: FastPublishCatalog,
  changed: Story[],
  publishedCount: number,
  gone: string[] = [],
): FastPublishPlan {
  // One pass over the archive (newest first): the stories the batch leaves as they were, and
  // the catalog's versions of the ones it changes or takes down.
  const changedIds = new Set([...gone, ...changed.map((story) => story.documentId)]);
  const kept: CatalogStory[] = [];
  const before = new Map<string, CatalogStory>();
  for (const story of catalog.stories) {
    if (changedIds.has(story.documentId)) before.set(story.documentId, story);
    else kept.push(story);
  }
  const removedStories = gone.flatMap((documentId) => before.get(documentId) ?? []);
  const removed = removedStories.map(({ documentId, storyNumber, section }) => ({
    documentId,
    storyNumber,
    path: storyPath({ storyNumber, section }),
  }));
  if (changed.length === 0 && removed.length === 0) {
    return { ok: false, reason: 'no published story changed since the build' };
  }
  if (changed.length + removed.length > FAST_PUBLISH_MAX_STORIES) {
    const count = changed.length + removed.length;
    return { ok: false, reason: `${count} stories changed (a fast publish takes ${FAST_PUBLISH_MAX_STORIES})` };
  }
  for (const story of changed) {
    const was = before.get(story.documentId);
    if (was && storyPath(was) !== storyPath(story)) {
      return { ok: false, reason: `story ${story.storyNumber} moved from ${storyPath(was)} to ${storyPath(story)}` };
    }
  }
  const now = changed.map(catalogStory);
  const stories = insertStories(kept, now);
  if (stories.length !== publishedCount) {
    return { ok: false, reason: `the CMS has ${publishedCount} published stories, the catalog ${stories.length}` };
  }
  // One index for every changed story, of just what choosing theirs reads.
  const index = relatedIndex(stories, now);
  // The changed and taken-down stories as the catalog had them, and the changed ones as they are now.
  const touched = [...before.values(), ...changed];
  const lists = changedListPages(
    catalog.stories,
    stories,
    touched,
    { sections: catalog.frame.sections, tags: catalog.tags, authors: catalog.authors },
    FAST_PUBLISH_MAX_LIST_PAGES,
  );
  // A story sitemap left without stories is dropped by the full build; this render keeps it meanwhile.
  const touchedSitemaps = new Set(touched.map((story) => storySitemapOf(story.storyNumber)));
  const sitemapsLeft = new Set<number>();
  for (const story of stories) {
    const id = storySitemapOf(story.storyNumber);
    if (touchedSitemaps.has(id)) sitemapsLeft.add(id);
  }
  const files = [
    SITE_FEED_PATH,
    ...new Set(touched.map((story) => sectionFeedPath(story.section.slug))),
    NEWS_SITEMAP_PATH,
    ...[...touchedSitemaps].filter((id) => sitemapsLeft.has(id)).map(storySitemapPath),
    SITEMAP_INDEX_PATH,
    ...(lists.pageSetChanged ? [PAGES_SITEMAP_PATH] : []),
    // What a live coverage's readers poll: its new entries go live with its page.
    ...changed.filter(isLiveCoverage).map((story) => liveJsonPath(story.storyNumber)),
    // Every query reads what fast publishes changed in the search index since the build.
    searchIndexPath.recent,
  ];
  return {
    ok: true,
    stories,
    changed,
    related: new Map(now.map((story) => [story.documentId, relatedStories(story, index)])),
    pages: changed.map((story) => ({ documentId: story.documentId, path: storyPath(story) })),
    removed,
    filesGone: removedStories.filter((story) => story.liveState).map((story) => liveJsonPath(story.storyNumber)),
    lists: new Map(lists.pages.map((render) => [render.page.path, render])),
    listsGone: lists.gone,
    listsLeft: lists.left,
    files,
    corrections: touched.some((story) => story.notes.some((note) => note.kind === 'correction')),
  };
}

/**
 * Every story a fast-publish render shows (front page and the changed stories' related lists),
 * by documentId with the updatedAt it shows. The render goes ahead only if the CMS still
 * publishes each at that version: a story unpublished in the same batch as a publish leaves
 * the published count unchanged, and must not stay on the front page.
 */
export function shownStories(
  plan: Extract<FastPublishPlan, { ok: true }>,
  sections: { slug: string }[],
): Map<string, string> {
  const { breaking, lead, latest, blocks } = frontPageSelection(plan.stories, sections);
  const shown = [
    ...breaking,
    ...(lead ? [lead] : []),
    ...latest,
    ...blocks.flatMap((block) => block.stories),
    ...[...plan.related.values()].flat(),
  ];
  return new Map(shown.map((story) => [story.documentId, story.updatedAt]));
}
