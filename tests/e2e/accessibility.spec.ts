import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newsroomState } from '../harness/newsroom';

const { siteUrl } = newsroomState();

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  for (const [name, path] of [
    ['front page', '/'],
    ['section page', '/news/politics'],
    ['story page', '/news/news/1'],
  ] as const) {
    test(`${name} has no axe violations`, async ({ page }) => {
      await page.goto(`${siteUrl}${path}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }

  test('the skip link is the first stop for the keyboard and leads to the content', async ({ page }) => {
    await page.goto(`${siteUrl}/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'ข้ามไปยังเนื้อหา' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${siteUrl}/#main`);
  });
});
