import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { createCmsClient } from '../../src/lib/server/cms/client';
import { CmsError } from '../../src/lib/server/cms/errors';
import { fakeStrapi, json } from './fake-strapi';

const TOKEN = 'test-token-0123456789abcdef0123456789';
let fake: Awaited<ReturnType<typeof fakeStrapi>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const client = (url: string, extra = {}) =>
  createCmsClient({ url, token: TOKEN, retries: 2, retryDelayMs: 1, timeoutMs: 2000, pageSize: 2, ...extra });

/** One page of a list of `total` entries (two per page, as the client below asks). */
function page(n: number, pageCount: number, ids: string[], total = ids.length + (pageCount - 1) * 2) {
  return {
    data: ids.map((documentId) => ({ documentId })),
    meta: { pagination: { page: n, pageSize: 2, pageCount, total } },
  };
}

describe('CMS client', () => {
  it('runs on the patched axios that the overrides pin, not the 0.27 strapi-sdk-js asks for', () => {
    const require = createRequire(import.meta.url);
    const sdkDir = require.resolve('strapi-sdk-js');
    const axiosPkg = createRequire(sdkDir)('axios/package.json') as { version: string };
    expect(axiosPkg.version).toBe('1.19.0');
  });

  it('pages through every page with the token header, status=published and no `state`', async () => {
    fake = await fakeStrapi((req, res) => {
      const n = Number(req.query.get('pagination[page]'));
      json(res, 200, page(n, 3, [`a${n}`, `b${n}`]));
    });
    const entries = await client(fake.url).findAll('articles', { populate: { section: true }, sort: ['id:asc'] });

    expect(entries.map((e) => (e as { documentId: string }).documentId)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3']);
    expect(fake.seen).toHaveLength(3);
    for (const req of fake.seen) {
      expect(req.path).toBe('/api/articles');
      expect(req.authorization).toBe(`Bearer ${TOKEN}`);
      expect(req.query.get('status')).toBe('published');
      expect(req.query.has('state')).toBe(false);
      expect(req.query.get('populate[section]')).toBe('true');
      expect(req.query.get('pagination[pageSize]')).toBe('2');
    }
  });

  it('reads the pages after the first concurrently, at most four at a time, and keeps their order', async () => {
    let inFlight = 0;
    let most = 0;
    fake = await fakeStrapi((req, res) => {
      const n = Number(req.query.get('pagination[page]'));
      inFlight++;
      most = Math.max(most, inFlight);
      // Later pages answer first, so an order taken from arrival would be wrong.
      setTimeout(
        () => {
          inFlight--;
          json(res, 200, page(n, 9, [`a${n}`, `b${n}`], 18));
        },
        n === 1 ? 0 : 60 - n * 5,
      );
    });
    const entries = await client(fake.url).findAll('articles', { populate: {}, sort: ['id:asc'] });

    expect(entries.map((e) => (e as { documentId: string }).documentId)).toEqual(
      Array.from({ length: 9 }, (_, i) => [`a${i + 1}`, `b${i + 1}`]).flat(),
    );
    expect(most).toBe(4);
  });

  it('asks for the page size given for one request instead of its own', async () => {
    fake = await fakeStrapi((_req, res) => json(res, 200, page(1, 1, ['x'])));
    await client(fake.url).findAll('articles', {
      populate: {},
      sort: ['id:asc'],
      fields: ['updatedAt'],
      pageSize: 1000,
    });
    expect(fake.seen[0]?.query.get('pagination[pageSize]')).toBe('1000');
  });

  it.each([
    ['reads them all when no more match than it takes', 6, 3, ['a1', 'b1', 'a2', 'b2', 'a3', 'b3']],
    [
      'stops after the first page when more match',
      5,
      1,
      /the articles list holds 6 entries, more than the 5 asked for/,
    ],
  ])('with atMost, %s', async (_, atMost, requests, expected) => {
    fake = await fakeStrapi((req, res) => {
      const n = Number(req.query.get('pagination[page]'));
      json(res, 200, page(n, 3, [`a${n}`, `b${n}`]));
    });
    const read = client(fake.url).findAll('articles', { populate: {}, sort: ['id:asc'], atMost });
    if (expected instanceof RegExp) await expect(read).rejects.toThrow(expected);
    else expect((await read).map((e) => (e as { documentId: string }).documentId)).toEqual(expected);
    expect(fake.seen).toHaveLength(requests);
  });

  it('counts published entries with one request of a one-entry page', async () => {
    fake = await fakeStrapi((_req, res) => json(res, 200, page(1, 10_046, ['x'], 10_046)));
    expect(await client(fake.url).count('articles')).toBe(10_046);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]?.query.get('status')).toBe('published');
    expect(fake.seen[0]?.query.get('pagination[pageSize]')).toBe('1');
  });

  it('reads the list again when an entry came or went between two pages', async () => {
    let reads = 0;
    fake = await fakeStrapi((req, res) => {
      const n = Number(req.query.get('pagination[page]'));
      if (n === 1) reads++;
      // First read: a story is published after page 1 (page 2 reports 5 entries, not 4).
      const total = reads === 1 && n === 2 ? 5 : 4;
      json(res, 200, page(n, 2, [`a${n}`, `b${n}`], total));
    });
    const entries = await client(fake.url).findAll('articles', { populate: {}, sort: ['id:asc'] });
    expect(entries).toHaveLength(4);
    expect(reads).toBe(2);
  });

  it('gives up with an error naming the list when it keeps changing while it is read', async () => {
    fake = await fakeStrapi((req, res) => {
      const n = Number(req.query.get('pagination[page]'));
      json(res, 200, page(n, 2, [`a${n}`], 4)); // a page short of what the total promises
    });
    await expect(client(fake.url).findAll('articles', { populate: {}, sort: ['id:asc'] })).rejects.toThrow(
      /articles list changed while it was read, 3 times in a row \(2 entries read, 4 expected\)/,
    );
    expect(fake.seen).toHaveLength(6);
  });

  it.each([
    ['a 503', 503],
    ['a 502', 502],
    ['a 429', 429],
  ])('retries after %s and then succeeds', async (_, status) => {
    let calls = 0;
    fake = await fakeStrapi((_req, res) => {
      calls++;
      if (calls <= 2) json(res, status, { error: { status, message: 'busy' } });
      else json(res, 200, page(1, 1, ['x']));
    });
    const entries = await client(fake.url).findAll('tags', { populate: {}, sort: ['id:asc'] });
    expect(entries).toHaveLength(1);
    expect(calls).toBe(3);
  });

  it('gives up after the configured retries with an error naming the content type and status', async () => {
    fake = await fakeStrapi((_req, res) => json(res, 500, { error: { status: 500, message: 'database down' } }));
    const error = await client(fake.url)
      .findAll('articles', { populate: {}, sort: ['id:asc'] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmsError);
    expect((error as CmsError).context).toMatchObject({ contentType: 'articles', status: 500 });
    expect((error as CmsError).message).toMatch(/answered 500 for articles: database down/);
    expect(fake.seen).toHaveLength(3);
  });

  it('does not retry a 401 and points at the token', async () => {
    fake = await fakeStrapi((_req, res) =>
      json(res, 401, { error: { status: 401, message: 'Missing or invalid credentials' } }),
    );
    const error = (await client(fake.url)
      .findAll('articles', { populate: {}, sort: ['id:asc'] })
      .catch((e: unknown) => e)) as CmsError;
    expect(error.message).toMatch(/401.*CMS_READ_TOKEN/);
    expect(fake.seen).toHaveLength(1);
  });

  it('reports an unreachable CMS by URL instead of returning nothing', async () => {
    fake = await fakeStrapi(() => undefined);
    const url = fake.url;
    await fake.close();
    fake = undefined;
    const error = (await client(url)
      .findAll('articles', { populate: {}, sort: ['id:asc'] })
      .catch((e: unknown) => e)) as CmsError;
    expect(error).toBeInstanceOf(CmsError);
    expect(error.message).toContain(`the CMS at ${url}/api/articles is unreachable after 3 attempt(s) (ECONNREFUSED)`);
  });

  it('times out a request that never answers', async () => {
    fake = await fakeStrapi(() => undefined); // accepts, never responds
    const error = (await client(fake.url, { timeoutMs: 100, retries: 1 })
      .findAll('articles', { populate: {}, sort: ['id:asc'] })
      .catch((e: unknown) => e)) as CmsError;
    expect(error.message).toMatch(/unreachable after 2 attempt\(s\) \(ECONNABORTED/);
  });

  it.each([
    ['no pagination meta', { data: [] }],
    ['data is not a list', { data: {}, meta: { pagination: { page: 1, pageCount: 1, total: 0 } } }],
  ])('rejects a response of the wrong shape (%s)', async (_, body) => {
    fake = await fakeStrapi((_req, res) => json(res, 200, body));
    await expect(client(fake.url).findAll('articles', { populate: {}, sort: ['id:asc'] })).rejects.toThrow(
      /unexpected response shape for articles page 1/,
    );
  });

  it('reads a single type, and returns null when it has no entry', async () => {
    fake = await fakeStrapi((req, res) =>
      req.path === '/api/global'
        ? json(res, 200, { data: { documentId: 'g', siteName: 'x' }, meta: {} })
        : json(res, 404, { error: { status: 404, message: 'Not Found' } }),
    );
    expect(await client(fake.url).findSingle('global', {})).toMatchObject({ siteName: 'x' });
    expect(await client(fake.url).findSingle('missing', {})).toBeNull();
  });

  it('reads one draft by documentId with status=draft, and returns null for an unknown one', async () => {
    fake = await fakeStrapi((req, res) =>
      req.path === '/api/articles/d1'
        ? json(res, 200, { data: { documentId: 'd1', title: 'ร่าง' }, meta: {} })
        : json(res, 404, { error: { status: 404, message: 'Not Found' } }),
    );
    expect(await client(fake.url).findDraft('articles', 'd1', { section: true })).toMatchObject({ title: 'ร่าง' });
    expect(fake.seen[0]?.query.get('status')).toBe('draft');
    expect(fake.seen[0]?.query.get('populate[section]')).toBe('true');
    expect(fake.seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await client(fake.url).findDraft('articles', 'nope', {})).toBeNull();
  });
});
