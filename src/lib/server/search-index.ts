import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import {
  buildSearchFiles,
  compoundLetters,
  indexedStory,
  letterOf,
  recentChangesOf,
  type IndexedStory,
  type RecentChanges,
  type SearchDoc,
  type SearchFiles,
} from '../search';
import { publishedTime } from '../story';
import { formatStoryDateTime } from '../thai-date';
import { markdownToText } from '../thai-text';
import { storyPath } from '../urls';
import type { Story } from './content';
import { cacheKey } from './cache-key';
import { contentDigest } from './content-digest';

/** What a search result shows of a story. */
function searchDoc(story: Story): SearchDoc {
  const time = publishedTime(story);
  return { p: storyPath(story), t: story.title, s: story.section.name, d: formatStoryDateTime(time), e: story.excerpt };
}

/** Everything a story is found by besides its headline and section. */
function searchText(story: Story): string {
  return [
    story.excerpt ?? '',
    markdownToText(story.body),
    ...story.tags.map((tag) => tag.name),
    ...story.authors.map((a) => a.name),
  ].join('\n');
}

/**
 * Each story's words from the build before, by the content layer's digest of the story: cutting
 * Thai into words is most of the index's cost (about 30 s a build at 100,000 stories), and a
 * publish changes a handful of stories. Kept beside Astro's own cache, which each build that may
 * overlap another has its own of; words hold no space, so each story's are one string.
 */
const WORDS_CACHE = path.join(process.env.ASTRO_CACHE_DIR ?? 'node_modules/.astro', 'search-words.v1');

type WordsCache = Map<string, [words: string, titleWords: string]>;

function readWordsCache(): WordsCache {
  try {
    return deserialize(readFileSync(WORDS_CACHE)) as WordsCache;
  } catch {
    return new Map(); // the first build, or a cache from another version: cut every story
  }
}

function writeWordsCache(cache: WordsCache): void {
  mkdirSync(path.dirname(WORDS_CACHE), { recursive: true });
  writeFileSync(`${WORDS_CACHE}.tmp`, serialize(cache));
  renameSync(`${WORDS_CACHE}.tmp`, WORDS_CACHE);
}

const split = (joined: string) => (joined === '' ? [] : joined.split(' '));

/** The stories as the index takes them, cut into words or taken from the cache, noting each in `next`. */
function* indexed(stories: Story[], cache: WordsCache, next: WordsCache): Generator<IndexedStory> {
  for (const story of stories) {
    const key = contentDigest(story);
    const known = cache.get(key);
    if (known) {
      next.set(key, known);
      yield {
        storyNumber: story.storyNumber,
        doc: searchDoc(story),
        words: split(known[0]),
        titleWords: split(known[1]),
      };
    } else {
      const entry = indexedStory(story.storyNumber, searchDoc(story), searchText(story));
      next.set(key, [entry.words.join(' '), entry.titleWords.join(' ')]);
      yield entry;
    }
  }
}

let last: { stories: Story[]; files: SearchFiles } | null = null;

/**
 * The whole search index of the published stories, computed once for the routes that publish it.
 */
export function searchFiles(stories: Story[]): SearchFiles {
  // getStories() hands each route a new array of the same story objects.
  const same = last?.stories.length === stories.length && last.stories.every((story, i) => story === stories[i]);
  if (!last || !same) {
    const next: WordsCache = new Map();
    last = { stories, files: buildSearchFiles(indexed(stories, readWordsCache(), next)) };
    writeWordsCache(next);
  }
  return last.files;
}

/**
 * The static paths of one kind of index file: one per entry of `files`, named by `param`, with
 * the file's JSON as its props and its cache key (a file is rewritten only when it changes).
 */
export function searchFilePaths<P extends string>(
  param: P,
  files: Iterable<[name: string | number, content: unknown]>,
) {
  return [...files].map(([name, content]) => {
    const body = JSON.stringify(content);
    return { params: { [param]: String(name) } as Record<P, string>, props: { body }, cacheKey: cacheKey(body) };
  });
}

/** Answers with an index file's JSON, as {@link searchFilePaths} prepared it. */
export function searchFileResponse(body: string): Response {
  return new Response(body, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}

/**
 * What one fast-publish batch changes in the search index: its `changed` stories as the recent
 * changes hold them (cut into words as the full build cuts them, with the halves of their
 * compounds that the archive's word lists have, read by `wordList`), and the story numbers it
 * took down.
 */
export async function batchSearchChanges(
  changed: Story[],
  removed: number[],
  wordList: (letter: string) => Promise<ReadonlySet<string>>,
): Promise<RecentChanges> {
  const stories = changed.map((story) => indexedStory(story.storyNumber, searchDoc(story), searchText(story)));
  const letters = [...compoundLetters(stories.flatMap((story) => story.words))];
  const lists = new Map(await Promise.all(letters.map(async (letter) => [letter, await wordList(letter)] as const)));
  return recentChangesOf(stories, removed, (text) => lists.get(letterOf(text))?.has(text) ?? false);
}
