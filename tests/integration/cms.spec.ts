import { expect, test, type APIRequestContext } from '@playwright/test';
import { createCmsClient } from '../../src/lib/server/cms/client';
import { populate } from '../../src/lib/server/cms/populate';
import { stories } from '../../scripts/seed/stories';
import { deleteStory, editDraft, saveDraft, setPublished } from '../harness/editor';
import { adminHeaders, newsroomState } from '../harness/suite-newsroom';
import { settled } from '../harness/live-site';

const state = newsroomState();
const api = (path: string) => `${state.cmsUrl}/api${path}`;
const bearer = { Authorization: `Bearer ${state.token}` };

/** Logs in to the admin API as the provisioned editor. */
async function adminToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${state.cmsUrl}/admin/login`, {
    data: { email: state.adminEmail, password: state.adminPassword },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: { token: string } }).data.token;
}

test.describe(`Strapi security and editing rules (${state.database})`, () => {
  // Whatever a test published or deleted is built before the next test starts: every test
  // (of any spec, in any order) begins with a site that is not still catching up.
  test.afterEach(async ({ request }) => {
    await settled(request);
  });
  test('the Public role reads nothing', async ({ request }) => {
    for (const path of [
      '/articles',
      '/categories',
      '/tags',
      '/authors',
      '/videos',
      '/global',
      '/upload/files',
      '/users',
    ]) {
      const status = (await request.get(api(path))).status();
      expect([401, 403], path).toContain(status);
    }
  });

  test('the site token reads published content but cannot write', async ({ request }) => {
    const read = await request.get(api('/articles?status=published&pagination[pageSize]=1'), { headers: bearer });
    expect(read.status()).toBe(200);
    expect(
      ((await read.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total,
    ).toBeGreaterThanOrEqual(40);

    const write = await request.post(api('/articles'), { headers: bearer, data: { data: { title: 'ไม่ควรสร้างได้' } } });
    expect(write.status()).toBe(403);
    const remove = await request.delete(api('/categories/anything'), { headers: bearer });
    expect(remove.status()).toBe(403);
  });

  test('strictParams rejects the `state` parameter strapi-sdk-js would send', async ({ request }) => {
    const response = await request.get(api('/articles?state=published'), { headers: bearer });
    expect(response.status()).toBe(400);
    expect(await response.text()).toContain('Invalid key state');
  });

  test('the typed client (strapi-sdk-js on axios 1.19.0) reads every published story from the real Strapi', async () => {
    const client = createCmsClient({ url: state.cmsUrl, token: state.token, pageSize: 7 });
    const entries = (await client.findAll('articles', { populate: populate.article, sort: ['storyNumber:asc'] })) as {
      storyNumber: number;
      section: { slug: string } | null;
    }[];
    expect(entries).toHaveLength(stories.filter((story) => !story.draft).length);
    const numbers = entries.map((e) => e.storyNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(entries.every((e) => e.section?.slug)).toBe(true);
  });

  test('the provisioned editor can log in to the admin', async ({ request }) => {
    expect(await adminToken(request)).toMatch(/^ey/);
  });

  test('a story gets a new story number at creation, keeps it on edit and republish, never reuses it, and is dated at its first publication', async ({
    request,
  }) => {
    const highest = (await (
      await request.get(
        api('/articles?status=draft&sort=storyNumber:desc&pagination[pageSize]=1&fields[0]=storyNumber'),
        // Drafts are readable with the previews' token only.
        { headers: { Authorization: `Bearer ${state.previewToken}` } },
      )
    ).json()) as { data: { storyNumber: number }[] };

    // An editor cannot choose a number: the one sent is replaced by the assigned one.
    const draft = await saveDraft(request, {
      title: 'ข่าวทดสอบเลขข่าว',
      body: 'เนื้อหาทดสอบ',
      sectionSlug: 'politics',
      storyNumber: 1,
    });
    try {
      expect(draft.storyNumber).toBeGreaterThan(highest.data[0]!.storyNumber);
      expect((draft as { firstPublishedAt?: string | null }).firstPublishedAt).toBeNull();

      const edited = await editDraft(request, draft.documentId, { title: 'ข่าวทดสอบเลขข่าว แก้ไข', storyNumber: 9999 });
      expect(edited.storyNumber).toBe(draft.storyNumber);

      const published = async () =>
        (
          (await (
            await request.get(api(`/articles/${draft.documentId}?status=published`), { headers: bearer })
          ).json()) as { data: { storyNumber: number; firstPublishedAt: string; publishedAt: string } }
        ).data;
      const before = Date.now();
      expect(await setPublished(request, draft.documentId)).toBe(200);
      const after = Date.now();
      const first = await published();
      expect(first.storyNumber).toBe(draft.storyNumber);
      expect(Date.parse(first.firstPublishedAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(first.firstPublishedAt)).toBeLessThanOrEqual(after + 1000);

      // Republished after an edit, and after an unpublish: same number, same first-publication time.
      await new Promise((resolve) => setTimeout(resolve, 1100)); // so a re-stamp would show
      await editDraft(request, draft.documentId, { title: 'ข่าวทดสอบเลขข่าว แก้ไขอีกครั้ง' });
      expect(await setPublished(request, draft.documentId)).toBe(200);
      expect(await setPublished(request, draft.documentId, false)).toBe(200);
      expect(await setPublished(request, draft.documentId)).toBe(200);
      const again = await published();
      expect(again.storyNumber).toBe(draft.storyNumber);
      expect(again.firstPublishedAt).toBe(first.firstPublishedAt);
      // Strapi's own publishedAt moved: the republish really happened.
      expect(Date.parse(again.publishedAt)).toBeGreaterThan(Date.parse(first.publishedAt));
    } finally {
      await deleteStory(request, draft.documentId);
    }

    // The deleted story's number is not handed out again.
    const next = await saveDraft(request, { title: 'ข่าวทดสอบเลขข่าวถัดไป', body: 'เนื้อหา' });
    await deleteStory(request, next.documentId);
    expect(next.storyNumber).toBe(draft.storyNumber + 1);
  });

  test('a story without a section cannot be published', async ({ request }) => {
    const { documentId } = await saveDraft(request, { title: 'ข่าวไม่มีหมวด', body: 'เนื้อหา' });
    try {
      const published = await request.post(
        `${state.cmsUrl}/content-manager/collection-types/api::article.article/${documentId}/actions/publish`,
        { headers: adminHeaders(), data: {} },
      );
      expect(published.status()).toBe(400);
      expect(await published.text()).toContain('ต้องเลือกหมวดข่าว');
    } finally {
      await deleteStory(request, documentId);
    }
  });
});
