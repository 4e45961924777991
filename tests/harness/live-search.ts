import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  decodePostings,
  docChunkOf,
  eachFileOnce,
  findStories,
  NO_RECENT_CHANGES,
  resultDocs,
  searchIndexPath,
  type DocChunk,
  type RecentChanges,
  type TermBucket,
} from '../../src/lib/search.ts';

/**
 * True when a reader's search for `query` on the live site at `siteUrl` finds the story at
 * `path`, run as the search page runs it: the bucket count the live search page names, then
 * the buckets and result chunks over HTTP.
 */
export async function searchFinds(siteUrl: string, query: string, path: string): Promise<boolean> {
  const fetchFile = eachFileOnce(async (url) => {
    const response = await fetch(`${siteUrl}${url}`);
    return response.status === 404 ? null : ((await response.json()) as unknown);
  });
  const page = await (await fetch(`${siteUrl}/search`)).text();
  const buckets = Number(/data-buckets="(\d+)"/.exec(page)?.[1]);
  const docs = await resultDocs(await findStories(query, fetchFile, buckets), fetchFile);
  return docs.some((doc) => doc.p === path);
}

/**
 * Where the recent changes a fast publish wrote (`recent`) disagree with the search index the full
 * build then wrote in `builtClient` (a release's client folder), one line each: the build's own
 * recent changes must be empty, a story taken down must be in no chunk, and a recent story must
 * have the build's result doc and exactly the words, headline flags included, that the build's
 * buckets list it under.
 */
export function recentDisagreements(recent: RecentChanges, builtClient: string): string[] {
  const file = (name: string) => JSON.parse(readFileSync(path.join(builtClient, name), 'utf8')) as unknown;
  const problems: string[] = [];
  if (JSON.stringify(file(searchIndexPath.recent)) !== JSON.stringify(NO_RECENT_CHANGES)) {
    problems.push('the build wrote recent changes');
  }
  const bucketsDir = path.join(builtClient, path.dirname(searchIndexPath.bucket(0)));
  const buckets = readdirSync(bucketsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(path.join(bucketsDir, name), 'utf8')) as TermBucket);
  // A chunk none of whose stories is published is not written: the reader's search finds none there.
  const chunkOf = (storyNumber: number) => {
    const chunk = searchIndexPath.chunk(docChunkOf(storyNumber));
    return (existsSync(path.join(builtClient, chunk)) ? file(chunk) : {}) as DocChunk;
  };
  for (const storyNumber of recent.removed) {
    if (Object.hasOwn(chunkOf(storyNumber), String(storyNumber))) problems.push(`story ${storyNumber} was taken down`);
  }
  for (const [storyNumber, story] of Object.entries(recent.stories)) {
    const built = chunkOf(Number(storyNumber))[storyNumber];
    if (JSON.stringify(built) !== JSON.stringify(story.doc))
      problems.push(`story ${storyNumber}: doc ${JSON.stringify(built)}`);
    // Its words in the build's buckets, a headline word marked with *.
    const listed = buckets.flatMap((bucket) =>
      Object.entries(bucket).flatMap(([term, deltas]) => {
        const values = decodePostings(deltas);
        if (values.includes(Number(storyNumber) * 2 + 1)) return [`${term}*`];
        return values.includes(Number(storyNumber) * 2) ? [term] : [];
      }),
    );
    const title = new Set(story.t.split(' '));
    const recentWords = story.w.split(' ').map((word) => (title.has(word) ? `${word}*` : word));
    const missing = recentWords.filter((word) => !listed.includes(word));
    const extra = listed.filter((word) => !recentWords.includes(word));
    if (missing.length + extra.length > 0) {
      problems.push(
        `story ${storyNumber}: only in the recent changes ${missing.join(' ')}; only in the build ${extra.join(' ')}`,
      );
    }
  }
  return problems;
}
