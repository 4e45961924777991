import { expect, test } from '@playwright/test';
import { CORRECTED_TITLE, EMBED_TITLES, GALLERY_TITLE, REFERENCE_SHAPED_TITLE } from '../../scripts/seed/stories';
import { newsroomState } from '../harness/suite-newsroom';

const { siteUrl } = newsroomState();

test.describe('a reader browses the site', () => {
  test('front page → section → story', async ({ page }) => {
    const response = await page.goto(`${siteUrl}/`);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'th');
    await expect(page.getByRole('heading', { level: 1, name: 'ข่าวล่าสุด' })).toBeVisible();
    await expect(page.locator('.today time')).toHaveText(/^วัน\S+ที่ \d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\.$/);

    await page.getByRole('navigation', { name: 'หมวดข่าว' }).getByRole('link', { name: 'ข่าว', exact: true }).click();
    await expect(page).toHaveURL(`${siteUrl}/news/news`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ข่าว');

    await page.locator('.story-list').getByRole('link', { name: REFERENCE_SHAPED_TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`^${siteUrl}/news/news/\\d+$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(REFERENCE_SHAPED_TITLE);
    await expect(page.locator('.story-meta')).toContainText('ข่าวสยามรายวันฉบับพิมพ์');
    await expect(page.locator('.story-meta > time')).toHaveText('6 ธ.ค. 2559 07:30 น.');
    await expect(page.locator('.story-body p')).toHaveCount(6);
    await expect(page.getByRole('img', { name: /ภาพประกอบข่าว/ })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'อ่านเพิ่มเติม...' })).toBeVisible();

    // The breadcrumb leads back to the section.
    await page.getByRole('navigation', { name: 'เส้นทางนำทาง' }).getByRole('link', { name: 'ข่าว' }).click();
    await expect(page).toHaveURL(`${siteUrl}/news/news`);
  });

  test('every section in the header opens a page of its stories', async ({ page }) => {
    await page.goto(`${siteUrl}/`);
    const nav = page.getByRole('navigation', { name: 'หมวดข่าว' });
    const names = (await nav.getByRole('link').allTextContents()).filter((n) => n !== 'หน้าแรก');
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) {
      await page.goto(`${siteUrl}/`);
      await nav.getByRole('link', { name, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await expect(page.locator('.card').first()).toBeVisible();
    }
  });

  test('a corrected story shows its corrections and updates, and the corrections page lists it', async ({ page }) => {
    await page.goto(`${siteUrl}/news/economy`);
    await page.locator('.story-list').getByRole('link', { name: CORRECTED_TITLE }).click();
    const notes = page.getByRole('complementary', { name: 'การแก้ไขและอัปเดต' });
    // Newest first, each with its kind and its Bangkok Buddhist-era date-time.
    await expect(notes.locator('.note-meta')).toHaveText(['อัปเดต 19 พ.ย. 2569 17:10 น.', 'แก้ไข 19 พ.ย. 2569 16:30 น.']);
    await expect(notes.locator('.note-correction')).toContainText('ที่ถูกต้องคือมีมติเป็นเอกฉันท์');
    // The story's update time and its JSON-LD follow the latest note.
    await expect(page.locator('.story-meta .updated time')).toHaveText('19 พ.ย. 2569 17:10 น.');
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
      dateModified?: string;
    };
    expect(jsonLd.dateModified).toBe('2026-11-19T17:10:00+07:00');
    const storyUrl = page.url();

    await notes.getByRole('link', { name: 'ดูการแก้ไขข่าวทั้งหมด' }).click();
    await expect(page).toHaveURL(`${siteUrl}/corrections`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('การแก้ไขข่าว');
    const entry = page.locator('.corrections li').filter({ hasText: 'ที่ถูกต้องคือมีมติเป็นเอกฉันท์' });
    await expect(entry.locator('.note-meta')).toHaveText('แก้ไข 19 พ.ย. 2569 16:30 น.');
    // Updates are not corrections: only the correction is listed.
    await expect(page.locator('.corrections li').filter({ hasText: 'เพิ่มการตอบรับของตลาดหุ้น' })).toHaveCount(0);
    await entry.getByRole('link', { name: CORRECTED_TITLE }).click();
    await expect(page).toHaveURL(storyUrl);
  });

  test('posts from social platforms load only when the reader asks for them', async ({ page }) => {
    const origin = new URL(siteUrl).origin;
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    // This machine has no route to the platforms; what matters is that the frame is asked for.
    await page.route(
      (url) => url.origin !== origin,
      (route) => route.abort(),
    );
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/.test(message.text())) violations.push(message.text());
    });

    await page.goto(`${siteUrl}/news/entertainment`);
    await page.locator('.story-list').getByRole('link', { name: EMBED_TITLES[1] }).click();
    const posts = page.locator('.story-body figure.embed');
    await expect(posts).toHaveCount(3);
    await expect(posts.locator('.embed-platform')).toHaveText(['TikTok', 'Instagram', 'Facebook']);
    await expect(posts.first().getByRole('link', { name: 'เปิดดูบน TikTok' })).toHaveAttribute(
      'href',
      'https://www.tiktok.com/@mekhongmusicfest/video/7441234567890123456',
    );
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => new URL(url).origin !== origin)).toEqual([]);
    await expect(page.locator('iframe')).toHaveCount(0);

    // Keyboard first: the reader tabs to the TikTok clip's button and presses Enter.
    const play = posts.first().getByRole('button', { name: /^แตะเพื่อเล่น: คลิปจาก TikTok/ });
    await play.focus();
    await page.keyboard.press('Enter');
    const frame = posts.first().locator('iframe');
    await expect(frame).toHaveAttribute('src', 'https://www.tiktok.com/embed/v2/7441234567890123456?lang=th-TH');
    await expect(frame).toHaveAttribute('title', 'คลิปจาก TikTok');
    await expect
      .poll(() => requests.filter((url) => new URL(url).origin !== origin))
      .toEqual(['https://www.tiktok.com/embed/v2/7441234567890123456?lang=th-TH']);
    // The other posts are still facades, and the page's CSP admitted the frame.
    await expect(page.locator('iframe')).toHaveCount(1);
    expect(violations).toEqual([]);
  });

  test('a reader moves through a photo gallery by button and keyboard, and each picture has its own URL', async ({
    page,
  }) => {
    await page.goto(`${siteUrl}/news/news`);
    await page.locator('.story-list').getByRole('link', { name: GALLERY_TITLE }).click();
    const storyUrl = page.url();
    const gallery = page.getByRole('region', { name: 'ภาพชุด (12 ภาพ)' });
    const pictures = gallery.getByRole('listitem');
    await expect(pictures).toHaveCount(12);
    await expect(pictures.nth(2).locator('.gallery-count')).toHaveText('ภาพที่ 3 จาก 12');
    await expect(pictures.nth(2).getByRole('img')).toHaveAttribute('alt', 'นักเรียนขนหนังสือที่เปียกน้ำออกมาตากแดด');
    await expect(pictures.nth(11).getByRole('img')).toHaveAttribute('loading', 'lazy');
    /** The picture whose left edge is at the track's left edge. */
    const inView = () =>
      gallery.locator('.gallery-track').evaluate((track) => {
        const left = track.getBoundingClientRect().left;
        return [...track.children].findIndex((li) => Math.abs(li.getBoundingClientRect().left - left) < 2) + 1;
      });

    await gallery.getByRole('button', { name: 'ภาพถัดไป' }).click();
    await expect.poll(inView).toBe(2);
    await expect(page).toHaveURL(`${storyUrl}#photo-2`);

    await gallery.getByRole('list').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(inView).toBe(3);
    await expect(page).toHaveURL(`${storyUrl}#photo-3`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(inView).toBe(2);

    // A shared link to the fifth picture opens the page on it.
    await page.goto(`${storyUrl}#photo-5`);
    await expect.poll(inView).toBe(5);

    // Structured data lists every picture with its place on the page.
    const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as {
      hasPart?: {
        '@type': string;
        associatedMedia: { '@type': string; position: number; url: string; caption: string }[];
      };
    };
    expect(jsonLd.hasPart?.['@type']).toBe('ImageGallery');
    expect(jsonLd.hasPart?.associatedMedia).toHaveLength(12);
    expect(jsonLd.hasPart?.associatedMedia[2]).toMatchObject({
      '@type': 'ImageObject',
      position: 3,
      // The canonical origin (SITE_URL), which need not be the test server's.
      url: expect.stringMatching(new RegExp(`${new URL(storyUrl).pathname}#photo-3$`)),
      caption: 'นักเรียนช่วยครูขนหนังสือในห้องสมุดออกมาตากแดด',
    });
  });

  test('an unknown story number answers 404', async ({ page }) => {
    const response = await page.goto(`${siteUrl}/news/news/999999`);
    expect(response?.status()).toBe(404);
  });
});
