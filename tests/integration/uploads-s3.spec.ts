import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { coverPng } from '../../scripts/seed/png';
import type { LiveSite } from '../../server/src/deploy';
import { reservePort } from '../../server/src/processes';
import { editorSession } from '../harness/editor-session';
import { startObjectStorage, type ObjectStorage } from '../harness/object-storage';
import { startThrowawaySite, type ThrowawayCms } from '../harness/throwaway';
import { newsroomState, startOwnCms } from '../harness/suite-newsroom';

const state = newsroomState();

/** An upload as the media library lists it. */
interface UploadedFile {
  id: number;
  url: string;
  mime: string;
  formats: Record<string, { url: string }> | null;
}

test.describe(`uploads in object storage (${state.database})`, () => {
  // A CMS of its own, seeded with its pictures going to the bucket, and a full site build.
  test.describe.configure({ timeout: 300_000 });
  let storage: ObjectStorage;
  let cms: ThrowawayCms;
  let site: LiveSite | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    storage = await startObjectStorage();
    cms = await startOwnCms('s3 newsroom', { env: storage.cmsEnv });
  });
  test.afterAll(async () => {
    await site?.close();
    await cms.stop();
    await storage.stop();
  });

  /** Every file of the media library, through the admin API. */
  async function mediaLibrary(): Promise<UploadedFile[]> {
    const { headers } = await editorSession(cms);
    const response = await fetch(`${cms.url}/upload/files?pageSize=100`, { headers });
    expect(response.status).toBe(200);
    const body = (await response.json()) as UploadedFile[] | { results: UploadedFile[] };
    return Array.isArray(body) ? body : body.results;
  }

  test("the seeded pictures are in the bucket, not on the CMS's disk, and readers may keep them a year", async () => {
    const files = await mediaLibrary();
    expect(files.length).toBeGreaterThan(10);
    const urls = files.flatMap((file) => [file.url, ...Object.values(file.formats ?? {}).map((format) => format.url)]);
    for (const url of urls) expect(url.startsWith(`${storage.publicUrl}/`), url).toBe(true);
    const onDisk = existsSync(cms.files.uploads) ? readdirSync(cms.files.uploads) : [];
    expect(onDisk, "the CMS's uploads folder").toEqual([]);
    const answer = await fetch(files[0]!.url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(files[0]!.mime);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  test('an editor uploads a picture to the bucket; deleting it deletes it there', async () => {
    const { headers } = await editorSession(cms);
    const form = new FormData();
    form.append(
      'files',
      new Blob([new Uint8Array(coverPng(800, 450, [200, 40, 40]))], { type: 'image/png' }),
      'flood.png',
    );
    // The form sets its own multipart content type.
    const auth = { Authorization: headers.Authorization! };
    const response = await fetch(`${cms.url}/upload`, { method: 'POST', headers: auth, body: form });
    expect(response.status).toBe(201);
    const [file] = (await response.json()) as UploadedFile[];
    const urls = [file!.url, ...Object.values(file!.formats ?? {}).map((format) => format.url)];
    expect(urls.length, 'the picture and the sizes Strapi makes of it').toBeGreaterThan(1);
    for (const url of urls) {
      expect(url.startsWith(`${storage.publicUrl}/`), url).toBe(true);
      expect((await fetch(url)).status, url).toBe(200);
    }
    const deleted = await fetch(`${cms.url}/upload/files/${file!.id}`, { method: 'DELETE', headers: auth });
    expect(deleted.status).toBe(200);
    for (const url of urls) expect((await fetch(url)).status, url).toBe(404);
  });

  test("the site builds from the bucket's pictures without fetching them, and readers get the variants from the bucket", async () => {
    site = await startThrowawaySite(cms, {
      port: await reservePort(),
      keep: 3,
      log: (line) => console.log(`[s3 site] ${line}`),
      uploadsUrl: storage.publicUrl,
    });
    const build = await site.publisher.buildNow('s3');
    expect(build.result, build.error ?? '').toBe('live');
    const release = site.releases.live()!;
    const front = readFileSync(path.join(release, 'client', 'index.html'), 'utf8');
    const avif = [...front.matchAll(/<source type="image\/avif" srcset="([^"]+)"/g)].map((match) => match[1]!);
    expect(avif.length, 'covers on the front page').toBeGreaterThan(3);
    const urls = avif.flatMap((srcset) => srcset.split(', ').map((entry) => entry.split(' ')[0]!));
    for (const url of urls) expect(url.startsWith(`${storage.publicUrl}/avif_`), url).toBe(true);
    const one = await fetch(urls[0]!);
    expect([one.status, one.headers.get('content-type')]).toEqual([200, 'image/avif']);
    // Pages may show pictures from the bucket's origin, and from nowhere else.
    expect(front).toMatch(new RegExp(`img-src 'self' data: ${new URL(storage.publicUrl).origin};`));
    // Nothing was encoded by the build.
    const assets = readdirSync(path.join(release, 'client', '_astro'));
    expect(assets.filter((file) => /\.(avif|webp|png)$/.test(file))).toEqual([]);
  });
});
