import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../../server/src/processes';
import { Releases } from '../../server/src/releases';
import { storySitemapOf, storySitemapPath } from '../../src/lib/sitemap';
import { deleteStory, editDraft, saveDraft, sectionId, setPublished } from '../harness/editor';
import { cspDirectives, metaPolicy } from '../harness/csp';
import { builds, newestBuildId, publishStatus, settled, startSecondSite, until } from '../harness/live-site';
import { newsroomState } from '../harness/suite-newsroom';
import { pagesOfEveryType } from '../harness/page-types';
import { recentDisagreements, searchFinds } from '../harness/live-search';
import { searchIndexPath, type RecentChanges } from '../../src/lib/search';

const state = newsroomState();
const hook = `${state.siteUrl}/_hooks/publish`;
const auth = { Authorization: `Bearer ${state.hookSecret}` };

/**
 * A page with what depends on the moment of rendering taken out: the header's date line. Every
 * other date is compared, datetime and text, and so are the pictures (the same variants, made at
 * upload, on both).
 */
function comparable(html: string): string {
  // The policy is compared on its own (policyOf): a fast-publish page carries it first in <head>.
  html = html.replace(/<meta http-equiv="content-security-policy"[^>]*>/, '');
  return html.replace(/<time datetime="[^"]*" data-live="now">.*?<\/time>/gs, '<time now/>').replace(/© \d{4}/g, '©');
}

/** A page's Content-Security-Policy `<meta>`, as its sources by directive. */
function policyOf(html: string): Map<string, Set<string>> {
  return new Map(cspDirectives(metaPolicy(html)).map(([name, sources]) => [name, new Set(sources)]));
}

/** True when a page links at least three stories (of `section`, when given): a real list, not an error page. */
function listsStories(body: string, section = '[a-z-]+'): boolean {
  return (body.match(new RegExp(`href="/news/${section}/\\d+"`, 'g')) ?? []).length >= 3;
}

/** Polls until a reader's search for `query` on the live site finds `route` (or, with `found` false, does not). */
async function untilSearchFinds(query: string, route: string, found = true) {
  await expect.poll(() => searchFinds(state.siteUrl, query, route), { timeout: 90_000, intervals: [250] }).toBe(found);
}

