import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { binScript, freePort } from '../../server/src/processes';
import { editorSession } from '../harness/editor-session';
import type { ThrowawayCms } from '../harness/throwaway';
import { newsroomState, projectTempDir, startOwnCms } from '../harness/suite-newsroom';

const state = newsroomState();

/**
 * Runs `astro build` into a throwaway folder with exactly the given CMS variables; returns
 * the HTML of the story pages named in `read` (paths under /news/), then removes the folder.
 */
function build(vars: Record<string, string>, read: string[] = []) {
  const outDir = projectTempDir('failed-build-');
  const cmsVariables = new Set(['CMS_URL', 'CMS_READ_TOKEN', 'DATABASE_URL']);
  const inherited = Object.entries(process.env).filter(([name]) => !cmsVariables.has(name));
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(inherited),
    ASTRO_TELEMETRY_DISABLED: '1',
    CMS_RETRIES: '1',
    // Its own content cache, so it never touches the cache of a deploy running meanwhile.
    ASTRO_CACHE_DIR: `${outDir}-cache`,
  };
  const result = spawnSync(process.execPath, [binScript('astro', 'bin/astro.mjs'), 'build', '--outDir', outDir], {
    env: { ...env, ...vars },
    encoding: 'utf8',
    timeout: 120_000,
  });
  const pageBuilt = existsSync(path.join(outDir, 'client', 'index.html'));
  const newsDir = path.join(outDir, 'client', 'news');
  const storyPages = existsSync(newsDir)
    ? readdirSync(newsDir, { recursive: true }).filter((f) => /\/\d+\.html$|\/\d+\/index\.html$/.test(String(f))).length
    : 0;
  const pages = Object.fromEntries(
    read.map((page) => {
      const file = [`${page}.html`, `${page}/index.html`].map((f) => path.join(newsDir, f)).find((f) => existsSync(f));
      return [page, file ? readFileSync(file, 'utf8') : null];
    }),
  );
  // Pictures a build would have encoded (astro:assets writes them beside the bundles).
  const assets = path.join(outDir, 'client', '_astro');
  const images = existsSync(assets) ? readdirSync(assets).filter((f) => /\.(avif|webp|png|jpe?g)$/.test(f)) : [];
  rmSync(outDir, { recursive: true, force: true });
  rmSync(`${outDir}-cache`, { recursive: true, force: true });
  return { code: result.status, output: `${result.stdout}\n${result.stderr}`, pageBuilt, storyPages, pages, images };
}

test.describe('a build that cannot be right fails loudly and builds nothing', () => {
  test('the CMS being down fails the build naming its URL, instead of an empty site', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const result = build({ CMS_URL: url, CMS_READ_TOKEN: state.token });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`the CMS at ${url}/api/`);
    expect(result.output).toContain('is unreachable');
    expect(result.pageBuilt).toBe(false);
  });

  test('a missing variable is named', () => {
    // Empty rather than unset: a developer's .env (which Astro also reads) must not fill it in.
    const result = build({ CMS_URL: '', CMS_READ_TOKEN: state.token });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('the environment variable CMS_URL is not set');
    expect(result.pageBuilt).toBe(false);
  });

  test('a wrong token is reported as such', () => {
    const result = build({ CMS_URL: state.cmsUrl, CMS_READ_TOKEN: 'x'.repeat(40) });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/answered 401 .*check CMS_READ_TOKEN/);
    expect(result.pageBuilt).toBe(false);
  });
});

/**
 * A newsroom of its own for the tests that break content or pictures on purpose: on the
 * shared one, the publish webhook would start failing builds of the live site, and its backoff
 * would hold up whichever spec runs next.
 */
test.describe('on a newsroom of its own, a build that cannot be right fails loudly; a broken picture never breaks one', () => {
  test.describe.configure({ timeout: 240_000 });
  let own: ThrowawayCms;
  let headers: Record<string, string>;
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    own = await startOwnCms('own newsroom');
    ({ headers } = await editorSession(own));
  });
  test.afterAll(async () => {
    // Undefined when beforeAll failed before it started.
    await (own as ThrowawayCms | undefined)?.stop();
  });

  test('a published story whose section was deleted fails the build with its documentId and field', async ({
    request,
  }) => {
    const cm = `${own.url}/content-manager/collection-types`;
    const category = await request.post(`${cm}/api::category.category`, {
      headers,
      data: { name: 'หมวดชั่วคราว', slug: 'temporary', order: 99 },
    });
    expect(category.status()).toBe(201);
    const categoryId = ((await category.json()) as { data: { documentId: string } }).data.documentId;
    const story = await request.post(`${cm}/api::article.article`, {
      headers,
      data: { title: 'ข่าวที่หมวดจะถูกลบ', body: 'เนื้อหา', section: { connect: [categoryId] } },
    });
    expect(story.status()).toBe(201);
    const storyId = ((await story.json()) as { data: { documentId: string } }).data.documentId;
    const publish = await request.post(`${cm}/api::article.article/${storyId}/actions/publish`, { headers, data: {} });
    expect(publish.status()).toBe(200);
    expect((await request.delete(`${cm}/api::category.category/${categoryId}`, { headers })).status()).toBe(200);

    const result = build({ CMS_URL: own.url, CMS_READ_TOKEN: own.secrets.CMS_READ_TOKEN });
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(`articles ${storyId}, field "section"`);
    expect(result.pageBuilt).toBe(false);
    // The story goes, so the next test builds this newsroom cleanly.
    expect((await request.delete(`${cm}/api::article.article/${storyId}`, { headers })).status()).toBe(200);
  });

  test('a build reads no picture: a story whose cover file is gone or corrupt builds like any other', async ({
    request,
  }) => {
    const uploadsDir = path.join(own.workDir, 'public', 'uploads');
    const coverFile = async (storyNumber: number) => {
      const response = await request.get(`${own.url}/api/articles`, {
        headers: { Authorization: `Bearer ${own.secrets.CMS_READ_TOKEN}` },
        params: { 'filters[storyNumber][$eq]': storyNumber, 'populate[cover][populate][image][fields][0]': 'url' },
      });
      const body = (await response.json()) as { data: { cover: { image: { url: string } } }[] };
      return path.join(uploadsDir, path.basename(body.data[0]!.cover.image.url));
    };
    const missing = await coverFile(2);
    const corrupt = await coverFile(3);
    rmSync(missing);
    writeFileSync(corrupt, 'this is not an image');
    const result = build({ CMS_URL: own.url, CMS_READ_TOKEN: own.secrets.CMS_READ_TOKEN }, [
      'news/1',
      'news/2',
      'news/3',
    ]);
    expect(result.code, result.output).toBe(0);
    expect(result.pageBuilt).toBe(true);
    expect(result.storyPages).toBeGreaterThan(40);
    // The pictures are the variants made at upload, named as the CMS lists them: the build
    // neither fetched nor encoded any (it has no image output at all).
    for (const page of ['news/1', 'news/2', 'news/3']) {
      expect(result.pages[page], page).toMatch(/<source type="image\/avif" srcset="\/uploads\/avif_360_\S+\.avif 360w/);
    }
    expect(result.images, 'pictures the build wrote').toEqual([]);
  });
});
