import { z } from 'astro/zod';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CmsClient } from '../../src/lib/server/cms/client';
import { CmsValidationError } from '../../src/lib/server/cms/errors';
import { changedSince, strapiLoader } from '../../src/lib/server/cms/loader';
import { validateEntries } from '../../src/lib/server/cms/validate';

const schema = z.object({
  documentId: z.string(),
  title: z.string().min(1),
  section: z.object({ slug: z.string() }),
});

describe('validateEntries', () => {
  it('returns every valid entry', () => {
    const entries = [{ documentId: 'a', title: 'ข่าว', section: { slug: 'news' } }];
    expect(validateEntries('articles', schema, entries)).toEqual(entries);
  });

  it('lists every bad entry with its documentId and field, not just the first', () => {
    const entries = [
      { documentId: 'ok', title: 'ข่าว', section: { slug: 'news' } },
      { documentId: 'no-title', title: '', section: { slug: 'news' } },
      { documentId: 'no-section', title: 'ข่าว', section: null },
      { title: 'ไม่มีไอดี', section: { slug: 3 } },
    ];
    const error = (() => {
      try {
        validateEntries('articles', schema, entries);
        return null;
      } catch (e) {
        return e as CmsValidationError;
      }
    })();
    expect(error).toBeInstanceOf(CmsValidationError);
    expect(error!.problems.map((p) => [p.documentId, p.field])).toEqual([
      ['no-title', 'title'],
      ['no-section', 'section'],
      ['(entry #4 without documentId)', 'documentId'],
      ['(entry #4 without documentId)', 'section.slug'],
    ]);
    expect(error!.message).toMatch(/^4 invalid articles entries in the CMS:/);
    expect(error!.message).toContain('articles no-title, field "title"');
  });
});

/** The slice of Astro's loader context the Strapi loader uses. */
function fakeContext() {
  const data = new Map<string, { data: unknown; digest: string }>();
  const meta = new Map<string, string>();
  const logs: string[] = [];
  return {
    data,
    meta,
    logs,
    context: {
      store: {
        set: ({ id, data: d, digest }: { id: string; data: unknown; digest: string }) => {
          data.set(id, { data: d, digest });
          return true;
        },
        keys: () => [...data.keys()],
        get: (id: string) => data.get(id),
        delete: (id: string) => void data.delete(id),
      },
      meta: { set: (k: string, v: string) => void meta.set(k, v), get: (k: string) => meta.get(k) },
      logger: { info: (line: string) => void logs.push(line) },
      generateDigest: (d: unknown) => JSON.stringify(d),
    },
  };
}

const fakeClient = (entries: unknown[]): CmsClient => ({
  findAll: () => Promise.resolve(entries),
  count: () => Promise.resolve(entries.length),
  findSingle: () => Promise.resolve(entries[0] ?? null),
  // The loader builds the public site: it must never read a draft.
  findDraft: () => Promise.reject(new Error('the loader read a draft')),
});

