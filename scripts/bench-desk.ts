/**
 * `npm run bench:desk`: a newsroom desk at work, not a lab. EDITORS editors (default 3) each
 * save and publish a story every few seconds for DURATION_S seconds (default 75) through
 * Strapi's admin API, as the admin does, without ever waiting for the site; updates of earlier
 * stories, one unpublish and one delete are mixed in. STORIES synthetic stories (default 0)
 * are seeded beside the sample newsroom. For every action a watcher polls the live site until
 * the story's page and the front page show it (or, for a takedown, no longer show it), then
 * until a reader's search for its headline does (everywhere), and the run prints median, p95
 * and max of those latencies, the actions never applied, and how
 * many publishes the fast-publish path served. CACHE=varnish puts Varnish in front of the site
 * (purged by the publisher on every switch) and the watchers read through it, as readers behind
 * a shared cache do.
 */
import { appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { editorSession, json } from '../tests/harness/editor-session.ts';
import { searchFinds } from '../tests/harness/live-search.ts';
import { machine, picturesEncoded, quantile } from '../tests/harness/measure.ts';
import { reservePort } from '../server/src/processes.ts';
import { HttpPurger } from '../server/src/shared-cache.ts';
import { startVarnish } from '../server/src/varnish.ts';
import { startThrowawayCms, startThrowawaySite } from '../tests/harness/throwaway.ts';

const STORIES = Number(process.env.STORIES ?? 0);
const EDITORS = Number(process.env.EDITORS ?? 3);
const DURATION_MS = Number(process.env.DURATION_S ?? 75) * 1000;
/** Mean seconds between one editor's actions (each waits 0.6 to 1.4 times this). */
const EVERY_MS = Number(process.env.EVERY_S ?? 5) * 1000;
/** An action not visible after this long counts as lost. */
const GIVE_UP_MS = 120_000;
const log = (line: string) => console.log(`[bench:desk] ${line}`);
/** The publisher's log and every action, timed, to explain a slow or lost action after the run. */
const trace = path.join(tmpdir(), `bench-desk-${Date.now()}.log`);
const note = (line: string) => appendFileSync(trace, `${new Date().toISOString()} ${line}\n`);

process.env.SEED_SYNTHETIC_STORIES = String(STORIES);
const sitePort = await reservePort();
const siteUrl = `http://127.0.0.1:${sitePort.port}`;
const cms = await startThrowawayCms({ publishHookUrl: `${siteUrl}/_hooks/publish`, log });
log(`seeded ${STORIES} synthetic + the sample stories in ${(cms.seedMs / 1000).toFixed(1)} s`);
const cache =
  process.env.CACHE === 'varnish'
    ? await startVarnish({ backend: siteUrl, workDir: path.join(cms.workDir, 'varnish') })
    : null;
/** Where the watchers read: through Varnish with CACHE=varnish, else the site server itself. */
const readerUrl = cache?.url ?? siteUrl;
/** Answers the watchers got, and how many of them Varnish served from its cache. */
const reads = { all: 0, hits: 0 };

type Kind = 'publish' | 'update' | 'unpublish' | 'delete';
/** One editor action and, once the live site shows it, how long that took. */
interface Action {
  kind: Kind;
  editor: number;
  ms: number | null;
  /** Until a reader's search shows it too (or no longer finds a story taken down). */
  everywhereMs: number | null;
  /** Of `ms`, the time the CMS took to answer the editor's requests. */
  cmsMs: number;
}
const actions: Action[] = [];
const watchers: Promise<void>[] = [];

/**
 * Records an editor's action, sent at `started`, then polls the story page and the front page
 * until both show its effect, then a reader's search until it does, and records the times.
 */
function watch(kind: Kind, editor: number, route: string, title: string, started: number): void {
  // The editor's requests to the CMS are done: what follows is the site's time.
  const action: Action = { kind, editor, ms: null, everywhereMs: null, cmsMs: performance.now() - started };
  actions.push(action);
  note(`${action.kind} by editor ${action.editor} of ${route} sent (CMS answered in ${Math.round(action.cmsMs)} ms)`);
  const shows = action.kind === 'publish' || action.kind === 'update';
  const until = async (check: () => Promise<boolean>) => {
    while (performance.now() - started < GIVE_UP_MS) {
      if (await check()) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  };
  const done = (url: string, check: (status: number, body: string) => boolean) =>
    until(async () => {
      const response = await fetch(url);
      reads.all++;
      if (response.headers.get('x-cache') === 'HIT') reads.hits++;
      return check(response.status, await response.text());
    });
  watchers.push(
    (async () => {
      const page = await done(`${readerUrl}${route}`, (status, body) =>
        shows ? status === 200 && body.includes(title) : status === 404,
      );
      // A takedown is checked by the link to the story, not its headline: another story's
      // headline may contain it (ชิ้นที่ 1 in ชิ้นที่ 10).
      const front = await done(`${readerUrl}/`, (status, body) =>
        shows ? status === 200 && body.includes(title) : status === 200 && !body.includes(`href="${route}"`),
      );
      action.ms = page && front ? performance.now() - started : null;
      const searched = await until(async () => (await searchFinds(readerUrl, title, route)) === shows);
      action.everywhereMs = action.ms !== null && searched ? performance.now() - started : null;
      note(
        `${action.kind} by editor ${action.editor} of ${route} (${title}): ` +
          (action.ms === null
            ? `LOST (page ${page ? 'ok' : 'not applied'}, front page ${front ? 'ok' : 'not applied'})`
            : `${Math.round(action.ms)} ms, search ${action.everywhereMs === null ? 'never' : `${Math.round(action.everywhereMs)} ms`}`),
      );
    })(),
  );
}

// The publisher's log: every fast-publish step (a build's own, or one for events folded into it).
const fastPublishLines: string[] = [];
const site = await startThrowawaySite(cms, {
  port: sitePort,
  keep: 3,
  log: (line) => {
    note(line);
    if (/ fast publish( \(.*?\))? (live|skipped|failed) /.test(line)) fastPublishLines.push(line);
  },
  purger: cache && new HttpPurger(cache.url),
});
try {
  await site.publisher.buildNow('startup');
  const { headers, articles: cm } = await editorSession(cms);
  const { data: sections } = await json<{ data: { documentId: string; slug: string }[] }>(`${cms.url}/api/categories`, {
    headers: { Authorization: `Bearer ${cms.secrets.CMS_READ_TOKEN}` },
  });
  const firstBuild = site.publisher.records[0]?.id ?? 0;
  const began = performance.now();
  log(`${EDITORS} editors, one action each every ~${EVERY_MS / 1000} s for ${DURATION_MS / 1000} s`);

  const editor = async (n: number) => {
    const section = sections[n % sections.length]!;
    const mine: { documentId: string; route: string; title: string }[] = [];
    let count = 0;
    // One editor unpublishes a story of theirs a third of the way in, another deletes one two thirds in.
    const takedown: { kind: Kind; at: number } | null =
      n === 0
        ? { kind: 'unpublish', at: DURATION_MS / 3 }
        : n === 1 % EDITORS
          ? { kind: 'delete', at: (2 * DURATION_MS) / 3 }
          : null;
    while (performance.now() - began < DURATION_MS) {
      await new Promise((resolve) => setTimeout(resolve, EVERY_MS * (0.6 + Math.random() * 0.8)));
      count++;
      const elapsed = performance.now() - began;
      if (takedown && elapsed >= takedown.at && mine.length > 1) {
        const story = mine.shift()!;
        const started = performance.now();
        if (takedown.kind === 'unpublish')
          await json(`${cm}/${story.documentId}/actions/unpublish`, { method: 'POST', headers, body: '{}' });
        else await fetch(`${cm}/${story.documentId}`, { method: 'DELETE', headers });
        watch(takedown.kind, n, story.route, story.title, started);
        takedown.at = Infinity;
      } else if (count % 4 === 0 && mine.length > 0) {
        // A correction to the editor's newest story: a new headline, published at once.
        const story = mine.at(-1)!;
        story.title = `${story.title} (แก้ไข ${count})`;
        const started = performance.now();
        await json(`${cm}/${story.documentId}`, {
          method: 'PUT',
          headers,
          body: JSON.stringify({ title: story.title }),
        });
        await json(`${cm}/${story.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
        watch('update', n, story.route, story.title, started);
      } else {
        // Ended by a word, so that no headline contains another (ชิ้นที่ 1 จบ is not in ชิ้นที่ 10 จบ).
        const title = `ข่าวโต๊ะข่าว บก.${n + 1} ชิ้นที่ ${count} จบ`;
        const started = performance.now();
        const { data: draft } = await json<{ data: { documentId: string; storyNumber: number } }>(cm, {
          method: 'POST',
          headers,
          body: JSON.stringify({ title, body: 'เนื้อหาทดสอบโต๊ะข่าว', section: { connect: [section.documentId] } }),
        });
        await json(`${cm}/${draft.documentId}/actions/publish`, { method: 'POST', headers, body: '{}' });
        const route = `/news/${section.slug}/${draft.storyNumber}`;
        mine.push({ documentId: draft.documentId, route, title });
        watch('publish', n, route, title, started);
      }
    }
  };
  await Promise.all(Array.from({ length: EDITORS }, (_, n) => editor(n)));
  await Promise.all(watchers);
  await site.publisher.idle();

  const builds = site.publisher.records.filter((r) => r.id > firstBuild);
  const fastPublishLive = fastPublishLines.filter((l) => / fast publish( \(.*?\))? live /.test(l)).length;
  const reasons = new Map<string, number>();
  for (const l of fastPublishLines.filter((x) => !/ fast publish( \(.*?\))? live /.test(x))) {
    const reason = l
      .replace(/^.*? (skipped|failed) in \d+ ms: /, '')
      .replace(/\d+/g, 'N')
      .slice(0, 80);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  // Where a fast-publish step's time went: the median of each phase over the steps that went live.
  const phaseTimes = new Map<string, number[]>();
  for (const l of fastPublishLines.filter((x) => / fast publish( \(.*?\))? live /.test(x))) {
    const whole = / live in (\d+) ms/.exec(l)?.[1];
    if (whole) phaseTimes.set('whole', [...(phaseTimes.get('whole') ?? []), Number(whole)]);
    for (const [, name, ms] of l.matchAll(/(\w+) (\d+)(?=[,)])/g)) {
      phaseTimes.set(name!, [...(phaseTimes.get(name!) ?? []), Number(ms)]);
    }
  }
  const phases = [...phaseTimes].map(([name, ms]) => `${name} ${quantile(ms, 0.5)}`).join(', ');
  const cmsAnswers = actions.map((a) => a.cmsMs / 1000);
  const line = (kinds: Kind[], time: 'ms' | 'everywhereMs' = 'ms') => {
    const of = actions.filter((a) => kinds.includes(a.kind));
    const seen = of.flatMap((a) => (a[time] === null ? [] : [a[time] / 1000]));
    if (of.length === 0) return 'none';
    return (
      `${of.length} (${of.length - seen.length} lost): median ${quantile(seen, 0.5).toFixed(2)} s, ` +
      `p95 ${quantile(seen, 0.95).toFixed(2)} s, max ${Math.max(...seen).toFixed(2)} s`
    );
  };
  console.log(`
bench:desk — editors at work → story page and front page, then search, on the live site
  machine      ${machine()}
  stories      ${STORIES} synthetic + the sample newsroom, SQLite
  readers      ${cache ? `through Varnish, purged on every switch: ${reads.hits} of ${reads.all} answers from its cache` : 'the site server itself (CACHE=varnish: through Varnish)'}
  desk         ${EDITORS} editors, an action each every ~${EVERY_MS / 1000} s for ${DURATION_MS / 1000} s, no waiting
  publishes    ${line(['publish'])}
  updates      ${line(['update'])}
  takedowns    ${line(['unpublish', 'delete'])}
  everywhere   publishes and updates ${line(['publish', 'update'], 'everywhereMs')}; takedowns ${line(['unpublish', 'delete'], 'everywhereMs')} (search too)
  CMS answers  median ${quantile(cmsAnswers, 0.5).toFixed(2)} s, p95 ${quantile(cmsAnswers, 0.95).toFixed(2)} s of each action's time (the editor's own requests)
  lost         ${actions.filter((a) => a.ms === null).length} of ${actions.length} actions never showed within ${GIVE_UP_MS / 1000} s
  builds       ${builds.length}: ${builds.filter((b) => b.result === 'live').length} live, ${builds.filter((b) => b.result === 'unchanged').length} unchanged, ${builds.filter((b) => b.result === 'failed').length} failed
  pictures     ${picturesEncoded(site.releases.live()!)} encoded by the builds (they are encoded once, at upload)
  trace        ${trace}
  fast path    ${fastPublishLive} fast-publish steps live, ${fastPublishLines.length - fastPublishLive} stepped aside; median ms of the live ones: ${phases}${[...reasons].map(([r, n]) => `\n                 ${n} × ${r}`).join('')}
`);
} finally {
  await site.close();
  await cache?.stop();
  await cms.stop();
}
