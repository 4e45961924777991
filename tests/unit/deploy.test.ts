import { afterEach, describe, expect, it } from 'vitest';
import { stillPublished, storyDropRefusal } from '../../server/src/deploy';
import { fakeStrapi, json } from './fake-strapi';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A CMS that publishes `published` (documentId → updatedAt), or answers `status` to everything. */
async function cms(published: Record<string, string>, status = 200) {
  const fake = await fakeStrapi((req, res) => {
    if (status !== 200) {
      json(res, status, { error: {} });
      return;
    }
    const asked = [...req.query.entries()]
      .filter(([key]) => key.startsWith('filters[documentId][$in]'))
      .map(([, v]) => v);
    json(res, 200, {
      data: asked
        .filter((id) => id in published)
        .map((documentId) => ({ documentId, updatedAt: published[documentId] })),
    });
  });
  close = fake.close;
  return fake.url;
}

const story = (documentId: string, updatedAt: string) => ({ documentId, updatedAt }) as never;

describe('stillPublished (may a fast-publish release stand over a newer build?)', () => {
  it.each([
    ['every story at the version it shows', { a: 't1', b: 't2' }, [story('a', 't1'), story('b', 't2')], [], true],
    ['a story edited since', { a: 't1', b: 't3' }, [story('a', 't1'), story('b', 't2')], [], false],
    [
      'a story taken down since (its fast-publish step missed it)',
      { a: 't1' },
      [story('a', 't1'), story('b', 't2')],
      [],
      false,
    ],
    ['a story it took down, published again', { a: 't1', x: 't9' }, [story('a', 't1')], ['x'], false],
    ['a story it took down, still down', { a: 't1' }, [story('a', 't1')], ['x'], true],
  ])('%s → %s', async (_, published, stories, removed, expected) => {
    const url = await cms(published);
    expect(await stillPublished({ cmsUrl: url, token: 't', siteUrl: 'http://site' }, { stories, removed })).toBe(
      expected,
    );
  });

  it('says no when it cannot tell: no delta, or the CMS does not answer', async () => {
    const url = await cms({}, 503);
    const build = { cmsUrl: url, token: 't', siteUrl: 'http://site' };
    expect(await stillPublished(build, null)).toBe(false);
    expect(await stillPublished(build, { stories: [story('a', 't1')], removed: [] })).toBe(false);
  });
});

describe('storyDropRefusal (may a build replace a live site that publishes more stories?)', () => {
  it.each([
    ['the same stories', 100, 100, null],
    ['a few more', 100, 104, null],
    ['a drop of exactly the share allowed', 100, 90, null],
    ['a drop of more than the share allowed', 100, 89, /publishes 89 stories and the live site 100, a drop of 11 %/],
    ['an empty CMS (a lost database)', 63, 0, /a drop of 100 % \(more than the 10 % allowed\).*force=1/],
    ['a live site with no stories yet', 0, 0, null],
  ])('%s: live %i, next %i', (_, live, next, refusal) => {
    const answer = storyDropRefusal(live, next, 0.1);
    if (refusal === null) expect(answer).toBeNull();
    else expect(answer).toMatch(refusal);
  });
});
