import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { coverPng } from '../../scripts/seed/png';
import { deleteStory, loginAs, sectionId, setPublished } from '../harness/editor';
import { adminHeaders, newsroomState } from '../harness/suite-newsroom';
import { settled } from '../harness/live-site';
import { pagesOfEveryType } from '../harness/page-types';

const state = newsroomState();
const articles = `${state.cmsUrl}/content-manager/collection-types/api::article.article`;

/** Uploads one file to the media library as `headers`' account; returns the HTTP status. */
async function upload(request: APIRequestContext, headers: Record<string, string>, name: string, body: Buffer) {
  const mimeType = { '.png': 'image/png', '.html': 'text/html', '.js': 'text/javascript', '.svg': 'image/svg+xml' }[
    path.extname(name)
  ];
  const response = await request.post(`${state.cmsUrl}/upload`, {
    headers,
    multipart: { files: { name, mimeType: mimeType ?? 'application/octet-stream', buffer: body } },
  });
  return { status: response.status(), body: (await response.json()) as { url?: string }[] | { error?: unknown } };
}

/** Variants of a URL no link may carry: each runs script or leaves the site's control. */
const UNSAFE_URLS = [
  'javascript:alert(document.domain)',
  '   JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/phish',
  '/\\evil.example/phish',
];

