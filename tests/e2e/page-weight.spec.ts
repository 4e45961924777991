import { expect, test, type Request } from '@playwright/test';
import { pagesOfEveryType } from '../harness/page-types';
import { newsroomState } from '../harness/suite-newsroom';

const { siteUrl } = newsroomState();
/** What a page may transfer before its pictures and fonts: HTML, CSS, scripts, data. */
const BUDGET_BYTES = 50 * 1024;

test.describe('page weight', () => {
  test('every page type transfers at most 50 KB before pictures and fonts, as a reader first opens it', async ({
    page,
  }) => {
    const pages = (await pagesOfEveryType()).filter((p) => p.type !== 'draft preview');
    expect(pages.length).toBeGreaterThanOrEqual(14);
    for (const { type, path } of pages) {
      // A fresh context for each: nothing cached, as for a reader's first visit.
      const context = await page.context().browser()!.newContext();
      const tab = await context.newPage();
      const finished: Request[] = [];
      tab.on('requestfinished', (request) => {
        if (!['image', 'font'].includes(request.resourceType())) finished.push(request);
      });
      await tab.goto(`${siteUrl}${path}`, { waitUntil: 'networkidle' });
      // Bytes on the wire: the (compressed) body and the headers of each response.
      const sizes = await Promise.all(
        finished.map(async (request) => {
          const { responseBodySize, responseHeadersSize } = await request.sizes();
          return { url: request.url(), bytes: responseBodySize + responseHeadersSize };
        }),
      );
      const total = sizes.reduce((sum, w) => sum + w.bytes, 0);
      console.log(`[page weight] ${type}: ${total} bytes in ${sizes.length} responses`);
      expect(sizes.length, type).toBeGreaterThan(0);
      expect(
        total,
        `${type}: ${sizes.map((w) => `${new URL(w.url).pathname} ${w.bytes}`).join(', ')}`,
      ).toBeLessThanOrEqual(BUDGET_BYTES);
      await context.close();
    }
  });
});
