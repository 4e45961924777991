/**
 * `npm run bench:publish`: publish-to-live latency. Seeds the sample newsroom plus STORIES
 * synthetic stories (default 1000) into a throwaway CMS, measures one full build, starts the
 * live site with its publish webhook, then PUBLISHES times (default 5) creates and publishes
 * a story through Strapi's admin API and polls the live site until the story's page and the
 * front page show it, then until its section's list, the feeds and the news sitemap do (both
 * by fast publish), then until a reader's search finds it (everywhere: by fast publish too), and
 * then until the full build that follows, the consistency pass, is done; every second story is
 * then unpublished and timed the same way until it is gone. Prints median and p95 of each, the
 * full-build time and peak memory.
 */
import path from 'node:path';
import { editorSession, json } from '../tests/harness/editor-session.ts';
import { searchFinds } from '../tests/harness/live-search.ts';
import { machine, measuredBuild, quantile } from '../tests/harness/measure.ts';
import { reservePort } from '../server/src/processes.ts';
import { SITE_FEED_PATH, sectionFeedPath, sectionPath } from '../src/lib/urls.ts';
import { startThrowawayCms, startThrowawaySite } from '../tests/harness/throwaway.ts';

const STORIES = Number(process.env.STORIES ?? 1000);
const PUBLISHES = Number(process.env.PUBLISHES ?? 5);
const log = (line: string) => console.log(`[bench] ${line}`);

process.env.SEED_SYNTHETIC_STORIES = String(STORIES);
const sitePort = await reservePort();
const siteUrl = `http://127.0.0.1:${sitePort.port}`;
const cms = await startThrowawayCms({ publishHookUrl: `${siteUrl}/_hooks/publish`, log });
log(`seeded ${STORIES} synthetic + the sample stories in ${(cms.seedMs / 1000).toFixed(1)} s`);

/** Polls `check` every `everyMs` until it holds; fails after `timeoutMs`, naming `what`. */
async function pollUntil(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`${what} did not reach the expected state in ${timeoutMs / 1000} s`);
}

async function waitFor(url: string, check: (status: number, body: string) => boolean, timeoutMs = 600_000) {
  await pollUntil(
    url,
    async () => {
      const response = await fetch(url);
      return check(response.status, await response.text());
    },
    timeoutMs,
    100,
  );
}

const latencies: number[] = [];
const listed: number[] = [];
const everywhere: number[] = [];
const consistent: number[] = [];
const takedowns: number[] = [];
const takedownsUnlisted: number[] = [];
const takedownsEverywhere: number[] = [];
const takedownsConsistent: number[] = [];
const liveEntries: number[] = [];

/** Waits until the section's list, both feeds and the news sitemap do (or, `shown` false, do not) show `path`. */
async function waitForLists(slug: string, path: string, shown: boolean) {
  const link = `${siteUrl}${path}`;
  await Promise.all(
    [sectionPath(slug), sectionFeedPath(slug), SITE_FEED_PATH, '/news-sitemap.xml'].map((list) =>
      waitFor(`${siteUrl}${list}`, (_, body) => (body.includes(`"${path}"`) || body.includes(`${link}<`)) === shown),
    ),
  );
}

