import { describe, expect, it } from 'vitest';
import type { CmsClient, FindAllOptions } from '../../src/lib/server/cms/client';
import { publishedArticleSchema } from '../../src/lib/server/cms/story-schema';
import { fastPublishCatalog, type FastPublishCatalog } from '../../src/lib/server/fast-publish-plan';
import { decideBatch, FAST_PUBLISH_MAX_RECENT } from '../../src/lib/server/fast-publish-batch';
import { CmsListTooLongError } from '../../src/lib/server/cms/errors';
import type { Story } from '../../src/lib/server/content';
import { sortStories } from '../../src/lib/story';

const BUILD_TIME = Date.UTC(2026, 10, 27, 3);
const at = (minutes: number) => new Date(BUILD_TIME + minutes * 60_000).toISOString();

/** A published story as Strapi's REST API returns it: number n, last updated `updatedAt`. */
function entry(n: number, updatedAt: string) {
  return {
    id: n,
    documentId: `doc${n}`,
    createdAt: at(-600 + n),
    updatedAt,
    publishedAt: updatedAt,
    title: `ข่าวที่ ${n}`,
    storyNumber: n,
    excerpt: null,
    body: `เนื้อหาข่าวที่ ${n}`,
    cover: null,
    section: { id: 1, documentId: 'sec-economy', name: 'เศรษฐกิจ', slug: 'economy', order: 1 },
    tags: [],
    authors: [],
    edition: 'online',
    firstPublishedAt: at(-600 + n),
    scheduledAt: null,
    relatedVideos: [],
    relatedStories: [],
    isBreaking: false,
    notes: [],
    gallery: [],
    liveState: null,
    liveEntries: [],
    seo: null,
  };
}
type Entry = ReturnType<typeof entry>;

const frame = {
  global: { siteName: 'ข่าวทดสอบ' },
  sections: [{ slug: 'economy', name: 'เศรษฐกิจ' }],
  renderedAt: 0,
} as unknown as Parameters<typeof fastPublishCatalog>[2];

/** The catalog of a build that saw `entries`. */
function catalogOf(entries: Entry[]): FastPublishCatalog {
  const stories: Story[] = entries.map((e) => publishedArticleSchema.parse(e));
  return fastPublishCatalog(sortStories(stories), [], frame, { tags: [], authors: [] });
}

/**
 * A CMS holding `published` that answers the client's reads as Strapi would (filters on
 * updatedAt and documentId, the `updatedAt` field list), and runs `meanwhile` before answering
 * read number n: what an editor does while the batch is being decided.
 */
function fakeCms(published: Entry[], meanwhile: (read: number, cms: Map<string, Entry>) => void = () => {}) {
  const cms = new Map(published.map((e) => [e.documentId, e]));
  let reads = 0;
  const client: CmsClient = {
    findAll(_contentType: string, options: FindAllOptions) {
      meanwhile(++reads, cms);
      const filters = (options.filters ?? {}) as {
        updatedAt?: { $gte: string };
        documentId?: { $in: string[] };
      };
      const found = [...cms.values()].filter(
        (e) =>
          (!filters.updatedAt || e.updatedAt >= filters.updatedAt.$gte) &&
          (!filters.documentId || filters.documentId.$in.includes(e.documentId)),
      );
      if (options.atMost !== undefined && found.length > options.atMost) {
        return Promise.reject(new CmsListTooLongError(_contentType, found.length, options.atMost));
      }
      const onlyVersions = options.fields?.length === 1 && options.fields[0] === 'updatedAt';
      return Promise.resolve(
        found.map((e) => (onlyVersions ? { documentId: e.documentId, updatedAt: e.updatedAt } : structuredClone(e))),
      );
    },
    count: (_contentType, filters) => {
      meanwhile(++reads, cms);
      const before = (filters?.updatedAt as { $lt?: string } | undefined)?.$lt;
      return Promise.resolve([...cms.values()].filter((e) => !before || e.updatedAt < before).length);
    },
    findSingle: () => Promise.reject(new Error('the batch reads no single type')),
    findDraft: () => Promise.reject(new Error('the batch never reads a draft')),
  };
  return { client, reads: () => reads };
}

const built = [entry(1, at(-300)), entry(2, at(-200)), entry(3, at(-100))];
const catalog = catalogOf(built);

