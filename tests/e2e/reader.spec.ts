import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { REFERENCE_SHAPED_TITLE } from '../../scripts/seed/stories';
import { newsroomState } from '../harness/suite-newsroom';

const { siteUrl } = newsroomState();
const REFERENCE_PATH = '/news/news/1';

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.describe('saved stories (บันทึก)', () => {
  test('front → section → story → บันทึก → /saved → remove', async ({ page }) => {
    await page.goto(`${siteUrl}/`);
    await page.getByRole('navigation', { name: 'หมวดข่าว' }).getByRole('link', { name: 'ข่าว', exact: true }).click();
    await page.locator('.story-list').getByRole('link', { name: REFERENCE_SHAPED_TITLE }).click();
    await expect(page).toHaveURL(`${siteUrl}${REFERENCE_PATH}`);

    const save = page.getByRole('button', { name: 'บันทึก' });
    await expect(save).toHaveAttribute('aria-pressed', 'false');
    await save.click();
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    // The state survives a reload: it lives in the browser's storage.
    await page.reload();
    await expect(page.getByRole('button', { name: 'บันทึก' })).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('link', { name: 'ข่าวที่บันทึกไว้' }).click();
    await expect(page).toHaveURL(`${siteUrl}/saved`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ข่าวที่บันทึกไว้');
    const item = page.locator('.saved-item');
    await expect(item).toHaveCount(1);
    await expect(item.getByRole('link', { name: REFERENCE_SHAPED_TITLE })).toHaveAttribute('href', REFERENCE_PATH);
    await expect(item).toContainText('6 ธ.ค. 2559 07:30 น.');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `ลบ ${REFERENCE_SHAPED_TITLE} ออกจากข่าวที่บันทึกไว้` }).click();
    await expect(item).toHaveCount(0);
    await expect(page.getByText('ยังไม่มีข่าวที่บันทึกไว้')).toBeVisible();
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    await expect(page.getByRole('button', { name: 'บันทึก' })).toHaveAttribute('aria-pressed', 'false');
  });

  test('works with the keyboard alone', async ({ page }) => {
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    const save = page.getByRole('button', { name: 'บันทึก' });
    await save.focus();
    await page.keyboard.press('Space');
    await expect(save).toHaveAttribute('aria-pressed', 'true');
    await page.goto(`${siteUrl}/saved`);
    const remove = page.getByRole('button', { name: /^ลบ / });
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.saved-item')).toHaveCount(0);
    // Focus is not lost to the page's top when the item disappears.
    await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  });

  test('/saved and a saved story open offline', async ({ page, context }) => {
    // The reader's pages load before the service worker controls them, as on a first visit
    // whose worker installs late: their scripts' imported chunks are fetched past the worker,
    // which must still have everything /saved needs once it is installed.
    await context.route('**/sw.js', (route) => route.abort());
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    await page.getByRole('button', { name: 'บันทึก' }).click();
    await page.goto(`${siteUrl}/saved`);
    await expect(page.locator('.saved-item')).toHaveCount(1);
    await context.unroute('**/sw.js');
    // This load registers the worker (after its scripts ran) and the worker installs.
    await page.reload();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // ...and the saved story's offline copy is in place.
    await page.waitForFunction(
      async (path) => (await (await caches.open('newsroom-saved-v1')).match(path)) !== undefined,
      REFERENCE_PATH,
    );

    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));
    try {
      await page.goto(`${siteUrl}/saved`);
      await expect(page.locator('.saved-item').getByRole('link', { name: REFERENCE_SHAPED_TITLE })).toBeVisible();
      await page.locator('.saved-item').getByRole('link', { name: REFERENCE_SHAPED_TITLE }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(REFERENCE_SHAPED_TITLE);
      await expect(page.locator('.story-body p').first()).toBeVisible();
    } finally {
      await context.unroute('**/*');
      await context.setOffline(false);
    }
  });
});

