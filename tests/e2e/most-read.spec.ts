import { expect, test } from '@playwright/test';
import { MOST_READ_PATH, type MostReadList } from '../../shared/most-read-contract';
import { EMBED_TITLES } from '../../scripts/seed/stories';
import { seedStoryPath } from '../harness/page-types';
import { newsroomState } from '../harness/suite-newsroom';

const { siteUrl } = newsroomState();
// A reader's browser: Playwright's own user agent says HeadlessChrome, which is not counted.
test.use({
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0 Safari/537.36',
});

test.describe('most read (ยอดนิยม)', () => {
  test("a reader's view of a story puts it in the site's and its section's most-read box, once", async ({
    page,
    request,
  }) => {
    const storyPath = await seedStoryPath(EMBED_TITLES[0]);
    const views = async () => {
      const lists = (await (await request.get(`${siteUrl}${MOST_READ_PATH}`)).json()) as MostReadList;
      return lists.site.find((story) => story.path === storyPath)?.views ?? 0;
    };
    const before = await views();
    await page.goto(`${siteUrl}${storyPath}`);
    await expect.poll(views, { timeout: 15_000 }).toBeGreaterThan(0);
    const counted = await views();
    // Reloading the page is the same reader: not counted again.
    await page.reload();
    await page.waitForTimeout(2500);
    expect(await views()).toBe(counted);
    expect(counted - before).toBeLessThanOrEqual(1);

    for (const listPage of ['/', '/news/sports']) {
      await page.goto(`${siteUrl}${listPage}`);
      const box = page.getByRole('region', { name: 'ยอดนิยม 24 ชั่วโมง' });
      await expect(box, listPage).toBeVisible();
      await expect(box.getByRole('link', { name: EMBED_TITLES[0] }), listPage).toHaveAttribute('href', storyPath);
    }
    // Another section's box does not list it.
    await page.goto(`${siteUrl}/news/economy`);
    await expect(page.locator('.most-read').getByRole('link', { name: EMBED_TITLES[0] })).toHaveCount(0);
  });
});
