/**
 * `npm run bench:search`: what a reader's search downloads at archive scale. Indexes STORIES
 * synthetic Thai stories (default 100,000) with the site's own index code (src/lib/search.ts),
 * then runs the browser's search against the files and counts the bytes each query fetches,
 * Brotli-compressed as the site server sends them. Adds the search page's own weight (its HTML,
 * scripts and styles) when a built site is at SITE_DIR (default dist/client).
 *
 * The stories are made of the sample newsroom's words, drawn with a Zipf-like skew (a few words
 * in nearly every story, most in few), plus 40,000 made-up names the dictionary does not know,
 * as real archives are full of people and places; 300 words a story, a headline of 8. RECENT
 * more stories (default: the most the recent changes hold) stand for what fast publishes added
 * since the full build: the recent changes file every query reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotli, worthCompressing } from '../server/src/compression.ts';
import {
  buildSearchFiles,
  eachFileOnce,
  findStories,
  indexedStory,
  MAX_RECENT_STORIES,
  recentChangesOf,
  resultDocs,
  SEARCH_PAGE_SIZE,
  searchIndexPath,
  words,
} from '../src/lib/search.ts';
import { stories as sample } from './seed/stories.ts';
import { machine } from '../tests/harness/measure.ts';

const STORIES = Number(process.env.STORIES ?? 100_000);
const SITE_DIR = process.env.SITE_DIR ?? 'dist/client';
const RECENT = Number(process.env.RECENT ?? MAX_RECENT_STORIES);
const log = (line: string) => console.log(`[bench] ${line}`);

// A fixed generator (mulberry32, 32-bit integer arithmetic throughout): every run indexes the
// same archive, and no short cycle repeats stories that would compress unrealistically well.
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
}

const vocabulary = [...new Set(sample.flatMap((s) => words(`${s.title} ${s.body.join(' ')}`)))].filter(
  (w) => !/^\d+$/.test(w),
);
const CONSONANTS = 'กขคงจชซญดตถทนบปผพฟมยรลวสหอฮ';
const VOWELS = ['า', 'ิ', 'ี', 'ุ', 'ู', 'ำ', 'ะ', 'ั'];
const letter = (from: string | string[]) => from[Math.floor(random() * from.length)]!;
for (let i = 0; i < 40_000; i++) {
  const syllables = 2 + Math.floor(random() * 2);
  vocabulary.push(
    Array.from({ length: syllables }, () => letter(CONSONANTS) + letter(VOWELS) + letter(CONSONANTS)).join(''),
  );
}
const known = vocabulary.length - 40_000;
// A name stands apart, as names often do in Thai text, so the dictionary cuts it the same way each time.
const pick = () => {
  const at = Math.floor(random() ** 2.2 * vocabulary.length);
  return at < known ? vocabulary[at]! : ` ${vocabulary[at]!} `;
};
// Thai runs words together within a phrase and puts a space between phrases.
const text = (count: number) =>
  Array.from({ length: Math.ceil(count / 12) }, () => Array.from({ length: 12 }, pick).join('')).join(' ');

log(`machine: ${machine()}`);
const started = performance.now();
function story(storyNumber: number) {
  const title = Array.from({ length: 8 }, pick).join('');
  return indexedStory(
    storyNumber,
    { p: `/news/news/${storyNumber}`, t: title, s: 'ข่าว', d: '1 ธ.ค. 2569 08:00 น.', e: title },
    text(300),
  );
}
function* archive() {
  for (let storyNumber = STORIES; storyNumber >= 1; storyNumber--) yield story(storyNumber);
}
const files = buildSearchFiles(archive());
log(
  `${STORIES} stories indexed in ${((performance.now() - started) / 1000).toFixed(1)} s (cut into words, then the files), heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB, ${files.bucketCount} buckets`,
);

const served = new Map<string, Buffer>();
for (const [letter, list] of files.wordLists) {
  served.set(searchIndexPath.words(letter), Buffer.from(JSON.stringify(list)));
}
for (const [b, bucket] of files.buckets) served.set(searchIndexPath.bucket(b), Buffer.from(JSON.stringify(bucket)));
for (const [c, chunk] of files.chunks) served.set(searchIndexPath.chunk(c), Buffer.from(JSON.stringify(chunk)));
// What RECENT fast publishes since the build wrote, as the fast publish indexes a story.
const archiveWords = new Set([...files.wordLists.values()].flat());
const recent = Array.from({ length: RECENT }, (_, i) => story(STORIES + 1 + i));
served.set(
  searchIndexPath.recent,
  Buffer.from(JSON.stringify(recentChangesOf(recent, [], (text) => archiveWords.has(text)))),
);
const sentBytes = (file: string, content: Buffer) =>
  worthCompressing(path.join('client', file), content.length) ? brotli(content).length : content.length;

const bucketSizes = [...files.buckets.keys()].map((b) => sentBytes('x.json', served.get(searchIndexPath.bucket(b))!));
const raw = [...served.values()].reduce((sum, f) => sum + f.length, 0);
log(
  `index: ${served.size} files, ${(raw / 2 ** 20).toFixed(1)} MiB; buckets sent at most ${(Math.max(...bucketSizes) / 1024).toFixed(1)} KB, median ${(bucketSizes.sort((a, b) => a - b)[bucketSizes.length >> 1]! / 1024).toFixed(1)} KB; word lists sent at most ${(Math.max(...[...files.wordLists.keys()].map((l) => sentBytes('w.json', served.get(searchIndexPath.words(l))!))) / 1024).toFixed(1)} KB (${[...files.wordLists.values()].reduce((n, l) => n + l.length, 0)} words)`,
);

log(
  `recent changes: ${RECENT} stories since the build, ${(sentBytes(searchIndexPath.recent, served.get(searchIndexPath.recent)!) / 1024).toFixed(1)} KB sent with every query`,
);

/** The search page and what it loads before a query: its HTML, scripts and styles (not fonts). */
function pageBytes(): number | null {
  const html = path.join(SITE_DIR, 'search', 'index.html');
  if (!existsSync(html)) return null;
  const seen = new Set<string>();
  const add = (file: string): number => {
    if (seen.has(file) || !existsSync(file)) return 0;
    seen.add(file);
    const content = readFileSync(file);
    const linked = [
      ...content
        .toString('utf8')
        .matchAll(/(?:src|href)="(\/_astro\/[^"]+\.(?:js|css))"|from"(\.\/[^"]+\.js)"|import"(\.\/[^"]+\.js)"/g),
    ];
    const rest = linked.map((m) =>
      add(m[1] ? path.join(SITE_DIR, m[1]) : path.join(path.dirname(file), (m[2] ?? m[3])!)),
    );
    return sentBytes(path.relative(SITE_DIR, file), content) + rest.reduce((a, b) => a + b, 0);
  };
  return add(html);
}
const page = pageBytes();
log(page === null ? `no built site at ${SITE_DIR}: index bytes only` : `search page: ${(page / 1024).toFixed(1)} KB`);

