import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Releases } from '../../server/src/releases';
import { liveJsonPath } from '../../src/lib/live';
import { deleteStory, editDraft, saveDraft, setPublished } from '../harness/editor';
import { builds, newestBuildId, settled, until } from '../harness/live-site';
import { adminHeaders, newsroomState } from '../harness/suite-newsroom';

const state = newsroomState();
const TITLE = 'รายงานสด น้ำทะเลหนุนสูง เฝ้าระวังริมเจ้าพระยา';

/** An entry as an editor writes it, `minutesAgo` before now. */
const entry = (minutesAgo: number, text: string, pinned = false) => ({
  at: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  text,
  pinned,
});

test.describe(`live coverage (${state.database})`, () => {
  test.describe.configure({ timeout: 240_000 });
  test.afterEach(async ({ request }) => {
    await settled(request);
  });

  test('a reader on the page is offered a new entry without a reload, then sees the coverage end', async ({
    page,
    request,
  }) => {
    const first = [entry(30, 'ระดับน้ำที่ท่าน้ำนนท์สูงขึ้นต่อเนื่อง', true), entry(20, 'เจ้าหน้าที่เริ่มวางกระสอบทราย')];
    const story = await saveDraft(request, { title: TITLE, body: 'ติดตามสถานการณ์น้ำแบบต่อเนื่อง', sectionSlug: 'news' });
    const path = `/news/news/${story.storyNumber}`;
    let before = 0;
    try {
      await editDraft(request, story.documentId, { liveState: 'live', liveEntries: first });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await until(request, path, (status) => status === 200);

      // The front page badges the coverage while it is live.
      await page.goto(`${state.siteUrl}/`);
      const card = page.locator('.card', { has: page.getByRole('link', { name: TITLE }) }).first();
      await expect(card.locator('.live-badge')).toHaveText('สด');

      await card.getByRole('link', { name: TITLE }).click();
      await expect(page).toHaveURL(`${state.siteUrl}${path}`);
      const coverage = page.getByRole('region', { name: /รายงานสด/ });
      await expect(coverage.locator('.live-state')).toHaveText('สด');
      await expect(page.getByRole('list', { name: 'ปักหมุด' }).locator('.live-entry')).toHaveCount(1);
      const latest = page.getByRole('list', { name: 'อัปเดตล่าสุด' });
      await expect(latest.locator('.live-entry')).toHaveCount(1);
      // Each entry's time links to its own anchor.
      const anchor = await latest.locator('.live-entry').first().getAttribute('id');
      expect(anchor).toMatch(/^update-\d+$/);
      await expect(latest.locator('.live-entry-meta a').first()).toHaveAttribute('href', `#${anchor}`);
      await expect(latest.locator('.live-entry-meta time').first()).toHaveText(/^\d{1,2} \S+ 25\d\d \d\d:\d\d น\.$/);

      // The reader scrolls into the story; an editor adds an entry meanwhile.
      await page.evaluate(() => window.scrollTo(0, 200));
      const scrolled = await page.evaluate(() => window.scrollY);
      const added = entry(0, 'กรมชลประทานเร่งระบายน้ำผ่านประตูระบายน้ำเพิ่ม');
      await editDraft(request, story.documentId, { liveEntries: [...first, added] });
      expect(await setPublished(request, story.documentId)).toBe(200);

      const notice = page.getByRole('button', { name: 'มีอัปเดตใหม่ 1 รายการ แตะเพื่ออ่าน' });
      await expect(notice).toBeVisible({ timeout: 60_000 });
      // The notice moved nothing the reader is reading.
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      await expect(latest.locator('.live-entry')).toHaveCount(1);

      await notice.click();
      const newest = page.getByRole('list', { name: 'อัปเดตล่าสุด' }).locator('.live-entry').first();
      await expect(newest).toContainText('กรมชลประทานเร่งระบายน้ำ');
      await expect(newest).toBeFocused();
      await expect(page.getByRole('list', { name: 'อัปเดตล่าสุด' }).locator('.live-entry')).toHaveCount(2);
      await expect(notice).toBeHidden();

      // The page's structured data is a LiveBlogPosting with every entry, newest first.
      const jsonLd = JSON.parse(
        (await (await request.get(`${state.siteUrl}${path}`)).text()).match(
          /<script type="application\/ld\+json">(.*?)<\/script>/s,
        )![1]!,
      ) as {
        '@type': string;
        coverageStartTime: string;
        coverageEndTime?: string;
        liveBlogUpdate: { articleBody: string; url: string }[];
      };
      expect(jsonLd['@type']).toBe('LiveBlogPosting');
      expect(jsonLd.coverageEndTime).toBeUndefined();
      expect(jsonLd.liveBlogUpdate.map((u) => u.articleBody)).toEqual([added.text, first[1]!.text, first[0]!.text]);
      expect(jsonLd.liveBlogUpdate[0]!.url).toMatch(/#update-\d+$/);

      // The desk ends the coverage: the reader's page says so without a reload.
      await editDraft(request, story.documentId, { liveState: 'ended' });
      expect(await setPublished(request, story.documentId)).toBe(200);
      await expect(coverage.locator('.live-state')).toHaveText('จบการรายงานแล้ว', { timeout: 60_000 });
      await settled(request);
    } finally {
      before = await newestBuildId(request);
      await deleteStory(request, story.documentId);
    }
    // Taken down: the page is gone, and the JSON its readers poll with it, by one fast publish.
    await until(request, path, (status) => status === 404);
    expect((await request.get(`${state.siteUrl}${liveJsonPath(story.storyNumber)}`)).status()).toBe(404);
    await settled(request);
    const takedown = (await builds(request)).find((b) => b.id > before && b.fastPublish?.result === 'live');
    expect(takedown?.fastPublish?.release).toBeTruthy();
    const gone = new Releases(state.releasesDir).gone(join(state.releasesDir, takedown!.fastPublish!.release!));
    expect([...gone]).toEqual(expect.arrayContaining([path, liveJsonPath(story.storyNumber)]));
  });

  test('an entry without text, dated ahead, or with a post the site cannot embed is refused in Thai', async ({
    request,
  }) => {
    const story = await saveDraft(request, { title: 'รายงานสดทดสอบ', body: 'เนื้อหา' });
    try {
      const cases: [data: object, message: string][] = [
        [
          { liveState: 'live', liveEntries: [entry(5, 'ข้อความ'), entry(1, '  ')] },
          'รายงานสด (liveEntries) รายการที่ 2 ต้องมีข้อความ (text)',
        ],
        [
          { liveState: 'live', liveEntries: [entry(-60, 'ล่วงหน้า')] },
          'รายงานสด (liveEntries) รายการที่ 1 ลงวันและเวลาในอนาคตไม่ได้',
        ],
        [
          { liveState: 'live', liveEntries: [entry(1, 'https://example.org/live')] },
          'รายงานสด (liveEntries) รายการที่ 1: บรรทัดที่ 1: ลิงก์ที่วางไว้บรรทัดเดียวจะถูกฝังเป็นโพสต์',
        ],
        [
          { liveState: null, liveEntries: [entry(1, 'ข้อความ')] },
          'มีรายการรายงานสด (liveEntries) แต่ยังไม่ได้เลือกสถานะรายงานสด (liveState)',
        ],
      ];
      for (const [data, message] of cases) {
        const response = await request.put(
          `${state.cmsUrl}/content-manager/collection-types/api::article.article/${story.documentId}`,
          { headers: adminHeaders(), data },
        );
        expect(response.status()).toBe(400);
        expect(((await response.json()) as { error?: { message: string } }).error?.message).toContain(message);
      }
    } finally {
      await deleteStory(request, story.documentId);
    }
  });
});