test.describe(`security: the newsroom's own accounts and content cannot attack the admin or readers (${state.database})`, () => {
  // Whatever a test published or deleted is built before the next test starts: every test
  // (of any spec, in any order) begins with a site that is not still catching up.
  test.afterEach(async ({ request }) => {
    await settled(request);
  });
  test.describe.configure({ timeout: 180_000 });
  let writer: { Authorization: string };
  test.beforeAll(async ({ request }) => {
    writer = await loginAs(request, state.writer);
  });

  test("a writer's HTML, script and SVG uploads are refused; a picture is accepted", async ({ request }) => {
    const script = '<script>fetch("/admin/renew-token",{method:"POST"})</script>';
    for (const [name, body] of [
      ['page.html', `<!doctype html><html><body>${script}</body></html>`],
      ['take-over.js', 'fetch("/admin/renew-token", { method: "POST" });'],
      ['logo.svg', `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`],
      // A script under a picture's name: what it holds is checked, not its name.
      ['photo.png', `<!doctype html><html><body>${script}</body></html>`],
    ] as const) {
      const answer = await upload(request, writer, name, Buffer.from(body));
      expect(answer.status, `${name}: ${JSON.stringify(answer.body)}`).toBe(400);
    }
    const picture = await upload(request, writer, 'real-photo.png', coverPng(64, 48, [10, 120, 200]));
    expect(picture.status).toBe(201);
    const url = (picture.body as { url: string }[])[0]?.url;
    const served = await request.get(`${state.cmsUrl}${url}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/png');
    expect(served.headers()['content-security-policy']).toContain('sandbox');
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    expect(served.headers()['content-disposition']).toBeUndefined();
  });

  test('a script file already in the uploads folder is downloaded, never run on the CMS origin', async ({
    request,
    page,
  }) => {
    // Files stored before the allow-list, or copied in by hand, are served too: a page whose
    // script is a same-origin file, which the admin's own CSP (script-src 'self') would allow.
    const files = {
      'stored-before.html': '<!doctype html><title>x</title><script src="/uploads/stored-before.js"></script>',
      'stored-before.js': 'window.ran = 1;',
      'stored-before.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>window.ran = 1</script></svg>',
    };
    for (const [name, body] of Object.entries(files)) {
      writeFileSync(path.join(state.uploadsDir, name), body);
      const served = await request.get(`${state.cmsUrl}/uploads/${name}`);
      expect(served.status(), name).toBe(200);
      expect(served.headers()['content-disposition'], name).toBe('attachment');
      expect(served.headers()['content-security-policy'], name).toMatch(/sandbox/);
    }
    // And in a browser, framed by a page of the CMS origin (as a link opened by a super admin
    // would be): neither document's script runs with the admin's origin.
    await page.goto(`${state.cmsUrl}/admin/auth/login`);
    for (const name of ['stored-before.html', 'stored-before.svg']) {
      const ran = await page.evaluate(async (src) => {
        const frame = document.createElement('iframe');
        frame.src = src;
        document.body.append(frame);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        try {
          return (frame.contentWindow as unknown as { ran?: number }).ran ?? 0;
        } catch {
          return 0; // a sandboxed frame has an origin of its own and cannot be read: nothing ran here
        }
      }, `${state.cmsUrl}/uploads/${name}`);
      expect(ran, name).toBe(0);
    }
  });

  test('every link field refuses a scheme that runs script or leaves the site', async ({ request }) => {
    const headers = adminHeaders();
    const globalUrl = `${state.cmsUrl}/content-manager/single-types/api::global.global`;
    const current = (await (await request.get(globalUrl, { headers })).json()) as {
      data: Record<string, unknown> & {
        footerGroups: { title: string; links: { label: string; url: string }[] }[];
        appLinks: { platform: string; url: string }[];
        socialAccounts: { platform: string; url: string }[];
      };
    };
    // The admin API answers components with their row ids; a save sends them without.
    const strip = (items: object[]) =>
      items.map((item) => Object.fromEntries(Object.entries(item).filter(([key]) => key !== 'id')));
    const base = {
      siteName: current.data.siteName,
      tagline: current.data.tagline,
      footerGroups: current.data.footerGroups.map((g) => ({ title: g.title, links: strip(g.links) })),
      appLinks: strip(current.data.appLinks),
      socialAccounts: strip(current.data.socialAccounts),
    };
    expect(base.footerGroups[0]?.links.length).toBeGreaterThan(0);
    const withFooterUrl = (url: string) => ({
      ...base,
      footerGroups: [{ ...base.footerGroups[0], links: [{ label: 'ลิงก์', url }] }, ...base.footerGroups.slice(1)],
    });
    for (const url of UNSAFE_URLS) {
      const footer = await request.put(globalUrl, { headers, data: withFooterUrl(url) });
      expect(footer.status(), `footer link ${JSON.stringify(url)}`).toBe(400);
      const app = await request.put(globalUrl, {
        headers,
        data: { ...base, appLinks: [{ platform: 'ios', url }] },
      });
      expect(app.status(), `app link ${JSON.stringify(url)}`).toBe(400);
      const social = await request.put(globalUrl, {
        headers,
        data: { ...base, socialAccounts: [{ platform: 'line', url }] },
      });
      expect(social.status(), `social link ${JSON.stringify(url)}`).toBe(400);
      const video = await request.post(`${state.cmsUrl}/content-manager/collection-types/api::video.video`, {
        headers,
        data: { title: 'คลิปทดสอบ', durationSeconds: 10, embedUrl: url },
      });
      expect(video.status(), `video embed ${JSON.stringify(url)}`).toBe(400);
    }
    // Store links are https only; a footer link may be http or a page of the site.
    expect(
      (
        await request.put(globalUrl, {
          headers,
          data: { ...base, appLinks: [{ platform: 'ios', url: 'http://apps.example/x' }] },
        })
      ).status(),
    ).toBe(400);
    const allowed = await request.put(globalUrl, { headers, data: withFooterUrl('http://partner.example/a?b=1#c') });
    expect(allowed.status()).toBe(200);
    // The global entry as it was (the previous call changed one link).
    expect((await request.put(globalUrl, { headers, data: base })).status()).toBe(200);
  });

  test("the CMS answers CORS for the site's origin only", async ({ request }) => {
    const preflight = (origin: string) =>
      request.fetch(`${state.cmsUrl}/admin/login`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers()['access-control-allow-origin']).toBeUndefined();
    const site = await preflight(new URL(state.siteUrl).origin);
    expect(site.headers()['access-control-allow-origin']).toBe(new URL(state.siteUrl).origin);
  });

  test("the site build's token reads published stories only; drafts need the previews' token", async ({ request }) => {
    const draft = await request.post(articles, {
      headers: adminHeaders(),
      data: { title: 'ร่างที่ยังไม่เผยแพร่', body: 'ย่อหน้าลับ' },
    });
    expect(draft.status()).toBe(201);
    const { documentId } = ((await draft.json()) as { data: { documentId: string } }).data;
    const read = (token: string, query: string) =>
      request.get(`${state.cmsUrl}/api/articles${query}`, { headers: { Authorization: `Bearer ${token}` } });
    try {
      for (const query of [
        `/${documentId}?status=draft`,
        '?status=draft',
        `?status=draft&filters[documentId]=${documentId}`,
      ]) {
        expect((await read(state.token, query)).status(), `build token ${query}`).toBe(403);
      }
      expect((await read(state.token, `/${documentId}`)).status(), 'a draft is not published').toBe(404);
      expect((await read(state.token, '?pagination[pageSize]=1')).status(), 'published stories').toBe(200);
      const preview = await read(state.previewToken, `/${documentId}?status=draft`);
      expect(preview.status()).toBe(200);
      expect(((await preview.json()) as { data: { title: string } }).data.title).toBe('ร่างที่ยังไม่เผยแพร่');
      // The previews' token reads stories, not the rest of the CMS, and writes nothing.
      const write = await request.post(`${state.cmsUrl}/api/articles`, {
        headers: { Authorization: `Bearer ${state.previewToken}` },
        data: { data: { title: 'ไม่ควรสร้างได้' } },
      });
      expect(write.status()).toBe(403);
    } finally {
      await deleteStory(request, documentId);
    }
  });

  test('writers and editors cannot set the first publication time or the story number', async ({ request }) => {
    const section = { connect: [await sectionId(request, 'politics')] };
    const forged = { firstPublishedAt: '2099-01-01T00:00:00.000Z', storyNumber: 999_999 };
    const created = await request.post(articles, {
      headers: writer,
      data: { title: 'ร่างลงวันที่ล่วงหน้า', body: 'เนื้อหา', section, ...forged },
    });
    expect(created.status()).toBe(201);
    const draft = (
      (await created.json()) as { data: { documentId: string; storyNumber: number; firstPublishedAt: string | null } }
    ).data;
    try {
      expect(draft.firstPublishedAt).toBeNull();
      expect(draft.storyNumber).not.toBe(forged.storyNumber);
      const editor = await loginAs(request, state.editor);
      const edited = await request.put(`${articles}/${draft.documentId}`, {
        headers: editor,
        data: { ...forged, title: 'แก้แล้ว' },
      });
      expect(edited.status()).toBe(200);
      const after = ((await edited.json()) as { data: typeof draft }).data;
      expect(after.firstPublishedAt).toBeNull();
      expect(after.storyNumber).toBe(draft.storyNumber);
      const before = Date.now();
      expect(await setPublished(request, draft.documentId)).toBe(200);
      const published = (await (
        await request.get(`${state.cmsUrl}/api/articles/${draft.documentId}`, {
          headers: { Authorization: `Bearer ${state.token}` },
        })
      ).json()) as { data: { firstPublishedAt: string; storyNumber: number } };
      expect(Date.parse(published.data.firstPublishedAt)).toBeGreaterThanOrEqual(before - 60_000);
      expect(Date.parse(published.data.firstPublishedAt)).toBeLessThanOrEqual(Date.now() + 60_000);
      expect(published.data.storyNumber).toBe(draft.storyNumber);
    } finally {
      await deleteStory(request, draft.documentId);
    }
  });

  test('control characters pasted into a story are cleaned on save', async ({ request }) => {
    const created = await request.post(articles, {
      headers: writer,
      data: { title: 'น้ำท่วม\u000Bเชียงใหม่\u0007', excerpt: 'คำโปรย\u000C', body: 'ย่อหน้า\u000Bบรรทัดใหม่\u0000' },
    });
    expect(created.status()).toBe(201);
    const draft = (
      (await created.json()) as { data: { documentId: string; title: string; excerpt: string; body: string } }
    ).data;
    try {
      expect(draft.title).toBe('น้ำท่วม เชียงใหม่');
      expect(draft.excerpt).toBe('คำโปรย ');
      expect(draft.body).toBe('ย่อหน้า\nบรรทัดใหม่');
    } finally {
      await deleteStory(request, draft.documentId);
    }
  });

  test('every page type sends its security headers and runs without a CSP violation', async ({ page }) => {
    const violations: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations?: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(
          `${event.violatedDirective} ${event.blockedURI}`,
        );
      });
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const adminOrigin = new URL(state.cmsUrl).origin;
    for (const { type, path: route, status } of await pagesOfEveryType()) {
      const response = await page.goto(`${state.siteUrl}${route}`, { waitUntil: 'load' });
      expect(response?.status(), type).toBe(status);
      const headers = response?.headers() ?? {};
      // Built pages carry their policy in a <meta> (Astro's hashes) and the framing rules in the
      // header; the preview, rendered on demand, carries all of it in the header.
      const policy =
        type === 'draft preview'
          ? headers['content-security-policy']
          : await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
      expect(policy, `${type}: CSP`).toMatch(/script-src 'self'( 'sha\d+-[^']+')*;/);
      expect(policy, type).not.toContain('unsafe-inline');
      expect(policy, type).toContain("default-src 'self'");
      if (type === 'draft preview') {
        expect(policy, type).toContain(`frame-ancestors 'self' ${adminOrigin}`);
      } else {
        expect(headers['content-security-policy'], type).toContain("frame-ancestors 'none'");
        expect(headers['x-frame-options'], type).toBe('DENY');
        expect(headers['referrer-policy'], type).toBe('strict-origin-when-cross-origin');
      }
      expect(headers['x-content-type-options'], type).toBe('nosniff');
      const ranScripts = await page.evaluate(
        () => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [],
      );
      expect(ranScripts, type).toEqual([]);
    }
    expect(violations).toEqual([]);
  });

  test('the offline cache never keeps a draft preview', async ({ page }) => {
    const preview = (await pagesOfEveryType()).find((p) => p.type === 'draft preview');
    if (!preview) throw new Error('no draft preview page to open');
    await page.goto(`${state.siteUrl}/`);
    // The worker controls the next navigation once it is active.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.reload();
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
    const opened = await page.goto(`${state.siteUrl}${preview.path}`);
    expect(opened?.status()).toBe(200);
    await page.goto(`${state.siteUrl}/`);
    const kept = await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    });
    expect(kept.some((url) => url.endsWith('/'))).toBe(true); // the front page was kept
    expect(kept.filter((url) => url.includes('/preview/'))).toEqual([]);
  });
});