describe('changedSince', () => {
  const entries = [{ updatedAt: '2026-11-29T10:00:00.000Z' }, { updatedAt: '2026-11-29T10:05:00.000Z' }, {}];
  it.each([
    ['the newest entry, less the overlap', undefined, '2026-11-29T10:04:00.000Z'],
    ['when the reading began, when later', '2026-11-29T12:00:00.000Z', '2026-11-29T11:59:00.000Z'],
    ['the newest entry, when the reading began before it', '2026-11-29T10:01:00.000Z', '2026-11-29T10:04:00.000Z'],
    ['the newest entry, when the time of reading is no time', 'not a time', '2026-11-29T10:04:00.000Z'],
  ])('asks from %s', (_, readFrom, since) => {
    expect(changedSince(entries, readFrom)).toBe(since);
  });

  it('asks from the beginning when nothing is stored and nothing says when reading began', () => {
    expect(changedSince([])).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('strapiLoader', () => {
  const story = (documentId: string, title = 'ข่าว') => ({ documentId, title, section: { slug: 'news' } });

  it('stores entries by documentId, removes the ones the CMS no longer has, and records the sync', async () => {
    const { context, data, meta, logs } = fakeContext();
    data.set('gone', { data: story('gone'), digest: 'x' });
    const loader = strapiLoader({
      client: () => fakeClient([story('a'), story('b')]),
      contentType: 'articles',
      kind: 'collection',
      schema,
      populate: {},
    });
    await loader.load(context as never);
    expect([...data.keys()].sort()).toEqual(['a', 'b']);
    expect(meta.get('lastSynced')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(logs[0]).toMatch(/^2 articles loaded in \d+ ms$/);
  });

  it('fails the whole load on an invalid entry and leaves the store untouched', async () => {
    const { context, data } = fakeContext();
    data.set('kept', { data: story('kept'), digest: 'x' });
    const loader = strapiLoader({
      client: () => fakeClient([story('a'), story('bad', '')]),
      contentType: 'articles',
      kind: 'collection',
      schema,
      populate: {},
    });
    await expect(loader.load(context as never)).rejects.toThrow(/articles bad, field "title"/);
    expect([...data.keys()]).toEqual(['kept']);
  });

  it('loads a single type as one entry, and none when the CMS has none', async () => {
    for (const [entries, expected] of [
      [[story('g')], ['g']],
      [[], []],
    ] as const) {
      const { context, data } = fakeContext();
      const loader = strapiLoader({
        client: () => fakeClient([...entries]),
        contentType: 'global',
        kind: 'single',
        schema,
        populate: {},
      });
      await loader.load(context as never);
      expect([...data.keys()]).toEqual(expected);
    }
  });

  describe('incremental sync', () => {
    type Entry = { documentId: string; title: string; section: { slug: string }; updatedAt: string };
    const T0 = '2026-11-26T00:00:00.000Z';
    const T1 = '2026-11-26T01:00:00.000Z';
    const T2 = '2026-11-26T02:00:00.000Z';
    // The second sync asks from a minute before the newest updatedAt it stored, or before the
    // first sync began reading when that is later: these syncs read at T0, before every entry.
    const SINCE_T1 = '2026-11-26T00:59:00.000Z';
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(T0));
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    const entry = (documentId: string, updatedAt: string, title = 'ข่าว'): Entry => ({
      documentId,
      title,
      section: { slug: 'news' },
      updatedAt,
    });

    /**
     * A fake CMS holding `entries` (and `categories`), recording what each call asked for.
     * `countOffset` skews the count, as an older entry edited between two requests would;
     * `vanished` entries are listed but gone when read in full (unpublished in between);
     * `publishedLater` joins the entries right after the first listing (published in between).
     */
    function cms(
      entries: Entry[],
      categories = [{ documentId: 'c1', updatedAt: T0 }],
      countOffset = 0,
      vanished: string[] = [],
      publishedLater: Entry[] = [],
    ) {
      const calls: string[] = [];
      const client: CmsClient = {
        findAll: (contentType, { fields, filters }) => {
          if (contentType === 'categories') return Promise.resolve(categories);
          const ids = (filters?.documentId as { $in?: string[] } | undefined)?.$in;
          const since = (filters?.updatedAt as { $gte?: string } | undefined)?.$gte;
          const matching = entries.filter((e) => !since || e.updatedAt >= since);
          if (fields) {
            calls.push(since ? `versions since:${since}` : 'versions');
            const listed = matching.map(({ documentId, updatedAt }) => ({ documentId, updatedAt }));
            entries.push(...publishedLater.splice(0));
            return Promise.resolve(listed);
          }
          calls.push(ids ? `changed:${ids.join(',')}` : 'all');
          const readable = entries.filter((e) => !vanished.includes(e.documentId));
          return Promise.resolve(ids ? readable.filter((e) => ids.includes(e.documentId)) : readable);
        },
        count: (_contentType, filters) => {
          calls.push('count');
          const before = (filters?.updatedAt as { $lt?: string } | undefined)?.$lt;
          return Promise.resolve(entries.filter((e) => !before || e.updatedAt < before).length + countOffset);
        },
        findSingle: () => Promise.reject(new Error('not a single type')),
        findDraft: () => Promise.reject(new Error('the loader read a draft')),
      };
      return { client, calls, entries, categories };
    }

    const loaderFor = (client: CmsClient) =>
      strapiLoader({
        client: () => client,
        contentType: 'articles',
        kind: 'collection',
        schema: schema.extend({ updatedAt: z.string() }),
        populate: {},
        dependsOn: ['categories'],
      });

    it('lists what was updated since the last sync, counts, and reads only the changed entries', async () => {
      const { context, data, logs } = fakeContext();
      const first = cms([entry('a', T1), entry('b', T1), entry('c', T0)]);
      await loaderFor(first.client).load(context as never);
      expect(first.calls).toEqual(['all']);

      // b edited, d published: three requests, however many stories there are.
      const second = cms([entry('a', T1), entry('b', T2, 'แก้แล้ว'), entry('c', T0), entry('d', T2)]);
      await loaderFor(second.client).load(context as never);
      // a is listed again (the one-minute overlap) but not read: its updatedAt is unchanged.
      expect(second.calls).toEqual([`versions since:${SINCE_T1}`, 'count', 'changed:b,d']);
      expect([...data.keys()].sort()).toEqual(['a', 'b', 'c', 'd']);
      expect((data.get('b')!.data as Entry).title).toBe('แก้แล้ว');
      expect(logs.at(-1)).toMatch(/^4 articles: 2 changed, 0 removed, synced in \d+ ms$/);
    });

    it('after a bulk import, lists from when the last sync began reading, less the overlap', async () => {
      const { context } = fakeContext();
      // 300 entries imported at T1; the first sync reads at T2.
      const imported = Array.from({ length: 300 }, (_, i) => entry(`i${i}`, T1));
      vi.setSystemTime(new Date(T2));
      await loaderFor(cms([...imported]).client).load(context as never);
      const second = cms([...imported, entry('d', '2026-11-26T02:00:30.000Z')]);
      await loaderFor(second.client).load(context as never);
      expect(second.calls).toEqual(['versions since:2026-11-26T01:59:00.000Z', 'count', 'changed:d']);
    });

    it('falls back to the full list when the count shows an entry gone, and drops it', async () => {
      const { context, data, logs } = fakeContext();
      await loaderFor(cms([entry('a', T1), entry('b', T1), entry('c', T1)]).client).load(context as never);

      // b edited, c unpublished, d published: stored + updated is 4, but 3 are published.
      const second = cms([entry('a', T1), entry('b', T2, 'แก้แล้ว'), entry('d', T2)]);
      await loaderFor(second.client).load(context as never);
      expect(second.calls).toEqual([`versions since:${SINCE_T1}`, 'count', 'versions', 'changed:b,d']);
      expect([...data.keys()].sort()).toEqual(['a', 'b', 'd']);
      expect((data.get('b')!.data as Entry).title).toBe('แก้แล้ว');
      expect(logs.at(-1)).toMatch(/^3 articles: 2 changed, 1 removed, synced in \d+ ms$/);
    });

    it('needs no full list when an entry is published between the two requests: only older entries are counted', async () => {
      const { context, data } = fakeContext();
      await loaderFor(cms([entry('a', T1)]).client).load(context as never);
      // On a busy desk a publish often lands between the listing and the count; the next sync lists it.
      const racing = cms([entry('a', T1)], undefined, 0, [], [entry('e', T2)]);
      await loaderFor(racing.client).load(context as never);
      expect(racing.calls).toEqual([`versions since:${SINCE_T1}`, 'count']);
      expect([...data.keys()]).toEqual(['a']);
    });

    it('falls back to the full list when the count of older entries disagrees (one edited in between)', async () => {
      const { context, data } = fakeContext();
      await loaderFor(cms([entry('a', T0), entry('b', T1)]).client).load(context as never);
      const racing = cms([entry('a', T0), entry('b', T1), entry('e', T2)], undefined, -1);
      await loaderFor(racing.client).load(context as never);
      expect(racing.calls).toEqual([`versions since:${SINCE_T1}`, 'count', 'versions', 'changed:e']);
      expect([...data.keys()].sort()).toEqual(['a', 'b', 'e']);
    });

    it('drops an entry that was listed as changed but is gone when read (unpublished in between)', async () => {
      const { context, data, logs } = fakeContext();
      await loaderFor(cms([entry('a', T1), entry('b', T1)]).client).load(context as never);
      const unpublishing = cms([entry('a', T1), entry('b', T2)], undefined, 0, ['b']);
      await loaderFor(unpublishing.client).load(context as never);
      expect(unpublishing.calls).toEqual([`versions since:${SINCE_T1}`, 'count', 'changed:b']);
      expect([...data.keys()]).toEqual(['a']);
      expect(logs.at(-1)).toMatch(/^1 articles: 0 changed, 1 removed, synced in \d+ ms$/);
    });

    it('reads everything again when a collection it embeds changed', async () => {
      const { context } = fakeContext();
      await loaderFor(cms([entry('a', T1)]).client).load(context as never);
      const renamed = cms([entry('a', T1)], [{ documentId: 'c1', updatedAt: T2 }]);
      await loaderFor(renamed.client).load(context as never);
      expect(renamed.calls).toEqual(['all']);
    });

    it('reads everything again once the last full sync is older than fullSyncEveryMs', async () => {
      const { context, meta } = fakeContext();
      await loaderFor(cms([entry('a', T1)]).client).load(context as never);
      meta.set('lastFullSync', new Date(Date.now() - 3_600_001).toISOString());
      const later = cms([entry('a', T1)]);
      await loaderFor(later.client).load(context as never);
      expect(later.calls).toEqual(['all']);
    });

    it('keeps the store as it was when a changed entry is invalid', async () => {
      const { context, data } = fakeContext();
      await loaderFor(cms([entry('a', T1)]).client).load(context as never);
      const broken = cms([entry('a', T2, '')]);
      await expect(loaderFor(broken.client).load(context as never)).rejects.toThrow(/articles a, field "title"/);
      expect((data.get('a')!.data as Entry).title).toBe('ข่าว');
    });
  });
});
