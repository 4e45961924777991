import { expect, test, type APIRequestContext } from '@playwright/test';
import { coverPng } from '../../scripts/seed/png';
import { makePreviewToken } from '../../src/lib/server/preview-token';
import { cspDirectives } from '../harness/csp';
import { deleteStory, loginAs, sectionId } from '../harness/editor';
import { adminHeaders, newsroomState } from '../harness/suite-newsroom';
import { settled } from '../harness/live-site';

const state = newsroomState();
const articles = `${state.cmsUrl}/content-manager/collection-types/api::article.article`;

interface Draft {
  documentId: string;
  storyNumber: number;
  scheduledAt: string | null;
}

async function create(request: APIRequestContext, headers: Record<string, string>, data: object) {
  const response = await request.post(articles, { headers, data });
  return { status: response.status(), body: (await response.json()) as { data: Draft; error?: { message: string } } };
}

async function publish(request: APIRequestContext, headers: Record<string, string>, documentId: string) {
  const response = await request.post(`${articles}/${documentId}/actions/publish`, { headers, data: {} });
  return { status: response.status(), body: (await response.json()) as { error?: { message: string } } };
}

/** Polls a site page until it answers `status`; returns the time it took. */
async function until(request: APIRequestContext, route: string, status: number) {
  await expect
    .poll(async () => (await request.get(`${state.siteUrl}${route}`, { maxRedirects: 0 })).status(), {
      timeout: 90_000,
      intervals: [200],
    })
    .toBe(status);
  return Date.now();
}

