import { afterEach, describe, expect, it } from 'vitest';
import { publishedPrint, restTypes, onlyStoriesChanged } from '../../server/src/published-fingerprint';
import { fakeStrapi, json } from './fake-strapi';

let fake: Awaited<ReturnType<typeof fakeStrapi>> | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('restTypes', () => {
  it('lists every content type of the Strapi app with its REST path', () => {
    expect(restTypes()).toEqual([
      { path: 'articles', collection: true },
      { path: 'authors', collection: true },
      { path: 'categories', collection: true },
      { path: 'global', collection: false },
      { path: 'tags', collection: true },
      { path: 'videos', collection: true },
    ]);
  });
});

describe('publishedPrint', () => {
  /** A CMS whose articles are `articles` (newest updatedAt first) and whose Global is `global`. */
  function cms(articles: string[], global: string | null) {
    return fakeStrapi((req, res) => {
      if (req.path === '/api/global') {
        if (global === null) json(res, 404, { data: null, error: { status: 404 } });
        else json(res, 200, { data: { updatedAt: global } });
        return;
      }
      json(res, 200, {
        data: articles.slice(0, 1).map((updatedAt) => ({ updatedAt })),
        meta: { pagination: { page: 1, pageSize: 1, pageCount: articles.length, total: articles.length } },
      });
    });
  }
  const types = [
    { path: 'articles', collection: true },
    { path: 'global', collection: false },
  ];

  it('reads the count and newest updatedAt of each type, published only, one entry per request', async () => {
    fake = await cms(['2026-11-26T02:00:00.000Z', '2026-11-26T01:00:00.000Z'], '2026-11-25T00:00:00.000Z');
    const print = await publishedPrint(fake.url, 'token', types);
    expect(print).toBe('articles:2:2026-11-26T02:00:00.000Z;global:1:2026-11-25T00:00:00.000Z');
    const articles = fake.seen.find((r) => r.path === '/api/articles')!;
    expect(articles.authorization).toBe('Bearer token');
    expect(articles.query.get('status')).toBe('published');
    expect(articles.query.get('sort[0]')).toBe('updatedAt:desc');
    expect(articles.query.get('pagination[pageSize]')).toBe('1');
  });

  it.each([
    ['a story published', ['2026-11-26T03:00:00.000Z', '2026-11-26T02:00:00.000Z', '2026-11-26T01:00:00.000Z']],
    ['a story unpublished', ['2026-11-26T02:00:00.000Z']],
    ['a story republished', ['2026-11-26T03:00:00.000Z', '2026-11-26T01:00:00.000Z']],
  ])('changes when %s', async (_, after) => {
    fake = await cms(['2026-11-26T02:00:00.000Z', '2026-11-26T01:00:00.000Z'], null);
    const before = await publishedPrint(fake.url, 't', types);
    await fake.close();
    fake = await cms(after, null);
    expect(await publishedPrint(fake.url, 't', types)).not.toBe(before);
  });

  it('treats a Global with nothing published as a state, and any other error as an error', async () => {
    fake = await cms([], null);
    expect(await publishedPrint(fake.url, 't', types)).toBe('articles:0:none;global:none');
    await fake.close();
    fake = await fakeStrapi((_req, res) => json(res, 401, { error: { status: 401 } }));
    await expect(publishedPrint(fake.url, 't', types)).rejects.toThrow(/\/api\/articles\?.* answered 401/);
  });

  it('gives up on a CMS that does not answer', async () => {
    fake = await fakeStrapi(() => {}); // never answers
    await expect(publishedPrint(fake.url, 't', types, 200)).rejects.toThrow(/abort|timeout/i);
  });
});

describe('onlyStoriesChanged', () => {
  const print = (articles: string, global = 'global:1:2026-11-01T00:00:00.000Z') =>
    `articles:${articles};authors:6:2026-11-01T00:00:00.000Z;${global}`;
  it.each([
    ['a story published', print('49:2026-11-26T01:00:00.000Z'), print('50:2026-11-26T02:00:00.000Z'), true],
    ['a story republished', print('49:2026-11-26T01:00:00.000Z'), print('49:2026-11-26T02:00:00.000Z'), true],
    ['a story unpublished', print('49:2026-11-26T01:00:00.000Z'), print('48:2026-11-26T01:00:00.000Z'), true],
    [
      'the Global settings edited too',
      print('49:2026-11-26T01:00:00.000Z'),
      print('50:2026-11-26T02:00:00.000Z', 'global:1:2026-11-26T02:00:00.000Z'),
      false,
    ],
    ['nothing changed', print('49:2026-11-26T01:00:00.000Z'), print('49:2026-11-26T01:00:00.000Z'), false],
    ['a content type more', print('49:a'), `${print('50:b')};videos:1:c`, false],
  ])('%s → %s', (_, before, after, expected) => {
    expect(onlyStoriesChanged(before, after)).toBe(expected);
  });
});
