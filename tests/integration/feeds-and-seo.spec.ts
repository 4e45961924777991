import { expect, test, type Page } from '@playwright/test';
import { EMBED_TITLES, REFERENCE_SHAPED_TITLE, stories } from '../../scripts/seed/stories';
import { deleteStory, saveDraft, setPublished } from '../harness/editor';
import { settled, until } from '../harness/live-site';
import { newsroomState } from '../harness/suite-newsroom';

const { siteUrl } = newsroomState();
const published = stories.filter((s) => !s.draft);
const newestFirst = [...published].sort((a, b) => Date.parse(b.at!) - Date.parse(a.at!));

/** Parses XML with the browser's own parser; returns null when it is not well-formed. */
async function parseFeed(page: Page, xml: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.querySelector('parsererror')) return null;
    const items = [...doc.querySelectorAll('channel > item')];
    return {
      root: doc.documentElement.nodeName,
      language: doc.querySelector('channel > language')?.textContent,
      titles: items.map((i) => i.querySelector('title')?.textContent ?? ''),
      links: items.map((i) => i.querySelector('link')?.textContent ?? ''),
      dates: items.map((i) => i.querySelector('pubDate')?.textContent ?? ''),
    };
  }, xml);
}

test.describe('feeds, sitemap and search-engine data', () => {
  test('the site feed is well-formed RSS of the newest stories, in Thai', async ({ page, request }) => {
    const response = await request.get(`${siteUrl}/rss.xml`);
    expect(response.status()).toBe(200);
    const feed = await parseFeed(page, await response.text());
    expect(feed).not.toBeNull();
    expect(feed!.root).toBe('rss');
    expect(feed!.language).toBe('th');
    expect(feed!.titles.slice(0, 5)).toEqual(newestFirst.slice(0, 5).map((s) => s.title));
    expect(feed!.links.every((l) => /^http:\/\/127\.0\.0\.1:\d+\/news\/[a-z-]+\/\d+$/.test(l))).toBe(true);
    expect(Date.parse(feed!.dates[0]!)).toBe(Date.parse(newestFirst[0]!.at!));
  });

  test('each section has a feed of its own stories', async ({ page, request }) => {
    const feed = await parseFeed(page, await (await request.get(`${siteUrl}/news/sports/rss.xml`)).text());
    expect(feed).not.toBeNull();
    const sports = published.filter((s) => s.section === 'sports').map((s) => s.title);
    expect(new Set(feed!.titles)).toEqual(new Set(sports));
  });

  test('LINE Today feeds carry each story with the fields LINE ingests, its posts as plain links', async ({
    page,
    request,
  }) => {
    /** The articles of a well-formed LINE Today feed, or null. */
    const read = async (path: string) => {
      const response = await request.get(`${siteUrl}${path}`);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-type'], path).toContain('xml');
      return page.evaluate(
        (text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          if (doc.querySelector('parsererror') || doc.documentElement.nodeName !== 'articles') return null;
          const field = (e: Element, name: string) => e.getElementsByTagName(name)[0]?.textContent ?? null;
          return {
            uuid: field(doc.documentElement, 'UUID'),
            time: field(doc.documentElement, 'time'),
            articles: [...doc.querySelectorAll('articles > article')].map((a) => ({
              id: field(a, 'ID'),
              country: field(a, 'nativeCountry'),
              language: field(a, 'language'),
              title: field(a, 'title'),
              category: field(a, 'category'),
              start: field(a, 'startYmdtUnix'),
              end: field(a, 'endYmdtUnix'),
              published: field(a, 'publishTimeUnix'),
              updated: field(a, 'updateTimeUnix'),
              thumbnail: a.querySelector(':scope > thumbnail')?.textContent ?? null,
              content: field(a, 'content'),
              source: field(a, 'sourceUrl'),
            })),
          };
        },
        await response.text(),
      );
    };

    const site = await read('/line-today.xml');
    expect(site).not.toBeNull();
    expect(site!.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(site!.articles.map((a) => a.title).slice(0, 5)).toEqual(newestFirst.slice(0, 5).map((s) => s.title));
    for (const a of site!.articles) {
      expect(a).toMatchObject({ country: 'TH', language: 'th' });
      expect(a.id).toMatch(/^\d+$/);
      // Unix time in milliseconds, as LINE's guide asks.
      expect(a.published).toMatch(/^\d{13}$/);
      expect(a.start).toBe(a.published);
      expect(Number(a.end)).toBeGreaterThan(Number(a.published));
      expect(Number(a.updated)).toBeGreaterThanOrEqual(Number(a.published));
      expect(a.source).toBe(`${siteUrl}/news/${/\/news\/([a-z-]+)\//.exec(a.source!)![1]}/${a.id}`);
      expect(a.thumbnail).toMatch(new RegExp(`^${siteUrl}/uploads/`));
      expect(a.content).toMatch(/^<p>/);
    }
    // The 50 newest stories, each dated by its first publication.
    expect(site!.articles).toHaveLength(50);
    expect(Number(site!.articles[0]!.published)).toBe(Date.parse(newestFirst[0]!.at!));

    // A section's feed holds its own stories; a post in a body is a link, never a player or script.
    const entertainment = await read('/news/entertainment/line-today.xml');
    expect(new Set(entertainment!.articles.map((a) => a.title))).toEqual(
      new Set(published.filter((s) => s.section === 'entertainment').map((s) => s.title)),
    );
    const withPosts = entertainment!.articles.find((a) => a.title === EMBED_TITLES[1])!;
    expect(withPosts.category).toBe('บันเทิง');
    expect(withPosts.content).toContain(
      '<a href="https://www.tiktok.com/@mekhongmusicfest/video/7441234567890123456">เปิดดูบน TikTok</a>',
    );
    expect(withPosts.content).not.toMatch(/<(script|iframe|button)|data-embed/);
    const thumbnail = await request.get(withPosts.thumbnail!);
    expect(thumbnail.status()).toBe(200);
    expect(thumbnail.headers()['content-type']).toMatch(/^image\//);
  });

  test('the sitemaps list every story and list page once, and robots.txt points at them', async ({ page, request }) => {
    const robots = await (await request.get(`${siteUrl}/robots.txt`)).text();
    expect(robots).toContain('Disallow: /_hooks/');
    const sitemapUrl = /Sitemap: (\S+)/.exec(robots)![1]!;
    /** The <loc> and <lastmod> texts of a well-formed sitemap or sitemap index, or null. */
    const read = async (url: string) => {
      const xml = await (await request.get(`${siteUrl}${new URL(url).pathname}`)).text();
      return page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.querySelector('parsererror')) return null;
        const entries = [...doc.documentElement.children];
        return {
          root: doc.documentElement.localName,
          locs: entries.map((e) => e.getElementsByTagName('loc')[0]?.textContent ?? ''),
          lastmods: entries.map((e) => e.getElementsByTagName('lastmod')[0]?.textContent ?? null),
        };
      }, xml);
    };
    const index = await read(sitemapUrl);
    expect(index?.root).toBe('sitemapindex');
    // The story sitemaps say when their newest story changed, in Bangkok time.
    expect(index!.lastmods.slice(1).every((m) => m !== null && m.endsWith('+07:00'))).toBe(true);
    const sitemaps = await Promise.all(index!.locs.map(read));
    expect(sitemaps.every((s) => s?.root === 'urlset')).toBe(true);
    const locs = sitemaps.flatMap((s) => s!.locs);
    expect(new Set(locs).size, 'a URL listed twice').toBe(locs.length);

    const storyLocs = locs.filter((l) => /\/news\/[a-z-]+\/\d+$/.test(l));
    expect(storyLocs).toHaveLength(published.length);
    expect(locs).toContain(`${siteUrl}/`);
    for (const path of ['/news/sports', '/news/economy']) expect(locs).toContain(`${siteUrl}${path}`);
    expect(locs.some((l) => l.startsWith(`${siteUrl}/tag/`))).toBe(true);
    expect(locs.some((l) => l.startsWith(`${siteUrl}/author/`))).toBe(true);
    // The reader's own pages are not for crawlers.
    expect(locs.filter((l) => /\/(saved|search)$/.test(l))).toEqual([]);
    // Every listed URL is a page of the site.
    for (const loc of locs) expect((await request.get(loc, { maxRedirects: 0 })).status(), loc).toBe(200);
  });

  test('the Google News sitemap is well-formed and lists exactly the stories of the last 48 hours', async ({
    page,
    request,
  }) => {
    const robots = await (await request.get(`${siteUrl}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${siteUrl}/news-sitemap.xml`);
    // The seeded stories carry fixed dates; one published now is certainly of the last 48 hours.
    const fresh = 'ข่าวล่าสุดสำหรับแผนผังข่าวกูเกิล';
    const story = await saveDraft(request, { title: fresh, body: 'เนื้อหาข่าวล่าสุด', sectionSlug: 'news' });
    try {
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, '/news-sitemap.xml', (status, body) => status === 200 && body.includes(fresh));
      const xml = await (await request.get(`${siteUrl}/news-sitemap.xml`)).text();
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        if (doc.querySelector('parsererror')) return null;
        const NEWS = 'http://www.google.com/schemas/sitemap-news/0.9';
        return {
          root: doc.documentElement.namespaceURI,
          names: [...doc.getElementsByTagNameNS(NEWS, 'name')].map((n) => n.textContent),
          titles: [...doc.getElementsByTagNameNS(NEWS, 'title')].map((n) => n.textContent),
        };
      }, xml);
      expect(parsed).not.toBeNull();
      expect(parsed!.root).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      const recent = [
        fresh,
        ...published.filter((s) => Date.now() - Date.parse(s.at!) <= 48 * 3_600_000).map((s) => s.title),
      ];
      expect(new Set(parsed!.titles)).toEqual(new Set(recent));
      // …and not the older ones: the reference-shaped story is from 2016.
      expect(parsed!.titles).not.toContain(REFERENCE_SHAPED_TITLE);
      expect(parsed!.names.length).toBe(recent.length);
      expect(parsed!.names.every((n) => n === 'ข่าวสยามรายวัน')).toBe(true);
    } finally {
      await deleteStory(request, story.documentId);
      await settled(request);
    }
  });

  test('a story page carries NewsArticle JSON-LD and social cards that name the story', async ({ page }) => {
    await page.goto(`${siteUrl}/news/news/1`);
    const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<
      string,
      unknown
    >;
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      headline: REFERENCE_SHAPED_TITLE,
      inLanguage: 'th',
      articleSection: 'ข่าว',
      datePublished: '2016-12-06T07:30:00+07:00',
    });
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', REFERENCE_SHAPED_TITLE);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/uploads\/.+\.png$/);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', /\/news\/news\/1$/);
  });
});
