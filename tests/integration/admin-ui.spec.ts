import { expect, test, type Browser, type Page } from '@playwright/test';
import { deleteStory } from '../harness/editor';
import { newsroomState } from '../harness/suite-newsroom';
import { settled } from '../harness/live-site';

const state = newsroomState();
const createUrl = `${state.cmsUrl}/admin/content-manager/collection-types/api::article.article/create`;

/** Opens the real Strapi admin in a fresh browser context, logged in as `who`. */
async function adminAs(browser: Browser, who: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${state.cmsUrl}/admin`);
  await page.locator('input[name=email]').fill(who.email);
  await page.locator('input[name=password]').fill(who.password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/admin\/?$/);
  return page;
}

test.describe(`the editors' workflow in the real Strapi admin (${state.database})`, () => {
  // Whatever a test published or deleted is built before the next test starts: every test
  // (of any spec, in any order) begins with a site that is not still catching up.
  test.afterEach(async ({ request }) => {
    await settled(request);
  });
  test.describe.configure({ timeout: 180_000 });

  test('a writer drafts a Thai story in Markdown and cannot publish; an editor previews and publishes it', async ({
    browser,
    request,
  }) => {
    const title = 'ชาวนาภาคอีสานเริ่มเก็บเกี่ยวข้าวหอมมะลิ';
    let documentId = '';
    try {
      // The writer.
      const writer = await adminAs(browser, state.writer);
      await writer.goto(createUrl);
      // Fields are labelled in Thai, with the embed syntax explained where the body is written.
      await expect(writer.getByRole('textbox', { name: 'หัวข้อข่าว' })).toBeVisible();
      await expect(writer.getByText(/ฝังโพสต์ YouTube, Facebook, X, TikTok หรือ Instagram/)).toBeVisible();
      await writer.locator('input[name=title]').fill(title);
      await writer.locator('textarea[name=excerpt]').fill('ผลผลิตปีนี้ดีกว่าปีก่อนเพราะฝนมาตามฤดู');
      await writer.locator('.CodeMirror').first().click();
      await writer.keyboard.insertText('เกษตรกรในจังหวัดร้อยเอ็ดเริ่มเก็บเกี่ยว **ข้าวหอมมะลิ** ตั้งแต่ต้นสัปดาห์');
      await writer.locator('input[name=section]').click();
      await writer.getByRole('option', { name: 'เศรษฐกิจ', exact: true }).click();
      await writer.getByRole('button', { name: 'Save' }).click();
      await expect(writer.getByText('Saved document')).toBeVisible();
      documentId = /\/api::article\.article\/([a-z0-9]+)$/.exec(writer.url())![1]!;
      await expect(writer.getByRole('button', { name: 'Publish', exact: true })).toBeDisabled();
      await writer.context().close();

      // The editor.
      const editor = await adminAs(browser, state.editor);
      await editor.goto(`${state.cmsUrl}/admin/content-manager/collection-types/api::article.article/${documentId}`);
      // The side panel says where the story stands on the site: not there yet.
      const status = editor.getByTestId('story-status');
      await expect(status).toContainText('ไม่อยู่บนเว็บไซต์');
      await editor.getByRole('link', { name: 'Open preview' }).click();
      const preview = editor.frameLocator('iframe');
      await expect(preview.locator('.preview-banner')).toContainText('ตัวอย่างก่อนเผยแพร่');
      await expect(preview.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(preview.locator('.story-body strong')).toHaveText('ข้าวหอมมะลิ');
      await editor.getByRole('button', { name: 'Publish', exact: true }).click();
      await expect(editor.getByText('Published document')).toBeVisible();
      // …then, back in the edit view, live with its URL, without reloading the page.
      await editor.getByRole('link', { name: 'Close preview' }).click();
      await expect(status).toContainText('ออนไลน์แล้ว', { timeout: 60_000 });
      await expect(status.getByRole('link')).toHaveAttribute(
        'href',
        new RegExp(`^${state.siteUrl}/news/economy/\\d+$`),
      );
      await expect(status).toContainText('เผยแพร่ครั้งแรก');
      await editor.context().close();

      // Readers get it within seconds, at its permanent URL.
      const story = await request.get(`${state.cmsUrl}/api/articles/${documentId}`, {
        headers: { Authorization: `Bearer ${state.token}` },
      });
      const { storyNumber } = ((await story.json()) as { data: { storyNumber: number } }).data;
      await expect
        .poll(async () => (await request.get(`${state.siteUrl}/news/economy/${storyNumber}`)).status(), {
          timeout: 90_000,
        })
        .toBe(200);
      expect(await (await request.get(`${state.siteUrl}/news/economy/${storyNumber}`)).text()).toContain(title);
    } finally {
      if (documentId) await deleteStory(request, documentId);
    }
  });
});