test.describe('sharing', () => {
  test('share links and copy link carry the canonical URL', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: siteUrl });
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expect(canonical).toBe(`${siteUrl}${REFERENCE_PATH}`);
    const encoded = encodeURIComponent(canonical!);
    const share = page.getByRole('list', { name: 'แชร์ข่าวนี้' });
    await expect(share.getByRole('link', { name: 'แชร์ทาง LINE' })).toHaveAttribute(
      'href',
      `https://social-plugins.line.me/lineit/share?url=${encoded}`,
    );
    await expect(share.getByRole('link', { name: 'แชร์ทาง Facebook' })).toHaveAttribute(
      'href',
      `https://www.facebook.com/sharer/sharer.php?u=${encoded}`,
    );
    await expect(share.getByRole('link', { name: 'แชร์ทาง X' })).toHaveAttribute(
      'href',
      `https://x.com/intent/post?url=${encoded}&text=${encodeURIComponent(REFERENCE_SHAPED_TITLE)}`,
    );

    await share.getByRole('button', { name: 'คัดลอกลิงก์' }).click();
    await expect(page.getByRole('status')).toHaveText('คัดลอกลิงก์แล้ว');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(canonical);
  });
});

test.describe('search in Thai', () => {
  test('a Thai word from a story body finds the story', async ({ page }) => {
    await page.goto(`${siteUrl}/`);
    // ทะเบียนราษฎร appears only in the body of the reference-shaped story.
    await page.getByRole('search').getByRole('searchbox', { name: 'ค้นหา' }).fill('ทะเบียนราษฎร');
    await page.getByRole('search').getByRole('searchbox', { name: 'ค้นหา' }).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole('status')).toHaveText('พบ 1 ข่าวสำหรับ “ทะเบียนราษฎร”');
    const results = page.locator('.search-results li');
    await expect(results).toHaveCount(1);
    await expect(results.getByRole('link', { name: REFERENCE_SHAPED_TITLE })).toHaveAttribute('href', REFERENCE_PATH);
    expect(await axeViolations(page)).toEqual([]);
  });

  test('several words narrow the results, and no match says so in Thai', async ({ page }) => {
    const found = async (query: string) => {
      await page.goto(`${siteUrl}/search?q=${encodeURIComponent(query)}`);
      await expect(page.getByRole('status')).toHaveText(/^พบ \d+ ข่าว/);
      return Number(/\d+/.exec((await page.getByRole('status').textContent()) ?? '')?.[0]);
    };
    const broad = await found('น้ำ');
    const narrow = await found('น้ำ แม่น้ำยม');
    expect(narrow).toBeGreaterThan(0);
    expect(narrow).toBeLessThan(broad);
    await page.goto(`${siteUrl}/search?q=${encodeURIComponent('ภูเขาไฟระเบิด')}`);
    await expect(page.getByRole('status')).toHaveText(/^ไม่พบข่าวที่ตรงกับ “ภูเขาไฟระเบิด”/);
  });

  test('shows 20 results, the next 20 on request, fetching only what it shows', async ({ page }) => {
    const fetched: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/search-index/')) fetched.push(new URL(request.url()).pathname);
    });
    // ที่ is in nearly every sample story.
    await page.goto(`${siteUrl}/search?q=${encodeURIComponent('ที่')}`);
    await expect(page.getByRole('status')).toHaveText(/^พบ \d+ ข่าวสำหรับ “ที่”$/);
    const total = Number(/\d+/.exec((await page.getByRole('status').textContent()) ?? '')?.[0]);
    expect(total).toBeGreaterThan(20);
    const results = page.locator('.search-results li');
    await expect(results).toHaveCount(20);
    // One bucket for the word, and result chunks (25 stories each) for the 20 shown: not the whole index.
    expect(fetched.filter((p) => p.startsWith('/search-index/t/'))).toHaveLength(1);
    expect(fetched.filter((p) => p.startsWith('/search-index/d/')).length).toBeLessThanOrEqual(20);
    await page.getByRole('button', { name: 'ดูผลการค้นหาเพิ่ม' }).click();
    await expect(results).toHaveCount(Math.min(total, 40));
    const links = await results.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(new Set(links).size).toBe(links.length);
    await expect(page.getByRole('button', { name: 'ดูผลการค้นหาเพิ่ม' })).toBeVisible({ visible: total > 40 });
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('dates in the reader’s browser', () => {
  test('the header date line shows the reader’s current Bangkok time', async ({ page }) => {
    // 03:00 UTC is 10:00 in Bangkok, already 1 January 2570 there.
    await page.clock.install({ time: new Date('2027-01-01T03:00:00Z') });
    await page.goto(`${siteUrl}/`);
    await expect(page.locator('.today time')).toHaveText('วันศุกร์ที่ 1 มกราคม 2570 เวลา 10:00 น.');
    await page.clock.runFor(61_000);
    await expect(page.locator('.today time')).toHaveText('วันศุกร์ที่ 1 มกราคม 2570 เวลา 10:01 น.');
  });

  test('recent stories read as time ago, older ones keep their date', async ({ page }) => {
    const card = page.locator('.card', { hasText: REFERENCE_SHAPED_TITLE }).locator('.card-date time');
    // Five minutes after the reference story ran (6 ธ.ค. 2559 07:30 น. in Bangkok)...
    await page.clock.install({ time: new Date('2016-12-06T00:35:30Z') });
    await page.goto(`${siteUrl}/news/news`);
    await expect(card).toHaveText('5 นาทีที่แล้ว');
    await expect(card).toHaveAttribute('title', '6 ธ.ค. 2559 07:30 น.');
    await page.clock.runFor(60 * 60_000);
    await expect(card).toHaveText('1 ชั่วโมงที่แล้ว');
  });

  test('a story older than a week keeps its date', async ({ page }) => {
    await page.goto(`${siteUrl}/news/news`);
    const card = page.locator('.card', { hasText: REFERENCE_SHAPED_TITLE }).locator('.card-date time');
    await expect(card).toHaveText('6 ธ.ค. 2559 07:30 น.');
  });
});

test.describe('images and fonts', () => {
  test('the cover is a responsive AVIF/WebP picture made at upload, served by the site itself, and nothing leaves the origin', async ({
    page,
  }) => {
    const origins = new Set<string>();
    page.on('request', (request) => origins.add(new URL(request.url()).origin));
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    const picture = page.locator('.story figure picture');
    await expect(picture.locator('source[type="image/avif"]')).toHaveAttribute(
      'srcset',
      /^\/uploads\/avif_360_\S+\.avif 360w, \/uploads\/avif_\d+_\S+\.avif \d+w/,
    );
    await expect(picture.locator('source[type="image/webp"]')).toHaveAttribute(
      'srcset',
      /\/uploads\/webp_360_\S+\.webp 360w/,
    );
    const img = picture.locator('img');
    await expect(img).toHaveAttribute('width', /^\d+$/);
    await expect(img).toHaveAttribute('height', /^\d+$/);
    await expect(img).toHaveAttribute('src', /^\/uploads\/\S+\.png$/);
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    // Chromium takes the AVIF variant: the original is only the fallback.
    expect(await img.evaluate((el: HTMLImageElement) => el.currentSrc)).toMatch(/\/uploads\/avif_\d+_\S+\.avif$/);
    // The self-hosted Thai font is loaded (from the site: see the origins below).
    await expect
      .poll(() =>
        page.evaluate(() => [...document.fonts].some((f) => f.family.includes('Sarabun') && f.status === 'loaded')),
      )
      .toBe(true);
    expect([...origins]).toEqual([siteUrl]);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a story reads in full, and the buttons that need a script are not shown', async ({ page }) => {
    await page.goto(`${siteUrl}${REFERENCE_PATH}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(REFERENCE_SHAPED_TITLE);
    await expect(page.locator('.story-body p')).toHaveCount(6);
    await expect(page.locator('.story figure img')).toBeVisible();
    await expect(page.locator('.today time')).toHaveText(/^วัน\S+ที่ \d{1,2} \S+ 25\d\d เวลา \d\d:\d\d น\.$/);
    // Share links are plain links; บันทึก and copy link need a script, so they stay hidden.
    await expect(page.getByRole('link', { name: 'แชร์ทาง LINE' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'บันทึก' })).toBeHidden();
    await expect(page.getByRole('button', { name: 'คัดลอกลิงก์' })).toBeHidden();
  });
});
