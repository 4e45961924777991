import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Story } from '../../src/lib/server/content';
import type { searchFiles as SearchFilesFn } from '../../src/lib/server/search-index';
import {
  buildSearchFiles,
  docChunkOf,
  findStories,
  indexedStory,
  resultDocs,
  searchBucketCount,
  searchIndexPath,
  type SearchFiles,
} from '../../src/lib/search';

/** The fields of a story the search index reads; the rest of a Story does not matter here. */
const story = (storyNumber: number, title: string, body = 'เนื้อหาข่าว') =>
  ({
    documentId: `d${storyNumber}`,
    storyNumber,
    title,
    excerpt: null,
    body,
    firstPublishedAt: new Date(Date.UTC(2026, 10, 1) + storyNumber * 60_000).toISOString(),
    publishedAt: null,
    section: { name: 'ข่าว', slug: 'news' },
    tags: [{ name: 'น้ำท่วม' }],
    authors: [{ name: 'สมชาย ใจดี' }],
  }) as unknown as Story;

const cacheDir = mkdtempSync(path.join(tmpdir(), 'search-index-test-'));
let searchFiles: typeof SearchFilesFn;

beforeAll(async () => {
  vi.stubEnv('ASTRO_CACHE_DIR', cacheDir);
  ({ searchFiles } = await import('../../src/lib/server/search-index'));
});

/** The stories a query finds, by path. */
async function found(files: SearchFiles, query: string): Promise<string[]> {
  const byPath = new Map<string, unknown>();
  for (const [letter, list] of files.wordLists) byPath.set(searchIndexPath.words(letter), list);
  for (const [b, bucket] of files.buckets) byPath.set(searchIndexPath.bucket(b), bucket);
  for (const [c, chunk] of files.chunks) byPath.set(searchIndexPath.chunk(c), chunk);
  const fetchFile = (p: string) => Promise.resolve(byPath.get(p) ?? null);
  return (await resultDocs(await findStories(query, fetchFile, files.bucketCount), fetchFile)).map((d) => d.p);
}

describe('searchFiles', () => {
  const stories = [story(2001, 'ฝนตกหนักที่เชียงใหม่'), story(1500, 'ตลาดหุ้นปิดบวก'), story(7, 'ข่าวแรก')];

  it('finds a story by its tag, author, headline and body', async () => {
    const files = searchFiles(stories);
    // The search page names the count from the number of stories alone.
    expect(files.bucketCount).toBe(searchBucketCount(stories.length));
    for (const query of ['น้ำท่วม', 'สมชาย', 'เชียงใหม่', 'เนื้อหา']) {
      expect(await found(files, query), query).toContain('/news/news/2001');
    }
  });

  it('keeps each story’s words for the next build, and a build from them equals one from nothing', async () => {
    searchFiles(stories);
    const cache = path.join(cacheDir, 'search-words.v1');
    expect(existsSync(cache)).toBe(true);
    expect((deserialize(readFileSync(cache)) as Map<string, unknown>).size).toBe(3);
    // The next build: one story edited (a new object, as the content layer hands out), one gone.
    const next = [story(2001, 'ฝนตกหนักที่ลำปาง'), story(1500, 'ตลาดหุ้นปิดบวก')];
    const files = searchFiles(next);
    const fromNothing = buildSearchFiles(
      next.map((s) =>
        indexedStory(
          s.storyNumber,
          files.chunks.get(docChunkOf(s.storyNumber))![String(s.storyNumber)]!,
          ['', s.body, 'น้ำท่วม', 'สมชาย ใจดี'].join('\n'),
        ),
      ),
    );
    expect(files).toEqual(fromNothing);
    expect(await found(files, 'ลำปาง')).toEqual(['/news/news/2001']);
    expect(await found(files, 'เชียงใหม่')).toEqual([]);
    // Only the stories of the last build are kept.
    expect((deserialize(readFileSync(cache)) as Map<string, unknown>).size).toBe(2);
  });
});