describe('decideBatch', () => {
  it('plans a story published since the build: its page and the front page', async () => {
    const { client } = fakeCms([...built, entry(4, at(5))]);
    const { plan } = await decideBatch(client, catalog, []);
    expect(plan).toMatchObject({ ok: true, pages: [{ documentId: 'doc4', path: '/news/economy/4' }], removed: [] });
  });

  it('takes down a story the webhook named once the CMS confirms it is gone', async () => {
    const { client } = fakeCms([built[0]!, built[2]!]);
    const { plan } = await decideBatch(client, catalog, ['doc2']);
    expect(plan).toMatchObject({ ok: true, pages: [], removed: [{ documentId: 'doc2', path: '/news/economy/2' }] });
  });

  it('keeps a story the webhook named but the CMS still publishes (a hint is never trusted)', async () => {
    const { client } = fakeCms([...built, entry(4, at(5))]);
    const { plan } = await decideBatch(client, catalog, ['doc2', 'not-in-the-catalog']);
    expect(plan).toMatchObject({ ok: true, removed: [] });
    if (plan.ok) expect(plan.stories.map((s) => s.documentId)).toContain('doc2');
  });

  it.each([
    [
      'a story was unpublished without a webhook hint while one was published',
      [built[0]!, built[2]!, entry(4, at(5))],
      () => {},
      /the CMS publishes 1 stories last updated before the build, not the 2 the build knows less those updated since and 0 taken down/,
    ],
    [
      'a story was unpublished between the read of recent changes and the count',
      [...built, entry(4, at(5))],
      (read: number, cms: Map<string, Entry>) => {
        if (read === 2) cms.delete('doc1'); // read 1 lists recent changes, read 2 counts
      },
      /the CMS publishes 1 stories last updated before the build, not the 2/,
    ],
    [
      'a story on the front page was edited after the plan was made',
      [...built, entry(4, at(5))],
      (read: number, cms: Map<string, Entry>) => {
        // Reads: recent changes, count, the changed story in full, then the shown stories' versions.
        if (read === 4) cms.set('doc3', entry(3, at(6)));
      },
      /story doc3 changed or was unpublished during the batch/,
    ],
    [
      'a story on the front page was unpublished after the plan was made',
      [...built, entry(4, at(5))],
      (read: number, cms: Map<string, Entry>) => {
        if (read === 4) cms.delete('doc1');
      },
      /story doc1 changed or was unpublished during the batch/,
    ],
    [
      'a changed story fails validation (the full build names it)',
      [...built, { ...entry(4, at(5)), title: '' }],
      () => {},
      /doc4.*title/s,
    ],
  ])('declines when %s', async (_, published, meanwhile, reason) => {
    const { client } = fakeCms(published, meanwhile);
    const { plan } = await decideBatch(client, catalog, []);
    expect(plan.ok).toBe(false);
    if (!plan.ok) expect(plan.reason).toMatch(reason);
  });

  it('plans a publish when another story is published between the read of recent changes and the count', async () => {
    // On a busy desk this is common: counting every story made the batch step aside each time.
    const { client } = fakeCms([...built, entry(4, at(5))], (read, cms) => {
      if (read === 2) cms.set('doc5', entry(5, at(6)));
    });
    const { plan } = await decideBatch(client, catalog, []);
    expect(plan).toMatchObject({ ok: true, pages: [{ documentId: 'doc4', path: '/news/economy/4' }] });
  });

  it('after a bulk import, lists only what changed from when the build began reading, less the overlap', async () => {
    // 200 stories imported within the minute before the build began reading the CMS.
    const imported = Array.from({ length: 200 }, (_, i) => entry(i + 1, at(-1 + i / 400)));
    const cms = fakeCms([...imported, entry(201, at(5))]);
    const listed: number[] = [];
    const asked: string[] = [];
    const client: CmsClient = {
      ...cms.client,
      findAll: async (contentType, options) => {
        const found = await cms.client.findAll(contentType, options);
        const since = (options.filters as { updatedAt?: { $gte: string } } | undefined)?.updatedAt?.$gte;
        if (since) {
          asked.push(since);
          listed.push(found.length);
        }
        return found;
      },
    };
    const readFrom = at(2); // the build's process started after the import
    const bulk = fastPublishCatalog(
      sortStories(imported.map((e) => publishedArticleSchema.parse(e))),
      [],
      frame,
      {
        tags: [],
        authors: [],
      },
      readFrom,
    );
    const { plan } = await decideBatch(client, bulk, []);
    expect(plan).toMatchObject({ ok: true, pages: [{ documentId: 'doc201', path: '/news/economy/201' }] });
    expect(asked).toEqual([at(1)]);
    expect(listed).toEqual([1]);
    // Without the time of reading, the overlap before the newest imported story lists every one.
    listed.length = 0;
    await decideBatch(client, catalogOf(imported), []);
    expect(listed).toEqual([201]);
  });

  it('steps aside without listing them when more stories were updated than a fast publish lists', async () => {
    // A bulk import the build read within the overlap of its start: every story is recent.
    const imported = Array.from({ length: FAST_PUBLISH_MAX_RECENT + 1 }, (_, i) => entry(i + 1, at(-0.5)));
    const { client } = fakeCms([...imported, entry(FAST_PUBLISH_MAX_RECENT + 2, at(5))]);
    const { plan } = await decideBatch(client, catalogOf(imported), []);
    expect(plan.ok).toBe(false);
    if (!plan.ok) {
      expect(plan.reason).toMatch(
        /^20002 stories were updated in the CMS since .* more than the 20000 a fast publish lists/,
      );
    }
  });

  it('tells each step of a plan as it ends, for the status record', async () => {
    const { client } = fakeCms([...built, entry(4, at(5))]);
    const steps: string[] = [];
    await decideBatch(client, catalog, [], (step) => steps.push(step));
    expect(steps).toEqual(['takedowns', 'changes', 'plan', 'shown']);
  });

  it('reads the CMS four times for a publish: recent changes, count, the story, the shown versions', async () => {
    const cms = fakeCms([...built, entry(4, at(5))]);
    await decideBatch(cms.client, catalog, []);
    expect(cms.reads()).toBe(4);
  });
});
