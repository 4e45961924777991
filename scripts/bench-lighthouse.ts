/**
 * `npm run bench:lighthouse`: Lighthouse mobile scores and page weights of the built site.
 * Starts a throwaway seeded CMS (SQLite), builds and serves the site with the same server as
 * `npm start`, then runs Lighthouse (mobile form factor, simulated slow 4G) in Chromium on
 * each page type, and prints the four category scores and the bytes transferred before
 * images and fonts (budget: 50 KB for a story page). A benchmark, not a test.
 */
import lighthouse from 'lighthouse';
import { chromium } from 'playwright';
import { chromiumLaunchOptions } from '../tests/harness/chromium.ts';
import { machine } from '../tests/harness/measure.ts';
import { freePort, reservePort } from '../server/src/processes.ts';
import { startThrowawayCms, startThrowawaySite } from '../tests/harness/throwaway.ts';

const STORY_BUDGET_BYTES = 50 * 1024;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const PAGES = [
  ['front page', '/'],
  ['story page', '/news/news/1'],
  ['section page', '/news/politics'],
  ['search page', `/search?q=${encodeURIComponent('น้ำท่วม')}`],
  ['saved page', '/saved'],
] as const;
const log = (line: string) => console.log(`[bench] ${line}`);

interface NetworkItem {
  resourceType?: string;
  transferSize?: number;
}

const sitePort = await reservePort();
const siteUrl = `http://127.0.0.1:${sitePort.port}`;
const cms = await startThrowawayCms({ log });
const rows: string[] = [];
let storyBytes = 0;
try {
  const site = await startThrowawaySite(cms, { port: sitePort, keep: 2, log });
  const debuggingPort = await freePort();
  const browser = await chromium.launch(chromiumLaunchOptions([`--remote-debugging-port=${debuggingPort}`]));
  try {
    const first = await site.publisher.buildNow('startup');
    if (first.result !== 'live') throw new Error(`the site build failed:\n${first.error}`);
    for (const [name, route] of PAGES) {
      const result = await lighthouse(`${siteUrl}${route}`, {
        port: debuggingPort,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${route}`);
      const { lhr } = result;
      if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${route}: ${lhr.runtimeError.message}`);
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      const items = (lhr.audits['network-requests']?.details as { items?: NetworkItem[] } | undefined)?.items ?? [];
      // What a reader downloads before images and fonts: the page, its CSS and its scripts.
      const bytes = items
        .filter((i) => i.resourceType !== 'Image' && i.resourceType !== 'Font')
        .reduce((sum, i) => sum + (i.transferSize ?? 0), 0);
      if (route === '/news/news/1') storyBytes = bytes;
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative')
        .map((a) => a.id);
      rows.push(
        `  ${name.padEnd(13)} ${scores.map((s) => String(s).padStart(4)).join('')}   ${(bytes / 1024).toFixed(1).padStart(5)} KB` +
          (failing.length ? `   below 90: ${failing.join(', ')}` : ''),
      );
      log(`${name}: ${scores.join(' / ')}`);
    }
  } finally {
    await browser.close();
    await site.close();
  }
} finally {
  await cms.stop();
}

console.log(`
bench:lighthouse — Lighthouse mobile (simulated slow 4G), sample newsroom
  machine       ${machine()}
  page           perf a11y  b-p  seo   before images and fonts
${rows.join('\n')}
  story page budget: ${(storyBytes / 1024).toFixed(1)} KB of ${STORY_BUDGET_BYTES / 1024} KB ${storyBytes <= STORY_BUDGET_BYTES ? '(within budget)' : '(OVER BUDGET)'}
  (search and saved pages are noindex on purpose, which costs them SEO points)
`);
