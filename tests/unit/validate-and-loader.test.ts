import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import type { CmsClient } from '../../src/lib/cms/client';
import { CmsValidationError } from '../../src/lib/cms/errors';
import { strapiLoader } from '../../src/lib/cms/loader';
import { validateEntries } from '../../src/lib/cms/validate';

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
        delete: (id: string) => void data.delete(id),
      },
      meta: { set: (k: string, v: string) => void meta.set(k, v) },
      logger: { info: (line: string) => void logs.push(line) },
      parseData: ({ data: d }: { data: unknown }) => Promise.resolve(d),
      generateDigest: (d: unknown) => JSON.stringify(d),
    },
  };
}

const fakeClient = (entries: unknown[]): CmsClient => ({
  findAll: () => Promise.resolve(entries),
  findSingle: () => Promise.resolve(entries[0] ?? null),
  // The loader builds the public site: it must never read a draft.
  findDraft: () => Promise.reject(new Error('the loader read a draft')),
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
});