/** Bytes and requests of one query, index files only. */
async function measure(query: string): Promise<{ bytes: number; requests: number; results: number }> {
  let bytes = 0;
  let requests = 0;
  // Each file once per query, as the search page fetches it.
  const fetchFile = eachFileOnce((file) => {
    requests++;
    const content = served.get(file);
    if (content) bytes += sentBytes(file, content);
    return Promise.resolve(content ? (JSON.parse(content.toString('utf8')) as unknown) : null);
  });
  // As the search page does: every match ranked, the first page of results shown.
  const found = await findStories(query, fetchFile, files.bucketCount);
  await resultDocs(found.slice(0, SEARCH_PAGE_SIZE), fetchFile);
  return { bytes, requests, results: found.length };
}

const byFrequency = [...files.buckets.values()]
  .flatMap((bucket) => Object.entries(bucket).map(([term, postings]) => ({ term, stories: postings.length })))
  .sort((a, b) => b.stories - a.stories);
const common = byFrequency[0]!;
const middling = byFrequency[Math.floor(byFrequency.length / 50)]!;
const rare = byFrequency[Math.floor(byFrequency.length / 2)]!;
const queries: [string, string][] = [
  [`one word in ${common.stories} stories (the commonest)`, common.term],
  [`one word in ${middling.stories} stories`, middling.term],
  [`one word in ${rare.stories} stories`, rare.term],
  ['two words (the commonest and another)', `${common.term} ${middling.term}`],
  ['two words (neither common)', `${middling.term} ${rare.term}`],
  ['half a word (the word list too)', middling.term.slice(0, Math.max(1, middling.term.length - 1))],
];
let worst = 0;
for (const [label, query] of queries) {
  const { bytes, requests, results } = await measure(query);
  const total = bytes + (page ?? 0);
  worst = Math.max(worst, total);
  log(
    `${label}: ${(total / 1024).toFixed(1)} KB${page === null ? ' (index only)' : ''} in ${requests + (page === null ? 0 : 1)} requests, ${results} found, ${Math.min(results, SEARCH_PAGE_SIZE)} shown`,
  );
}
// The 100 commonest words each as a query: the heaviest one-word searches there are.
let heaviest = 0;
for (const { term } of byFrequency.slice(0, 100)) heaviest = Math.max(heaviest, (await measure(term)).bytes);
log(`heaviest of the 100 commonest words: ${((heaviest + (page ?? 0)) / 1024).toFixed(1)} KB`);
log(`largest query above: ${(worst / 1024).toFixed(1)} KB (target ≤ 300 KB)`);