test.describe(`publishing goes live through the webhook (${state.database})`, () => {
  // Each test waits for one or more real site builds (5 to 15 s each on two cores).
  test.describe.configure({ timeout: 240_000 });

  test('a forged webhook gets 401 and starts no build', async ({ request }) => {
    await settled(request);
    const before = await newestBuildId(request);
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: `Bearer ${state.hookSecret}x` }]) {
      const response = await request.post(hook, { headers, data: { event: 'entry.publish', entry: null } });
      expect(response.status()).toBe(401);
    }
    expect((await request.get(`${state.siteUrl}/_hooks/status`)).status()).toBe(401);
    // Nor can anyone outside reach the fast-publish render, with or without a guessed key.
    const routes = [
      '/fast-publish/plan.json',
      '/fast-publish/catalog.json',
      '/fast-publish/catalog/0.json',
      '/fast-publish/',
    ];
    for (const route of routes) {
      for (const headers of [{}, { 'x-fast-publish-key': state.hookSecret }]) {
        expect((await request.get(`${state.siteUrl}${route}`, { headers })).status(), route).toBe(404);
      }
    }
    // What only the site server and its render worker read is not even in what readers are served.
    const live = new Releases(state.releasesDir).live()!;
    const built = new Releases(state.releasesDir).built(live);
    expect(existsSync(path.join(built, 'client', 'fast-publish'))).toBe(false);
    expect(existsSync(path.join(built, 'client', 'story-paths.json'))).toBe(false);
    expect(existsSync(path.join(built, 'internal', 'fast-publish', 'catalog.json'))).toBe(true);
    expect(existsSync(path.join(built, 'internal', 'fast-publish', 'catalog', '0.json'))).toBe(true);
    expect(existsSync(path.join(built, 'internal', 'story-paths.json'))).toBe(true);
    // The publisher counts an accepted event at once: none is waiting, and no build started.
    const after = await publishStatus(request);
    expect(after.pending).toBe(0);
    expect(after.builds[0]?.id ?? 0).toBe(before);
  });

  test('publish → the page appears; update → it changes; unpublish → 404 and gone from lists', async ({ request }) => {
    const story = await saveDraft(request, {
      title: 'ข่าวเผยแพร่สดทดสอบ',
      body: 'ย่อหน้าแรกของข่าวสด',
      sectionSlug: 'economy',
    });
    const route = `/news/economy/${story.storyNumber}`;
    const listings = [
      '/news-sitemap.xml',
      '/rss.xml',
      '/news/economy/rss.xml',
      storySitemapPath(storySitemapOf(story.storyNumber)),
    ];
    try {
      expect(await setPublished(request, story.documentId)).toBe(200);
      const liveAfter = await until(
        request,
        route,
        (status, body) => status === 200 && body.includes('ข่าวเผยแพร่สดทดสอบ'),
      );
      console.log(`[publish] story live ${liveAfter} ms after publish`);
      await until(request, '/', (_, body) => body.includes('ข่าวเผยแพร่สดทดสอบ'));
      await until(request, '/news/economy', (_, body) => body.includes(route));
      // A story of the last 48 hours: in the Google News sitemap, the feeds and the search index.
      for (const listing of listings) {
        await until(request, listing, (_, body) => body.includes(`${state.siteUrl}${route}<`));
      }
      await untilSearchFinds('ข่าวเผยแพร่สดทดสอบ', route);

      await editDraft(request, story.documentId, { title: 'ข่าวเผยแพร่สดทดสอบ ฉบับแก้ไข' });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, route, (_, body) => body.includes('ข่าวเผยแพร่สดทดสอบ ฉบับแก้ไข'));

      await settled(request);
      const before = await newestBuildId(request);
      expect(await setPublished(request, story.documentId, false)).toBe(200);
      await until(request, route, (status) => status === 404);
      // The fast publish took it off its page and the front page first; the full build
      // then takes it off everything else.
      await settled(request);
      const takedownBuild = (await builds(request)).find((b) => b.id > before && b.fastPublish);
      const takedown = takedownBuild?.fastPublish;
      expect(takedown).toMatchObject({ result: 'live' });
      // Gone from search with its page: the fast publish's recent changes take it out of the
      // index, as the full build's index then leaves it out.
      const recent = JSON.parse(
        readFileSync(path.join(state.releasesDir, takedown!.release!, 'client', searchIndexPath.recent), 'utf8'),
      ) as RecentChanges;
      expect(recent.removed).toContain(story.storyNumber);
      expect(recentDisagreements(recent, path.join(state.releasesDir, takedownBuild!.release!, 'client'))).toEqual([]);
      // …and its section's page and feeds with it, without waiting for the full build.
      for (const file of ['news/economy/index.html', 'news/economy/rss.xml', 'rss.xml']) {
        const early = readFileSync(path.join(state.releasesDir, takedown!.release!, 'client', file), 'utf8');
        expect(early, file).not.toContain(`${route}<`);
        expect(early, file).not.toContain(`${route}"`);
        // Still a real list: other stories of the section stay.
        expect((early.match(/\/news\/economy\/\d+[<"]/g) ?? []).length, file).toBeGreaterThanOrEqual(3);
      }
      // Gone from a page that still answers and still lists the other stories.
      await until(
        request,
        '/',
        (status, body) => status === 200 && !body.includes('ข่าวเผยแพร่สดทดสอบ') && listsStories(body),
      );
      await until(
        request,
        '/news/economy',
        (status, body) => status === 200 && !body.includes(route) && listsStories(body, 'economy'),
      );
      for (const listing of listings) {
        // Feeds and sitemaps too: still answering, and still listing other stories (the news
        // sitemap lists only the last 48 hours, which may now be none).
        const others = listing === '/news-sitemap.xml' ? '<urlset' : `${state.siteUrl}/news/`;
        await until(
          request,
          listing,
          (status, body) => status === 200 && !body.includes(`${state.siteUrl}${route}<`) && body.includes(others),
        );
      }
      await untilSearchFinds('ข่าวเผยแพร่สดทดสอบ', route, false);
    } finally {
      await deleteStory(request, story.documentId);
    }
    await settled(request);
  });

  test('a changed headline re-renders every page that shows it; other pages are reused', async ({ request }) => {
    const original = 'สตาร์ทอัพไทยระดมทุนพัฒนาแอปแปลภาษาถิ่น'; // an editor's pick on the reference story
    const changed = 'สตาร์ทอัพไทยระดมทุนรอบใหม่ พัฒนาแอปแปลภาษาถิ่น';
    const found = (await (
      await request.get(
        `${state.cmsUrl}/api/articles?filters[title][$eq]=${encodeURIComponent(original)}&populate[section]=true`,
        {
          headers: { Authorization: `Bearer ${state.token}` },
        },
      )
    ).json()) as { data: { documentId: string; storyNumber: number; section: { slug: string } }[] };
    const story = found.data[0]!;
    const own = `/news/${story.section.slug}/${story.storyNumber}`;
    await settled(request);
    const before = await newestBuildId(request);
    try {
      await editDraft(request, story.documentId, { title: changed });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, own, (_, body) => body.includes(`<h1>${changed}</h1>`));
      await settled(request);
      // The draft save before the publish fires the webhook too: its build may be one of its own,
      // whose fast-publish step finds nothing published changed. The publish's build is the one
      // whose step went live.
      const record = (await builds(request)).find((b) => b.id > before && b.fastPublish?.result === 'live');

      // The story page, the front page and the lists, feeds and sitemaps it changes went live first
      // by fast publish, drawn as the build draws them.
      expect(record?.fastPublish).toMatchObject({ result: 'live' });
      const fastPublishRelease = path.join(state.releasesDir, record!.fastPublish!.release!);
      const liveRelease = path.join(state.releasesDir, record!.release!);
      const written = new Releases(state.releasesDir)
        .ownFilePaths(fastPublishRelease)
        .map((file) => path.relative('client', file));
      expect(written).toEqual(
        expect.arrayContaining([
          `${own.slice(1)}/index.html`,
          'index.html',
          'rss.xml',
          `news/${story.section.slug}/rss.xml`,
          'news-sitemap.xml',
          storySitemapPath(storySitemapOf(story.storyNumber)).slice(1),
          'sitemap-index.xml',
          searchIndexPath.recent.slice(1),
        ]),
      );
      // No other story's page: those that pick it as related wait for the full build.
      expect(written.filter((file) => /^news\/[^/]+\/\d+\//.test(file))).toEqual([`${own.slice(1)}/index.html`]);
      for (const file of written) {
        const early = readFileSync(path.join(fastPublishRelease, 'client', file), 'utf8');
        const built = readFileSync(path.join(liveRelease, 'client', file), 'utf8');
        if (file === searchIndexPath.recent.slice(1)) {
          // The search index's changes since the build, which the build then folds into its
          // buckets: the story, under exactly the words the build lists it under.
          const recent = JSON.parse(early) as RecentChanges;
          expect(Object.keys(recent.stories), file).toContain(String(story.storyNumber));
          expect(recentDisagreements(recent, path.join(liveRelease, 'client')), file).toEqual([]);
          continue;
        }
        if (!file.endsWith('.html')) {
          expect(early, file).toBe(built);
          continue;
        }
        // Pictures on demand are the upload's variants, as on a built page, never /_image URLs.
        expect(early, file).not.toContain('/_image');
        expect(comparable(early), file).toBe(comparable(built));
        // The fast-publish page is held to the built page's policy: every directive, every source
        // (its script-src may list more hashes: the on-demand render knows every script).
        const [earlyPolicy, builtPolicy] = [policyOf(early), policyOf(built)];
        expect(builtPolicy.get('script-src')?.has("'self'"), file).toBe(true);
        for (const [directive, sources] of builtPolicy) {
          expect(
            [...sources].filter((source) => !earlyPolicy.get(directive)?.has(source)),
            `${file} ${directive}`,
          ).toEqual([]);
        }
        expect(
          [...earlyPolicy.values()].some((sources) => sources.has("'unsafe-inline'")),
          file,
        ).toBe(false);
      }
      for (const page of [`${own}/index.html`, 'index.html']) {
        const early = readFileSync(path.join(fastPublishRelease, 'client', page), 'utf8');
        expect(early, page).toContain(changed);
        expect(early, page).toContain('/uploads/avif_');
      }
      expect(existsSync(path.join(fastPublishRelease, '.fast-publish'))).toBe(true);
      // Every page that shows the headline has it, none keeps the old one.
      for (const route of [own, '/news/news/1', `/news/${story.section.slug}`, '/']) {
        const body = await (await request.get(`${state.siteUrl}${route}`)).text();
        expect(body, route).toContain(changed);
        expect(body, route).not.toContain(`>${original}<`);
      }
      // …while most story pages were reused rather than rendered again.
      expect(record?.result).toBe('live');
      expect(record?.reused ?? 0).toBeGreaterThan(20);
      expect(record?.reused ?? 0).toBeLessThan(record?.pages ?? 0);
    } finally {
      await editDraft(request, story.documentId, { title: original });
      await setPublished(request, story.documentId);
      await until(request, own, (_, body) => body.includes(`<h1>${original}</h1>`));
      await settled(request);
    }
  });

  test('a correction reaches its story and the corrections page by fast publish, as the build draws them', async ({
    request,
  }) => {
    const story = await saveDraft(request, { title: 'ข่าวทดสอบการแก้ไข', body: 'เนื้อหาข่าว', sectionSlug: 'economy' });
    const route = `/news/economy/${story.storyNumber}`;
    const text = `ข่าวฉบับก่อนหน้าระบุตัวเลขผิด ${Date.now()}`;
    try {
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, route, (status) => status === 200);
      await settled(request);
      const before = await newestBuildId(request);
      await editDraft(request, story.documentId, {
        notes: [{ kind: 'correction', at: new Date().toISOString(), text }],
      });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, route, (_, body) => body.includes(text));
      await until(request, '/corrections', (_, body) => body.includes(text) && body.includes(`href="${route}"`));
      await settled(request);
      // The build whose fast-publish step went live (the draft save's own, if any, finds nothing published).
      const record = (await builds(request)).find((b) => b.id > before && b.fastPublish?.result === 'live');
      expect(record?.fastPublish).toMatchObject({ result: 'live' });
      const file = path.join('client', 'corrections', 'index.html');
      const early = readFileSync(path.join(state.releasesDir, record!.fastPublish!.release!, file), 'utf8');
      const built = readFileSync(path.join(state.releasesDir, record!.release!, file), 'utf8');
      expect(early).toContain(text);
      expect(comparable(early)).toBe(comparable(built));
    } finally {
      await deleteStory(request, story.documentId);
    }
    await settled(request);
  });

  test('moving a story to another section redirects its old URL to the new one', async ({ request }) => {
    const story = await saveDraft(request, { title: 'ข่าวย้ายหมวดทดสอบ', body: 'เนื้อหา', sectionSlug: 'economy' });
    const oldRoute = `/news/economy/${story.storyNumber}`;
    const newRoute = `/news/world/${story.storyNumber}`;
    try {
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, oldRoute, (status) => status === 200);
      await editDraft(request, story.documentId, { section: { connect: [await sectionId(request, 'world')] } });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, newRoute, (status, body) => status === 200 && body.includes('ข่าวย้ายหมวดทดสอบ'));
      const old = await request.get(`${state.siteUrl}${oldRoute}`, { maxRedirects: 0 });
      expect(old.status()).toBe(301);
      expect(old.headers()['location']).toBe(newRoute);
      // Any section segment works: the number alone names the story.
      const typo = await request.get(`${state.siteUrl}/news/sport/${story.storyNumber}`, { maxRedirects: 0 });
      expect(typo.headers()['location']).toBe(newRoute);
    } finally {
      await deleteStory(request, story.documentId);
    }
    await until(request, oldRoute, (status) => status === 404);
    await settled(request);
  });

  test('delete → 404', async ({ request }) => {
    const story = await saveDraft(request, { title: 'ข่าวที่จะถูกลบทดสอบ', body: 'เนื้อหา', sectionSlug: 'sports' });
    const route = `/news/sports/${story.storyNumber}`;
    expect(await setPublished(request, story.documentId)).toBe(200);
    await until(request, route, (status) => status === 200);
    expect(await deleteStory(request, story.documentId)).toBe(200);
    await until(request, route, (status) => status === 404);
    await until(
      request,
      '/news/sports',
      (status, body) => status === 200 && !body.includes(route) && listsStories(body, 'sports'),
    );
    await settled(request);
  });

  test('a saved draft deploys nothing; publishing it does', async ({ request }) => {
    await settled(request);
    const live = new Releases(state.releasesDir).liveName();
    const before = (await builds(request))[0]?.id ?? 0;
    const story = await saveDraft(request, { title: 'ข่าวร่างยังไม่เผยแพร่', body: 'ร่างแรก', sectionSlug: 'news' });
    try {
      await editDraft(request, story.documentId, { body: 'ร่างที่สอง' });
      // Strapi sent its webhook for each save: each build it caused found nothing published changed.
      await expect
        .poll(async () => (await builds(request)).filter((b) => b.id > before).map((b) => b.result), {
          timeout: 30_000,
        })
        .toContain('unchanged');
      const afterDrafts = await settled(request);
      expect((await builds(request)).filter((b) => b.id > before).map((b) => b.result)).not.toContain('live');
      expect(afterDrafts?.result).toBe('unchanged');
      expect(new Releases(state.releasesDir).liveName()).toBe(live);

      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, `/news/news/${story.storyNumber}`, (status) => status === 200);
      expect(new Releases(state.releasesDir).liveName()).not.toBe(live);
    } finally {
      await deleteStory(request, story.documentId);
      await settled(request);
    }
  });

  test('readers get 0 errors while an editor republishes a story back to back (fast-publish and full deploys overlapping)', async ({
    request,
  }) => {
    const story = await saveDraft(request, { title: 'ข่าวระหว่างเผยแพร่ 0', body: 'เนื้อหา', sectionSlug: 'sports' });
    const own = `/news/sports/${story.storyNumber}`;
    expect(await setPublished(request, story.documentId)).toBe(200);
    await until(request, own, (status) => status === 200);
    await settled(request);
    const before = await newestBuildId(request);
    // What readers fetch: one page of each reader-facing type found in the live output, the
    // story being republished, and the front page's own hashed assets.
    const pages = (await pagesOfEveryType())
      .filter((p) => p.status === 200 && !p.path.startsWith('/preview/'))
      .map((p) => p.path)
      .concat(own);
    const front = await (await request.get(`${state.siteUrl}/`)).text();
    const assets = [...new Set(front.match(/\/_astro\/[^"'\s>]+\.(?:css|js)/g) ?? [])];
    expect(assets.length).toBeGreaterThan(0);
    const routes = [...pages, ...assets];
    const encodings = ['br', 'gzip', 'identity'];
    const etags = new Map<string, string>();
    const failures: string[] = [];
    const counts = { requests: 0, notModified: 0, compressed: 0 };
    let stop = false;
    const readers = Array.from({ length: 4 }, async (_, reader) => {
      for (let n = reader; !stop; n++) {
        const route = routes[n % routes.length]!;
        const encoding = encodings[n % encodings.length]!;
        const etag = etags.get(route);
        const headers: Record<string, string> = { 'accept-encoding': encoding };
        // Every other visit is a browser revalidating what it has.
        if (etag && n % 2 === 0) headers['if-none-match'] = etag;
        counts.requests++;
        const response = await request.get(`${state.siteUrl}${route}`, { headers });
        const status = response.status();
        const body = status === 200 ? await response.body() : Buffer.alloc(0);
        if (response.headers().etag) etags.set(route, response.headers().etag!);
        if (status === 304) counts.notModified++;
        if (response.headers()['content-encoding']) counts.compressed++;
        const html = !route.startsWith('/_astro/');
        const complete = !html || status !== 200 || body.toString('utf8').includes('</html>');
        if ((status !== 200 && status !== 304) || !complete) failures.push(`${route} (${encoding}): ${status}`);
        if (route === own && status === 200 && !body.toString('utf8').includes('ข่าวระหว่างเผยแพร่')) {
          failures.push(`${route}: the story is missing from its own page`);
        }
      }
    });
    const last = 'ข่าวระหว่างเผยแพร่ 5';
    try {
      // An editor corrects the headline five times, publishing each at once, a second or two
      // apart, without waiting for the site: fast-publish releases and full builds overlap.
      for (let edit = 1; edit <= 5; edit++) {
        await editDraft(request, story.documentId, { title: `ข่าวระหว่างเผยแพร่ ${edit}` });
        expect(await setPublished(request, story.documentId)).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 1_500));
      }
      await until(request, own, (_, body) => body.includes(`<h1>${last}</h1>`));
      await settled(request);
      await until(request, '/news/sports', (_, body) => body.includes(last));
    } finally {
      stop = true;
      await Promise.all(readers);
    }
    try {
      const records = (await builds(request)).filter((b) => b.id > before);
      console.log(
        `[publish] ${counts.requests} requests (${counts.notModified} × 304, ${counts.compressed} compressed) during ${records.length} builds, ${failures.length} errors`,
      );
      expect(records.filter((b) => b.result === 'live').length).toBeGreaterThanOrEqual(2);
      expect(records.some((b) => b.fastPublish?.result === 'live')).toBe(true);
      expect(counts.requests).toBeGreaterThan(100);
      expect(counts.notModified).toBeGreaterThan(0);
      expect(counts.compressed).toBeGreaterThan(0);
      expect(failures).toEqual([]);
    } finally {
      await deleteStory(request, story.documentId);
      await settled(request);
    }
  });

  test('a failed build keeps the previous release live and says why', async ({ request }) => {
    // A second live site whose CMS is down, starting from a copy of the real live release.
    const deadCms = `http://127.0.0.1:${await freePort()}`;
    const { site, releases, first } = await startSecondSite({ cmsUrl: deadCms });
    const releasesDir = releases.dir;
    try {
      const before = await request.get(`${site.url}/news/news/1`);
      expect(before.status()).toBe(200);
      expect((await request.post(`${site.url}/_hooks/publish`, { headers: auth, data: {} })).status()).toBe(202);
      await expect.poll(async () => (await builds(request, site.url))[0]?.result, { timeout: 90_000 }).toBe('failed');
      const failed = (await builds(request, site.url))[0]!;
      expect(failed.error).toContain(`the CMS at ${deadCms}/api/`);
      const after = await request.get(`${site.url}/news/news/1`);
      expect(after.status()).toBe(200);
      expect(await after.text()).toBe(await before.text());
      expect(releases.live()).toBe(first);
      // The failed build's folder is gone, and no release was made from it.
      expect(existsSync(path.join(releasesDir, '.build'))).toBe(false);
      expect(releases.list()).toEqual([first]);
    } finally {
      await site.close();
    }
  });
});
