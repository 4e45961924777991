import { expect, test, type APIRequestContext } from '@playwright/test';
import { deleteStory, saveDraft, setPublished } from '../harness/editor';
import { settled, until } from '../harness/live-site';
import { newsroomState } from '../harness/suite-newsroom';

const state = newsroomState();
const cacheUrl = state.cacheUrl ?? '';

/** A GET through Varnish: status, whether it came from the cache, the body. */
async function throughCache(request: APIRequestContext, route: string) {
  const response = await request.get(`${cacheUrl}${route}`, { maxRedirects: 0 });
  return { status: response.status(), cache: response.headers()['x-cache'], body: await response.text() };
}

/** Reads `route` through the cache until the cache holds it (a HIT), as readers keep it warm. */
async function cached(request: APIRequestContext, route: string) {
  await expect.poll(async () => (await throughCache(request, route)).cache, { timeout: 10_000 }).toBe('HIT');
}

test.describe(`readers behind Varnish (${state.database})`, () => {
  test.skip(!state.cacheUrl, 'varnishd is not installed here (apt-get install varnish)');
  // Two full builds on two cores.
  test.describe.configure({ timeout: 300_000 });

  test('the site tells a shared cache what it may keep, and Varnish keeps pages', async ({ request }) => {
    const front = await request.get(`${state.siteUrl}/`);
    expect(front.headers()['cache-control']).toMatch(/s-maxage=\d{3}/);
    const asset = /\/_astro\/[^"]+\.css/.exec(await front.text())?.[0];
    expect(asset, 'the front page links a hashed stylesheet').toBeTruthy();
    expect((await request.get(`${state.siteUrl}${asset}`)).headers()['cache-control']).toContain('immutable');
    await cached(request, '/');
    // A query string (a campaign tag) is the same object: one purge reaches every reader.
    expect((await throughCache(request, '/?utm_source=line')).cache).toBe('HIT');
    // What editors and operators talk to is never cached or shared.
    const hook = await request.get(`${cacheUrl}/_hooks/status`, {
      headers: { Authorization: `Bearer ${state.hookSecret}` },
    });
    expect(hook.status()).toBe(200);
    expect((await request.get(`${cacheUrl}/_hooks/status`)).status()).toBe(401);
  });

  test('a publish and a takedown are seen through the cache, in every spelling, and nothing stale survives', async ({
    request,
  }) => {
    await settled(request);
    const title = `ข่าวผ่านแคช ${Date.now()} จบ`;
    // Pages readers hold in the cache when the story is published: without a purge, Varnish
    // would answer them unchanged for minutes (s-maxage), far beyond these polls.
    for (const route of ['/', '/news/politics']) await cached(request, route);
    const story = await saveDraft(request, { title, body: `${title}: เนื้อหาทดสอบแคช`, sectionSlug: 'politics' });
    const route = `/news/politics/${story.storyNumber}`;
    try {
      // A reader asked for the URL before it existed: the cache holds that 404 too.
      expect((await throughCache(request, route)).status).toBe(404);
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, route, (status, body) => status === 200 && body.includes(title), cacheUrl);
      await until(request, '/', (status, body) => status === 200 && body.includes(title), cacheUrl);
      // The section's list is the full build's: it reaches the cache when that build goes live.
      await until(
        request,
        '/news/politics',
        (status, body) => status === 200 && body.includes(`href="${route}"`),
        cacheUrl,
      );
      await settled(request);

      const spellings = [route, `${route}/`, `${route}?utm_source=facebook`, '/', '/news/politics'];
      for (const spelling of spellings) await cached(request, spelling);
      expect(await setPublished(request, story.documentId, false)).toBe(200);
      await until(request, route, (status) => status === 404, cacheUrl);
      await until(request, '/', (status, body) => status === 200 && !body.includes(`href="${route}"`), cacheUrl);
      await until(
        request,
        '/news/politics',
        (status, body) => status === 200 && !body.includes(`href="${route}"`),
        cacheUrl,
      );
      await settled(request);
      // Once everything settled, no spelling of the story is left in the cache.
      for (const spelling of [route, `${route}/`, `${route}?utm_source=facebook`]) {
        expect((await throughCache(request, spelling)).status, spelling).toBe(404);
      }
      for (const list of ['/', '/news/politics', '/rss.xml']) {
        expect((await throughCache(request, list)).body, list).not.toContain(title);
      }
    } finally {
      await deleteStory(request, story.documentId);
    }
  });
});
