import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REFERENCE_SHAPED_TITLE, stories } from '../../scripts/seed/stories';
import { archivePageOfOldPage, PAGE_SIZE } from '../../shared/list-archive';
import { categories } from '../../scripts/seed/taxonomy';
import { newsroomState } from '../harness/suite-newsroom';

const state = newsroomState();
const client = path.join(state.siteDir, 'client');
const page = (route: string) => readFileSync(path.join(client, route, 'index.html'), 'utf8');

/** Every built HTML file, relative to the site root. */
function htmlFiles(dir = client): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'));
}

/** Story-number URLs linked from a page. */
const storyLinks = (html: string) => [...html.matchAll(/href="(\/news\/[a-z-]+\/\d+)"/g)].map((m) => m[1]!);

const published = stories.filter((s) => !s.draft);

test.describe(`site built from a real Strapi (${state.database})`, () => {
  test('has a page for every published sample story, at /news/{section}/{storyNumber}', () => {
    const storyPages = htmlFiles().filter((f) => /^news\/[a-z-]+\/\d+\/index\.html$/.test(f));
    expect(storyPages).toHaveLength(published.length);

    const titles = storyPages.map((f) => readFileSync(path.join(client, f), 'utf8').match(/<h1>([^<]+)<\/h1>/)?.[1]);
    expect(new Set(titles)).toEqual(new Set(published.map((s) => s.title)));

    // Each story's page lives under its own section's slug.
    for (const s of published) {
      const file = storyPages[titles.indexOf(s.title)]!;
      expect(file.split('/')[1], s.title).toBe(s.section);
    }
  });

  test('shows the reference-shaped story like the reference page: section, headline, edition, BE date-time', () => {
    const file = htmlFiles().find(
      (f) =>
        /^news\/news\/\d+\/index\.html$/.test(f) &&
        readFileSync(path.join(client, f), 'utf8').includes(REFERENCE_SHAPED_TITLE),
    );
    expect(file).toBeDefined();
    const html = readFileSync(path.join(client, file!), 'utf8');
    expect(html).toContain('<html lang="th">');
    expect(html).toContain(`<title>${REFERENCE_SHAPED_TITLE} | ข่าวสยามรายวัน</title>`);
    const order = [
      '<a href="/news/news">ข่าว</a>',
      `<h1>${REFERENCE_SHAPED_TITLE}</h1>`,
      'ข่าวสยามรายวันฉบับพิมพ์',
      '6 ธ.ค. 2559 07:30 น.',
      'อ่านเพิ่มเติม...',
      'วิดีโอแนะนำ',
    ];
    const positions = order.map((needle) => html.indexOf(needle, html.indexOf('<main')));
    expect(
      positions.every((p) => p > 0),
      `missing one of ${order.join(' | ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('<time datetime="2016-12-06T07:30:00+07:00">6 ธ.ค. 2559 07:30 น.</time>');
    expect(html).toContain('<span class="duration">03:11</span>');
    expect(html).toMatch(/<span class="reading-time">อ่าน [1-9]\d* นาที<\/span>/);
  });

  test('prints the long Thai date line with the Buddhist-era year in the header', () => {
    const html = page('');
    const line = html.match(/<p class="today"><time datetime="([^"]+)" data-live="now">([^<]+)<\/time>/);
    expect(line).not.toBeNull();
    const [, iso, text] = line!;
    expect(iso).toMatch(/\+07:00$/);
    const year = Number(iso!.slice(0, 4)) + 543;
    expect(text).toMatch(
      new RegExp(`^วัน(อาทิตย์|จันทร์|อังคาร|พุธ|พฤหัส|ศุกร์|เสาร์)ที่ \\d{1,2} \\S+ ${year} เวลา \\d\\d:\\d\\d น\\.$`),
    );
  });

  test('lists the latest stories on the front page and each section on its own page', () => {
    const front = page('');
    const newest = stories.filter((s) => !s.draft).sort((a, b) => Date.parse(b.at!) - Date.parse(a.at!))[0]!;
    expect(front).toContain(newest.title);
    const paged: string[] = [];
    for (const c of categories) {
      const html = page(`news/${c.slug}`);
      expect(html).toContain(`<h1>${c.name}</h1>`);
      // A section longer than a page continues on archive pages of exactly a page each,
      // numbered from its oldest story; with the list's own page they hold the whole section.
      const inSection = stories.filter((s) => !s.draft && s.section === c.slug).length;
      const first = storyLinks(html);
      const archiveDir = path.join(client, 'news', c.slug, 'archive');
      const archive = existsSync(archiveDir)
        ? readdirSync(archiveDir).map((n) => storyLinks(page(`news/${c.slug}/archive/${n}`)))
        : [];
      expect(archive.length, c.slug).toBe(Math.floor(inSection / 20));
      expect(
        archive.every((links) => links.length === 20),
        c.slug,
      ).toBe(true);
      const all = [...first, ...archive.flat()];
      expect(new Set(all).size, c.slug).toBe(inSection);
      expect(
        all.every((l) => l.startsWith(`/news/${c.slug}/`)),
        c.slug,
      ).toBe(true);
      if (archive.length > 0) paged.push(c.slug);
    }
    // The sample newsroom has a section longer than a page, so list pagination is exercised.
    expect(paged).not.toEqual([]);
  });

  test('sends a link of the old list numbering (…/page/n, from the newest) to the archive page holding it', async ({
    request,
  }) => {
    const section = categories.find((c) => existsSync(path.join(client, 'news', c.slug, 'archive')));
    if (!section) throw new Error('the sample newsroom has no section with an archive page');
    const base = `/news/${section.slug}`;
    const inSection = stories
      .filter((s) => !s.draft && s.section === section.slug)
      .sort((a, b) => Date.parse(b.at!) - Date.parse(a.at!));
    const old = await request.get(`${state.siteUrl}${base}/page/2`, { maxRedirects: 0 });
    expect(old.status()).toBe(301);
    const target = old.headers()['location']!;
    expect(target).toBe(archivePageOfOldPage(base, 2, inSection.length));
    // The story that opened the old page 2 is on the page it now points to.
    const opened = inSection[PAGE_SIZE]!;
    expect(await (await request.get(`${state.siteUrl}${target}`)).text()).toContain(opened.title);
    // A page past the end goes to the list itself; a list that does not exist stays a 404.
    expect((await request.get(`${state.siteUrl}${base}/page/999`, { maxRedirects: 0 })).headers()['location']).toBe(
      base,
    );
    expect((await request.get(`${state.siteUrl}/news/no-such-section/page/2`, { maxRedirects: 0 })).status()).toBe(404);
  });

  test('has a page per tag and per author listing their stories, linked from the story pages', () => {
    const reference = page('news/news/1');
    expect(reference).toContain('<a href="/tag/ai">#ปัญญาประดิษฐ์</a>');
    expect(reference).toContain('<a href="/author/nattapong-fahsai">ณัฐพงษ์ ฟ้าใส</a>');
    for (const [route, heading, expected] of [
      ['tag/flood', 'แท็ก น้ำท่วม', published.filter((s) => s.tags.includes('flood'))],
      ['author/kanya-srisuk', 'ข่าวโดย กัญญา ศรีสุข', published.filter((s) => s.authors.includes('kanya-srisuk'))],
    ] as const) {
      const html = page(route);
      expect(html).toContain(`<h1>${heading}</h1>`);
      expect(storyLinks(html)).toHaveLength(expected.length);
      for (const story of expected) expect(html, story.title).toContain(story.title);
      // Fewer than a page of stories: no pagination links.
      expect(html).not.toContain('rel="next"');
    }
  });

  test('never lets a draft into any built file', () => {
    const drafts = stories.filter((s) => s.draft);
    expect(drafts.length).toBeGreaterThan(0);
    // Every file of the output, server bundle and data store included, not only the pages.
    const files = readdirSync(state.siteDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const d of drafts) {
        expect(text.includes(d.title), `${d.title} in ${file}`).toBe(false);
        expect(text.includes(d.body[0]!), `draft body in ${file}`).toBe(false);
      }
    }
  });

  test('keeps the content store out of the server bundle (the draft preview reads the CMS)', () => {
    const server = path.join(state.siteDir, 'server');
    const files = readdirSync(server, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.mjs'));
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(path.join(server, file), 'utf8');
      // Every published headline would be in it: at 10,000 stories an 8 MB module per deploy.
      for (const s of published) expect(text.includes(s.title), `${s.title} in server/${file}`).toBe(false);
    }
  });

  test('links every story URL to a page that exists', () => {
    const links = new Set(htmlFiles().flatMap((f) => storyLinks(readFileSync(path.join(client, f), 'utf8'))));
    expect(links.size).toBeGreaterThan(40);
    for (const link of links) expect(existsSync(path.join(client, link, 'index.html')), link).toBe(true);
  });

  test('renders footer link groups and app links from the Global settings', () => {
    const html = page('');
    for (const label of ['เกี่ยวกับเรา', 'นโยบายความเป็นส่วนตัว', 'App Store (iOS)', 'AppGallery (Huawei)'])
      expect(html).toContain(label);
  });
});
