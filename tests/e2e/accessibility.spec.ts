import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { newsroomState } from '../harness/suite-newsroom';
import { pagesOfEveryType } from '../harness/page-types';

const { siteUrl } = newsroomState();

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('one page of every page type has no axe violations', async ({ page }) => {
    const pages = await pagesOfEveryType();
    expect(pages.length).toBe(15);
    for (const { type, path, status } of pages) {
      const response = await page.goto(`${siteUrl}${path}`);
      expect(response?.status(), type).toBe(status);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        type,
      ).toEqual([]);
    }
  });

  test('the skip link is the first stop for the keyboard and leads to the content', async ({ page }) => {
    await page.goto(`${siteUrl}/`);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'ข้ามไปยังเนื้อหา' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${siteUrl}/#main`);
  });
});