/** Waits until a reader's search for `query` finds (or, `found` false, no longer finds) `path`. */
async function waitForSearch(query: string, path: string, found: boolean) {
  // Before the fast publish indexed, the search waited for the full build: minutes at 100,000 stories.
  const check = async () => (await searchFinds(siteUrl, query, path)) === found;
  await pollUntil(`the search for ${query}`, check, 900_000, 250);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
let full = { ms: 0, peakMiB: 0, pages: 0, pictures: 0 };
try {
  full = await measuredBuild(cms.url, cms.secrets.CMS_READ_TOKEN, path.join(cms.workDir, 'full-build'));
  log(`full build: ${(full.ms / 1000).toFixed(1)} s, ${full.pages} pages, peak RSS ${full.peakMiB.toFixed(0)} MiB`);

  const site = await startThrowawaySite(cms, { port: sitePort, keep: 3, log });
  try {
    await site.publisher.buildNow('startup');
    const { headers, articles: cm } = await editorSession(cms);
    const { data: sections } = await json<{ data: { documentId: string; slug: string }[] }>(
      `${cms.url}/api/categories?filters[slug][$eq]=news`,
      { headers: { Authorization: `Bearer ${cms.secrets.CMS_READ_TOKEN}` } },
    );
    const section = sections[0]!;
    for (let i = 1; i <= PUBLISHES; i++) {
      await site.publisher.idle();
      const title = `ข่าวทดสอบความเร็วเผยแพร่ครั้งที่ ${i}`;
      const { data: draft } = await json<{ data: { documentId: string; storyNumber: number } }>(cm, {
        method: 'POST',
        headers,
        body: JSON.stringify({ title, body: 'เนื้อหาทดสอบ', section: { connect: [section.documentId] } }),
      });
      await site.publisher.idle(); // the draft's own create event must not be counted
      const started = performance.now();
      await json(`${cm}/${draft.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
      const route = `/news/${section.slug}/${draft.storyNumber}`;
      await waitFor(`${siteUrl}${route}`, (status) => status === 200);
      await waitFor(`${siteUrl}/`, (_, body) => body.includes(title));
      const ms = performance.now() - started;
      latencies.push(ms);
      await waitForLists(section.slug, route, true);
      const inLists = performance.now() - started;
      listed.push(inLists);
      await waitForSearch(title, route, true);
      const all = performance.now() - started;
      everywhere.push(all);
      // The full build that follows: what the fast publish did not write (tag and author lists,
      // other stories' related links), and the search index with the story in its buckets.
      await site.publisher.idle();
      const done = performance.now() - started;
      consistent.push(done);
      const fastPublish = site.publisher.records.find((r) => r.trigger.startsWith('webhook'))?.fastPublish;
      log(
        `publish ${i}: live on its page and the front page after ${seconds(ms)} ` +
          `(fast publish: ${fastPublish ? `${fastPublish.result} in ${fastPublish.durationMs} ms, ${fastPublish.pages} files` : 'not tried'}), ` +
          `in its lists, feeds and news sitemap after ${seconds(inLists)}, everywhere (search too) after ${seconds(all)}, ` +
          `the full build done after ${seconds(done)}`,
      );

      // Every other story is taken down again: the unpublish is timed as the publish was.
      if (i % 2 === 0) {
        const down = performance.now();
        await json(`${cm}/${draft.documentId}/actions/unpublish`, { method: 'POST', headers, body: '{}' });
        await waitFor(`${siteUrl}${route}`, (status) => status === 404);
        await waitFor(`${siteUrl}/`, (_, body) => !body.includes(title));
        const gone = performance.now() - down;
        takedowns.push(gone);
        await waitForLists(section.slug, route, false);
        const unlisted = performance.now() - down;
        takedownsUnlisted.push(unlisted);
        await waitForSearch(title, route, false);
        const goneEverywhere = performance.now() - down;
        takedownsEverywhere.push(goneEverywhere);
        await site.publisher.idle();
        const goneDone = performance.now() - down;
        takedownsConsistent.push(goneDone);
        log(
          `takedown ${i}: gone from its page and the front page after ${seconds(gone)}, ` +
            `from its lists, feeds and news sitemap after ${seconds(unlisted)}, everywhere after ${seconds(goneEverywhere)}, ` +
            `the full build done after ${seconds(goneDone)}`,
        );
      }
    }

    // A live coverage: entries added one after another, each saved and then published as an
    // editor does; timed from the publish until the page and the JSON readers poll both have it.
    const entries = [{ at: new Date().toISOString(), text: 'เริ่มรายงานสด', pinned: false }];
    const { data: coverage } = await json<{ data: { documentId: string; storyNumber: number } }>(cm, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: 'รายงานสดทดสอบความเร็ว',
        body: 'สรุปสถานการณ์',
        section: { connect: [section.documentId] },
        liveState: 'live',
        liveEntries: entries,
      }),
    });
    await json(`${cm}/${coverage.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
    const coveragePath = `/news/${section.slug}/${coverage.storyNumber}`;
    await waitFor(`${siteUrl}${coveragePath}`, (status) => status === 200);
    for (let i = 1; i <= PUBLISHES; i++) {
      await site.publisher.idle();
      const text = `อัปเดตทดสอบความเร็วที่ ${i}`;
      entries.push({ at: new Date().toISOString(), text, pinned: false });
      await json(`${cm}/${coverage.documentId}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify({ liveEntries: entries }),
      });
      await site.publisher.idle(); // the save's own event must not be counted
      const started = performance.now();
      await json(`${cm}/${coverage.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
      await waitFor(
        `${siteUrl}/live/${coverage.storyNumber}.json`,
        (status, body) =>
          status === 200 && (JSON.parse(body) as { entries: unknown[] }).entries.length === entries.length,
      );
      await waitFor(`${siteUrl}${coveragePath}`, (_, body) => body.includes(text));
      liveEntries.push(performance.now() - started);
      log(`live entry ${i}: on the coverage's page and in its live JSON after ${seconds(liveEntries.at(-1)!)}`);
    }
  } finally {
    await site.close();
  }
} finally {
  await cms.stop();
}

console.log(`
bench:publish — publish in Strapi → visible on the live site
  machine      ${machine()}
  stories      ${STORIES} synthetic + the sample newsroom, SQLite
  full build   ${(full.ms / 1000).toFixed(1)} s, ${full.pages} pages, peak RSS ${full.peakMiB.toFixed(0)} MiB, ${full.pictures} pictures encoded
  publishes    ${latencies.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s
  median       ${(quantile(latencies, 0.5) / 1000).toFixed(2)} s
  p95          ${(quantile(latencies, 0.95) / 1000).toFixed(2)} s
  lists        median ${seconds(quantile(listed, 0.5))}, p95 ${seconds(quantile(listed, 0.95))} (section list, section and site feeds, news sitemap: fast publish)
  everywhere   median ${seconds(quantile(everywhere, 0.5))}, p95 ${seconds(quantile(everywhere, 0.95))} (search too: fast publish)
  full build   done after the publish: median ${seconds(quantile(consistent, 0.5))}, p95 ${seconds(quantile(consistent, 0.95))} (the consistency pass)
  live entries median ${seconds(quantile(liveEntries, 0.5))}, p95 ${seconds(quantile(liveEntries, 0.95))} (an entry published to a live coverage → its page and the JSON readers poll)
  takedowns    gone from its page and the front page: median ${seconds(quantile(takedowns, 0.5))}; from its lists: median ${seconds(quantile(takedownsUnlisted, 0.5))}; everywhere: median ${seconds(quantile(takedownsEverywhere, 0.5))}; the full build done: median ${seconds(quantile(takedownsConsistent, 0.5))} (${takedowns.length} takedowns)
  (the fast publish writes the story's page, the front page, the lists, feeds, sitemaps and search changes it makes; the whole astro build that follows reuses unchanged pages from the incremental cache)
`);
