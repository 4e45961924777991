import { expect, test } from '@playwright/test';
import { CORRECTED_TITLE, REFERENCE_SHAPED_TITLE } from '../../scripts/seed/stories';
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

    await page.getByRole('link', { name: REFERENCE_SHAPED_TITLE }).click();
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
    await page.getByRole('link', { name: CORRECTED_TITLE }).click();
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

  test('an unknown story number answers 404', async ({ page }) => {
    const response = await page.goto(`${siteUrl}/news/news/999999`);
    expect(response?.status()).toBe(404);
  });
});