test.describe(`editors' workflow (${state.database})`, () => {
  // Whatever a test published or deleted is built before the next test starts: every test
  // (of any spec, in any order) begins with a site that is not still catching up.
  test.afterEach(async ({ request }) => {
    await settled(request);
  });
  test.describe.configure({ timeout: 180_000 });
  let writer: { Authorization: string };
  let editor: { Authorization: string };
  test.beforeAll(async ({ request }) => {
    writer = await loginAs(request, state.writer);
    editor = await loginAs(request, state.editor);
  });

  test('a writer saves drafts but cannot publish or schedule; an editor publishes', async ({ request }) => {
    const section = { connect: [await sectionId(request, 'politics')] };
    const scheduledAt = new Date(Date.now() + 3_600_000).toISOString();
    const draft = await create(request, writer, { title: 'ร่างของผู้สื่อข่าว', body: 'เนื้อหา', section, scheduledAt });
    expect(draft.status).toBe(201);
    const { documentId } = draft.body.data;
    try {
      // The publish time is not a writer's field: Strapi drops it from the save.
      expect(draft.body.data.scheduledAt).toBeNull();
      expect((await publish(request, writer, documentId)).status).toBe(403);
      expect((await request.delete(`${articles}/${documentId}`, { headers: writer })).status()).toBe(403);
      expect((await publish(request, editor, documentId)).status).toBe(200);
    } finally {
      await deleteStory(request, documentId);
    }
  });

  test('publishing is refused with Thai messages: no section, a long excerpt, a cover or gallery picture without alt text', async ({
    request,
  }) => {
    const noSection = await create(request, editor, { title: 'ร่างไม่มีหมวด', body: 'เนื้อหา' });
    const longExcerpt = await create(request, editor, { title: 'คำโปรยยาว', body: 'เนื้อหา', excerpt: 'ก'.repeat(301) });
    expect(longExcerpt.status).toBe(400);
    expect(longExcerpt.body.error?.message).toBe('คำโปรย (excerpt) ยาวได้ไม่เกิน 300 ตัวอักษร ตอนนี้ยาว 301 ตัวอักษร');

    const upload = await request.post(`${state.cmsUrl}/upload`, {
      headers: editor,
      multipart: {
        files: { name: 'IMG_2041.png', mimeType: 'image/png', buffer: coverPng(64, 36, [30, 90, 160]) },
        fileInfo: JSON.stringify({ name: 'IMG_2041.png', alternativeText: '' }),
      },
    });
    expect(upload.status()).toBe(201);
    const [file] = (await upload.json()) as { id: number }[];
    const described = await request.post(`${state.cmsUrl}/upload`, {
      headers: editor,
      multipart: {
        files: { name: 'IMG_2042.png', mimeType: 'image/png', buffer: coverPng(64, 36, [160, 90, 30]) },
        fileInfo: JSON.stringify({ name: 'IMG_2042.png', alternativeText: 'รถดับเพลิงจอดหน้าตลาด' }),
      },
    });
    const [good] = (await described.json()) as { id: number }[];
    // The picture without a description is the cover and the gallery's second picture.
    const withCover = await create(request, editor, {
      title: 'ข่าวที่ภาพปกไม่มีคำอธิบาย',
      body: 'เนื้อหา',
      section: { connect: [await sectionId(request, 'news')] },
      cover: { image: file!.id, caption: 'ภาพประกอบ' },
      gallery: [
        { image: good!.id, caption: 'ภาพแรก' },
        { image: file!.id, caption: 'ภาพที่สอง' },
      ],
    });
    try {
      const refused = await publish(request, editor, noSection.body.data.documentId);
      expect(refused.status).toBe(400);
      expect(refused.body.error?.message).toContain('ต้องเลือกหมวดข่าว (section) ก่อนเผยแพร่');

      const noAlt = await publish(request, editor, withCover.body.data.documentId);
      expect(noAlt.status).toBe(400);
      expect(noAlt.body.error?.message).toContain('ภาพปกต้องมีคำอธิบายภาพ (alternative text)');
      expect(noAlt.body.error?.message).toContain('ภาพในแกลเลอรี (gallery) ภาพที่ 2 ต้องมีคำอธิบายภาพ (alternative text)');
      expect(noAlt.body.error?.message).not.toContain('ภาพที่ 1');

      // The file name is not a description either; a real one lets the story go out.
      const describe = (alternativeText: string) =>
        request.post(`${state.cmsUrl}/upload?id=${file!.id}`, {
          headers: editor,
          multipart: { fileInfo: JSON.stringify({ alternativeText }) },
        });
      expect((await describe('IMG_2041')).status()).toBe(200);
      expect((await publish(request, editor, withCover.body.data.documentId)).status).toBe(400);
      expect((await describe('ผู้ชุมนุมหน้าทำเนียบรัฐบาลช่วงเช้า')).status()).toBe(200);
      expect((await publish(request, editor, withCover.body.data.documentId)).status).toBe(200);
    } finally {
      await deleteStory(request, noSection.body.data.documentId);
      await deleteStory(request, withCover.body.data.documentId);
      await request.delete(`${state.cmsUrl}/upload/files/${file!.id}`, { headers: adminHeaders() });
      await request.delete(`${state.cmsUrl}/upload/files/${good!.id}`, { headers: adminHeaders() });
    }
  });

  test('a correction or update without text, or dated ahead, is refused with a Thai message naming it', async ({
    request,
  }) => {
    const at = new Date().toISOString();
    const cases: [notes: object[], message: string][] = [
      [
        [
          { kind: 'update', at, text: 'เพิ่มข้อมูล' },
          { kind: 'correction', at, text: '  ' },
        ],
        'หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 2 ต้องมีข้อความ (text)',
      ],
      [
        [{ kind: 'update', at: new Date(Date.now() + 86_400_000).toISOString(), text: 'อัปเดตล่วงหน้า' }],
        'หมายเหตุการแก้ไข/อัปเดต (notes) รายการที่ 1 ลงวันและเวลาในอนาคตไม่ได้',
      ],
    ];
    for (const [notes, message] of cases) {
      const refused = await create(request, editor, { title: 'ข่าวมีหมายเหตุ', body: 'เนื้อหา', notes });
      expect(refused.status).toBe(400);
      expect(refused.body.error?.message).toBe(message);
    }
    // Nothing was saved: the editor's text is still in the form, not half in the CMS.
    const saved = await request.get(`${articles}?filters[title][$eq]=${encodeURIComponent('ข่าวมีหมายเหตุ')}`, {
      headers: editor,
    });
    expect(saved.status()).toBe(200);
    expect(((await saved.json()) as { results: unknown[] }).results).toEqual([]);
  });

  test('a URL alone on a line that is not a post the site can embed is refused in Thai, and the draft keeps its text', async ({
    request,
  }) => {
    const body = 'ย่อหน้าแรก\n\nhttps://youtu.be/dQw4w9WgXcQ คลิปแถลงข่าว\n\nย่อหน้าสุดท้าย';
    const created = await create(request, editor, { title: 'ข่าวมีคลิป', body });
    expect(created.status).toBe(201);
    const { documentId } = created.body.data;
    try {
      const cases: [body: string, message: string][] = [
        [
          'ย่อหน้าแรก\n\nhttps://example.org/news/1\n',
          'เนื้อข่าว (body) บรรทัดที่ 3: ลิงก์ที่วางไว้บรรทัดเดียวจะถูกฝังเป็นโพสต์ ซึ่งรองรับเฉพาะ YouTube, Facebook, X, TikTok และ Instagram — ถ้าต้องการลิงก์ธรรมดา ให้เขียนเป็น [ข้อความ](ลิงก์) หรือใส่ไว้ในประโยค',
        ],
        [
          'https://www.facebook.com/thaipbsnews',
          'เนื้อข่าว (body) บรรทัดที่ 1: ลิงก์ Facebook นี้ไม่ใช่ลิงก์ของโพสต์หรือคลิป จึงฝังในข่าวไม่ได้ — คัดลอกลิงก์จากปุ่ม "แชร์" ของโพสต์นั้นมาวางใหม่',
        ],
      ];
      for (const [bad, message] of cases) {
        const response = await request.put(`${articles}/${documentId}`, { headers: editor, data: { body: bad } });
        expect(response.status()).toBe(400);
        expect(((await response.json()) as { error?: { message: string } }).error?.message).toBe(message);
      }
      // Nothing was saved: the draft still holds the editor's last good text.
      const saved = await request.get(`${articles}/${documentId}`, { headers: editor });
      expect(((await saved.json()) as { data: { body: string } }).data.body).toBe(body);
    } finally {
      await deleteStory(request, documentId);
    }
  });

  test('an embargoed story goes live on time, through the same path as a manual publish', async ({ request }) => {
    const scheduledAt = Date.now() + 8_000;
    const draft = await create(request, editor, {
      title: 'ข่าวตามกำหนดเวลา',
      body: 'ข่าวนี้ตั้งเวลาเผยแพร่ล่วงหน้า',
      section: { connect: [await sectionId(request, 'economy')] },
      scheduledAt: new Date(scheduledAt).toISOString(),
    });
    expect(draft.status).toBe(201);
    const { documentId, storyNumber } = draft.body.data;
    const route = `/news/economy/${storyNumber}`;
    try {
      expect((await request.get(`${state.siteUrl}${route}`)).status()).toBe(404);
      const liveAt = await until(request, route, 200);
      console.log(`[embargo] live ${liveAt - scheduledAt} ms after its scheduled time`);
      // Not before its time (the poll started well before it)...
      expect(liveAt).toBeGreaterThanOrEqual(scheduledAt);
      // ...and the time is cleared, so an unpublish later is final.
      const after = await request.get(`${articles}/${documentId}`, { headers: editor });
      expect(((await after.json()) as { data: Draft }).data.scheduledAt).toBeNull();
      expect(
        (await request.post(`${articles}/${documentId}/actions/unpublish`, { headers: editor, data: {} })).status(),
      ).toBe(200);
      await until(request, route, 404);
    } finally {
      await deleteStory(request, documentId);
    }
  });

  test('a draft preview needs a valid, unexpired token for that draft, and keeps crawlers out', async ({ request }) => {
    const draft = await create(request, editor, {
      title: 'ร่างข่าวสำหรับดูตัวอย่าง',
      body: 'ย่อหน้าลับที่ยังไม่เผยแพร่',
      section: { connect: [await sectionId(request, 'world')] },
    });
    const { documentId } = draft.body.data;
    try {
      const link = await request.get(`${state.cmsUrl}/content-manager/preview/url/api::article.article`, {
        headers: editor,
        params: { documentId, status: 'draft' },
      });
      const { url } = ((await link.json()) as { data: { url: string } }).data;
      expect(url).toMatch(new RegExp(`^${state.siteUrl}/preview/${documentId}\\?token=\\d+\\.[\\w-]{43}$`));

      const preview = await request.get(url);
      expect(preview.status()).toBe(200);
      const html = await preview.text();
      expect(html).toContain('ย่อหน้าลับที่ยังไม่เผยแพร่');
      expect(html).toContain('ตัวอย่างก่อนเผยแพร่');
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(preview.headers()['x-robots-tag']).toBe('noindex, nofollow');
      expect(preview.headers()['cache-control']).toBe('private, no-store');
      // Only the admin may frame it: the one frame-ancestors directive of the page's policy.
      const framing = cspDirectives(preview.headers()['content-security-policy'] ?? '').filter(
        ([name]) => name === 'frame-ancestors',
      );
      expect(framing).toEqual([['frame-ancestors', ["'self'", new URL(state.cmsUrl).origin]]]);

      const token = new URL(url).searchParams.get('token')!;
      const expired = makePreviewToken(documentId, state.previewSecret, Math.floor(Date.now() / 1000) - 1);
      for (const [name, path, status] of [
        ['no token', `/preview/${documentId}`, 401],
        ['a forged token', `/preview/${documentId}?token=${token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`, 401],
        ['an expired token', `/preview/${documentId}?token=${expired}`, 401],
        ['the token of another draft', `/preview/another-document?token=${token}`, 401],
      ] as const) {
        const response = await request.get(`${state.siteUrl}${path}`);
        expect(response.status(), name).toBe(status);
        expect(await response.text(), name).not.toContain('ย่อหน้าลับ');
      }
    } finally {
      await deleteStory(request, documentId);
    }
  });
});
