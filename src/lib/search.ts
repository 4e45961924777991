/**
 * Thai search without a server. Thai writes no spaces between words, so both the index (at
 * build time) and the reader's query (in the browser) are cut into words with
 * `Intl.Segmenter('th')`, the same ICU dictionary segmentation on both sides.
 *
 * The index is cut so that a query downloads only what it needs, however large the archive:
 * - **term buckets** (`/search-index/t/{bucket}.json`): each word's stories, the word hashed into
 *   one of {@link searchBucketCount} buckets (more as the archive grows; the search page names
 *   the count), so a query fetches one bucket per word;
 * - **result chunks** (`/search-index/d/{chunk}.json`): what a result shows of a story, by story
 *   number ({@link SEARCH_DOC_CHUNK} stories a chunk), fetched only for the results shown;
 * - **the word lists** (`/search-index/w/{first letter}.json`): the indexed words that begin with
 *   a letter, fetched only when a query word is not itself an indexed word (half typed).
 * Story numbers never change, so a publish rewrites the buckets of its words, one chunk and the
 * word lists of the words it added.
 *
 * A fast publish cannot rewrite these in a second: a word's bucket mixes many stories, and the
 * compounds' rule below reads the whole archive's words. It writes instead what changed since the
 * full build (`/search-index/recent.json`, {@link RecentChanges}): the stories it published, which
 * stand in for their entries in the buckets, and those it took down. Every query reads it; the
 * full build that follows folds it into the buckets and writes it empty.
 *
 * The dictionary sometimes keeps two words as one (ICU reads ฝนตกหนัก as ฝน|ตกหนัก): a story
 * with such a compound is also indexed under its two halves when the archive has both on their
 * own, so หนัก finds it.
 */

/** What a search result shows of a story. */
export interface SearchDoc {
  /** Story path. */
  p: string;
  /** Headline. */
  t: string;
  /** Section name. */
  s: string;
  /** Date line, already formatted in Thai. */
  d: string;
  /** Excerpt, or null. */
  e: string | null;
}

/**
 * A term bucket: each word → its stories as `storyNumber * 2 + (word in the headline ? 1 : 0)`,
 * highest first, delta-encoded (the first value, then each difference): long lists of
 * neighbouring stories become runs of small numbers that compress well.
 */
export type TermBucket = Record<string, number[]>;

/** A result chunk: story number → what its result shows. */
export type DocChunk = Record<string, SearchDoc>;

/**
 * How many buckets the words of an archive of `stories` are hashed into: a power of two, about
 * one for every 16 stories (64 at least), so a bucket stays within about ten kilobytes sent
 * however large the archive (measured by `npm run bench:search`).
 */
export function searchBucketCount(stories: number): number {
  let count = 64;
  while (count * 16 < stories && count < 65_536) count *= 2;
  return count;
}

/** Stories per result chunk, by story number. */
export const SEARCH_DOC_CHUNK = 25;

/** At most this many indexed words stand in for a half-typed query word (a bucket each). */
const MAX_EXPANSIONS = 10;

/** Results shown at a time. */
export const SEARCH_PAGE_SIZE = 20;

/** Where each part of the index is published. */
export const searchIndexPath = {
  bucket: (bucket: number) => `/search-index/t/${bucket}.json`,
  chunk: (chunk: number) => `/search-index/d/${chunk}.json`,
  /** A word list: the words that begin with one letter ({@link letterOf}). */
  words: (letter: string) => `/search-index/w/${letter}.json`,
  /** What fast publishes changed since the full build ({@link RecentChanges}). */
  recent: '/search-index/recent.json',
};

/** The letter a word's list is named by: its first code point, in hex. */
export function letterOf(word: string): string {
  return (word.codePointAt(0) ?? 0).toString(16);
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** The distinct words of `text`, lower-cased and in NFC (Thai has no case; Latin does). */
export function words(text: string): string[] {
  const found = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(text.normalize('NFC').toLowerCase())) {
    if (isWordLike) found.add(segment);
  }
  return [...found];
}

/** The bucket of a word among `buckets` (FNV-1a over its UTF-16 code units): the same in Node and browsers. */
export function termBucket(term: string, buckets: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) {
    hash ^= term.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % buckets;
}

/** The result chunk of a story: 0 for stories 1–25, 1 for 26–50, … */
export function docChunkOf(storyNumber: number): number {
  // The ranges of src/lib/story.ts's storyNumberRange(); this module imports nothing, so the
  // benchmark (scripts/bench-search.ts) runs it in plain Node.
  return Math.floor((storyNumber - 1) / SEARCH_DOC_CHUNK);
}

/** Delta-encodes values sorted highest first. */
export function encodePostings(values: number[]): number[] {
  return values.map((value, i) => (i === 0 ? value : (values[i - 1] ?? 0) - value));
}

/** The values {@link encodePostings} encoded. */
export function decodePostings(deltas: number[]): number[] {
  let value = 0;
  return deltas.map((delta, i) => (value = i === 0 ? delta : value - delta));
}

/** One story as the index takes it. */
export interface IndexedStory {
  storyNumber: number;
  doc: SearchDoc;
  /** The words of the story: {@link words} of its headline, section and full text. */
  words: string[];
  /** The words of its headline. */
  titleWords: string[];
}

/** The whole index, as the build publishes it. */
export interface SearchFiles {
  /** How many buckets the words are hashed into ({@link searchBucketCount}). */
  bucketCount: number;
  buckets: Map<number, TermBucket>;
  chunks: Map<number, DocChunk>;
  /** The word lists, by {@link letterOf} letter: the indexed words that begin with it, sorted. */
  wordLists: Map<string, string[]>;
}

/**
 * A story a fast publish put in the index: what its result shows and the words it is found by,
 * its compounds' halves included, each list joined by spaces (a word holds none).
 */
export interface RecentStory {
  doc: SearchDoc;
  /** Every word, compound halves included. */
  w: string;
  /** The headline's words, compound halves included. */
  t: string;
}

/**
 * What fast publishes changed in the index since the full build: the stories they published (by
 * story number), which replace whatever the buckets and chunks hold for them, and the story
 * numbers they took down.
 */
export interface RecentChanges {
  stories: Record<string, RecentStory>;
  removed: number[];
}

/** No change since the full build: what the full build writes. */
export const NO_RECENT_CHANGES: RecentChanges = { stories: {}, removed: [] };

/**
 * The most stories the recent changes hold. Every query reads the file (about 2.3 KB sent per
 * story, measured by `npm run bench:search`): 30 keep the heaviest query at 100,000 stories within
 * 300 KB. A desk publishes a few stories during one full build; more wait when full builds fail.
 */
export const MAX_RECENT_STORIES = 30;

/**
 * What of `batch` the recent changes take beside `earlier`'s: its takedowns, and its stories up to
 * {@link MAX_RECENT_STORIES} in all, newest first (a story already there is replaced, so it always
 * fits). A story left out is found as the full build indexed it until the next full build.
 */
export function fitRecentChanges(
  earlier: RecentChanges | undefined,
  batch: RecentChanges,
  max = MAX_RECENT_STORIES,
): RecentChanges {
  const held = new Set(Object.keys(earlier?.stories ?? {}));
  for (const storyNumber of batch.removed) held.delete(String(storyNumber));
  const stories = Object.entries(batch.stories)
    .sort(([a], [b]) => Number(b) - Number(a))
    .filter(([storyNumber]) => {
      if (held.has(storyNumber)) return true;
      if (held.size >= max) return false;
      held.add(storyNumber);
      return true;
    });
  return { stories: Object.fromEntries(stories), removed: batch.removed };
}

/** `later`'s changes over `earlier`'s: a story taken down and published again is back, and the other way round. */
export function mergeRecentChanges(earlier: RecentChanges | undefined, later: RecentChanges): RecentChanges {
  const stories = new Map(Object.entries(earlier?.stories ?? {}));
  const removed = new Set(earlier?.removed);
  for (const storyNumber of later.removed) {
    stories.delete(String(storyNumber));
    removed.add(storyNumber);
  }
  for (const [storyNumber, story] of Object.entries(later.stories)) {
    stories.set(storyNumber, story);
    removed.delete(Number(storyNumber));
  }
  return { stories: Object.fromEntries(stories), removed: [...removed].sort((a, b) => a - b) };
}

/**
 * A story as a fast publish indexes it: its words and, as the full build does, the halves of its
 * compounds that are words of the archive (`isWord`) or of the story itself.
 */
export function recentStory(story: IndexedStory, isWord: (text: string) => boolean): RecentStory {
  const own = new Set(story.words);
  const known = (text: string) => own.has(text) || isWord(text);
  const withHalves = (list: string[]) => {
    const found = new Set(list);
    for (const word of list) for (const half of compoundHalves(word, known)) found.add(half);
    return [...found].join(' ');
  };
  return { doc: story.doc, w: withHalves(story.words), t: withHalves(story.titleWords) };
}

/**
 * The recent changes of `stories` (each indexed as {@link recentStory} with `isWord`) and of the
 * story numbers `removed`.
 */
export function recentChangesOf(
  stories: IndexedStory[],
  removed: number[],
  isWord: (text: string) => boolean,
): RecentChanges {
  return {
    stories: Object.fromEntries(stories.map((story) => [String(story.storyNumber), recentStory(story, isWord)])),
    removed,
  };
}

/**
 * The word lists ({@link letterOf} letters) that {@link compoundHalves} reads for `words`: the
 * first letter of every head and tail a Thai word can be cut into.
 */
export function compoundLetters(words: Iterable<string>): Set<string> {
  const letters = new Set<string>();
  for (const word of words) {
    if (!THAI.test(word) || word.length < 4) continue;
    for (let i = 0; i <= word.length - 2; i++) if (i === 0 || i >= 2) letters.add(letterOf(word.slice(i)));
  }
  return letters;
}

/** The words a story is found by: its headline, section and text; the headline's words are flagged. */
export function indexedStory(storyNumber: number, doc: SearchDoc, text: string): IndexedStory {
  return { storyNumber, doc, words: words(`${doc.t} ${doc.s} ${text}`), titleWords: words(doc.t) };
}

const THAI = /^[\u0E00-\u0E7F]+$/;

/**
 * The two halves of a Thai word the dictionary kept whole, when it splits into two words that
 * the archive also has on their own (ตกหนัก → ตก, หนัก, where both are indexed words); none for
 * a word that does not. ICU reads any run of letters as a word, so the archive's own words are
 * what tells a real half from a fragment.
 */
export function compoundHalves(word: string, isWord: (text: string) => boolean): string[] {
  if (!THAI.test(word)) return [];
  const halves = new Set<string>();
  for (let i = 2; i <= word.length - 2; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (isWord(head) && isWord(tail)) {
      halves.add(head);
      halves.add(tail);
    }
  }
  return [...halves];
}

/**
 * Builds every bucket (empty ones included: a word may land in any), chunk and word list. Takes
 * the stories one at a time and keeps only their postings: an archive's words at once would not
 * fit a build's memory at 100,000 stories.
 */
export function buildSearchFiles(stories: Iterable<IndexedStory>): SearchFiles {
  const postings = new Map<string, number[]>();
  const add = (word: string, value: number) => {
    const list = postings.get(word);
    if (list) list.push(value);
    else postings.set(word, [value]);
  };
  const chunks = new Map<number, DocChunk>();
  let count = 0;
  for (const story of stories) {
    count++;
    const inTitle = new Set(story.titleWords);
    for (const word of story.words) add(word, story.storyNumber * 2 + (inTitle.has(word) ? 1 : 0));
    const chunk = docChunkOf(story.storyNumber);
    const docs = chunks.get(chunk) ?? {};
    docs[String(story.storyNumber)] = story.doc;
    chunks.set(chunk, docs);
  }
  // Each compound's stories under its halves too (a story may have both: one entry each).
  const indexedWords = new Set(postings.keys());
  const isWord = (text: string) => indexedWords.has(text);
  for (const [word, values] of [...postings]) {
    for (const half of compoundHalves(word, isWord)) for (const value of values) add(half, value);
  }
  const bucketCount = searchBucketCount(count);
  const buckets = new Map<number, TermBucket>();
  for (let b = 0; b < bucketCount; b++) buckets.set(b, {});
  const wordLists = new Map<string, string[]>();
  for (const term of [...postings.keys()].sort()) {
    const values = [...new Set(postings.get(term))].sort((a, b) => b - a);
    // A story found both by the word and a compound keeps its headline flag, once.
    const merged = values.filter((value, i) => !(value % 2 === 0 && values[i - 1] === value + 1));
    const bucket = buckets.get(termBucket(term, bucketCount));
    if (bucket) bucket[term] = encodePostings(merged);
    const list = wordLists.get(letterOf(term));
    if (list) list.push(term);
    else wordLists.set(letterOf(term), [term]);
  }
  return { bucketCount, buckets, chunks, wordLists };
}

/** Fetches one index file; null when it does not exist. */
export type FetchIndexFile = (path: string) => Promise<unknown>;

/** Story number → whether the word is in its headline. */
type Hits = Map<number, boolean>;

function hitsOf(bucket: TermBucket, term: string, into: Hits = new Map()): Hits {
  // Own keys only: a reader may well search for "constructor".
  const deltas = Object.hasOwn(bucket, term) ? bucket[term] : undefined;
  for (const value of decodePostings(deltas ?? [])) {
    const storyNumber = Math.floor(value / 2);
    into.set(storyNumber, (into.get(storyNumber) ?? false) || value % 2 === 1);
  }
  return into;
}

/** The indexed words that stand in for a half-typed `word`: those that begin with it, shortest first. */
export function expansions(wordList: readonly string[], word: string): string[] {
  const found = wordList.filter((term) => term !== word && term.startsWith(word));
  found.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return found.slice(0, MAX_EXPANSIONS);
}

/**
 * `fetchFile`, asking for each file once: a query and the pages of its results read the same
 * recent changes, and often the same chunks.
 */
export function eachFileOnce(fetchFile: FetchIndexFile): FetchIndexFile {
  const asked = new Map<string, Promise<unknown>>();
  return (path) => {
    let file = asked.get(path);
    if (!file) {
      file = fetchFile(path);
      asked.set(path, file);
    }
    return file;
  };
}

/** The recent changes file; none when the site has no fast publish since its build. */
async function readRecentChanges(fetchFile: FetchIndexFile): Promise<RecentChanges> {
  return ((await fetchFile(searchIndexPath.recent)) ?? NO_RECENT_CHANGES) as RecentChanges;
}

/**
 * The stories that contain every word of `query`, as story numbers: those with more of the words
 * in the headline first, then newest (highest story number) first. Fetches only the buckets of
 * the query's words (among `bucketCount`), the recent changes, and a word list for a half-typed
 * word. An empty query finds nothing.
 */
export async function findStories(query: string, fetchFile: FetchIndexFile, bucketCount: number): Promise<number[]> {
  const queryWords = words(query);
  if (queryWords.length === 0) return [];
  const buckets = new Map<number, Promise<TermBucket>>();
  const bucket = (term: string) => {
    const b = termBucket(term, bucketCount);
    let pending = buckets.get(b);
    if (!pending) {
      pending = fetchFile(searchIndexPath.bucket(b)).then((file) => (file ?? {}) as TermBucket);
      buckets.set(b, pending);
    }
    return pending;
  };
  // The recent changes and the words' buckets, asked for at once.
  const [recent] = await Promise.all([readRecentChanges(fetchFile), ...queryWords.map(bucket)]);
  const recentStories = Object.entries(recent.stories).map(([storyNumber, story]) => ({
    storyNumber: Number(storyNumber),
    words: new Set(story.w.split(' ')),
    title: new Set(story.t.split(' ')),
  }));
  // What the buckets hold of these stories is older than the recent changes.
  const replaced = new Set([...recentStories.map((story) => story.storyNumber), ...recent.removed]);
  const hitsPerWord = await Promise.all(
    queryWords.map(async (word) => {
      const own = await bucket(word);
      let terms = [word];
      if (!Object.hasOwn(own, word) && !recentStories.some((story) => story.words.has(word))) {
        const wordList = ((await fetchFile(searchIndexPath.words(letterOf(word)))) ?? []) as string[];
        const recentWords = recentStories.flatMap((story) => [...story.words]);
        terms = expansions([...new Set([...wordList, ...recentWords])], word);
      }
      const hits: Hits = new Map();
      for (const term of terms) hitsOf(await bucket(term), term, hits);
      for (const storyNumber of replaced) hits.delete(storyNumber);
      for (const story of recentStories) {
        for (const term of terms) {
          if (story.words.has(term)) {
            hits.set(story.storyNumber, (hits.get(story.storyNumber) ?? false) || story.title.has(term));
          }
        }
      }
      return hits;
    }),
  );
  const [first, ...rest] = hitsPerWord.sort((a, b) => a.size - b.size);
  const ranked: { storyNumber: number; inTitle: number }[] = [];
  for (const [storyNumber, titled] of first ?? []) {
    if (!rest.every((hits) => hits.has(storyNumber))) continue;
    const inTitle = Number(titled) + rest.filter((hits) => hits.get(storyNumber)).length;
    ranked.push({ storyNumber, inTitle });
  }
  ranked.sort((a, b) => b.inTitle - a.inTitle || b.storyNumber - a.storyNumber);
  return ranked.map((r) => r.storyNumber);
}

/**
 * What the results show of `storyNumbers`, in that order: a recently published story's from the
 * recent changes, the others' from their chunks (only those are fetched).
 */
export async function resultDocs(storyNumbers: number[], fetchFile: FetchIndexFile): Promise<SearchDoc[]> {
  const recent = await readRecentChanges(fetchFile);
  const chunks = new Map<number, Promise<DocChunk>>();
  for (const storyNumber of storyNumbers) {
    const c = docChunkOf(storyNumber);
    if (!Object.hasOwn(recent.stories, String(storyNumber)) && !chunks.has(c))
      chunks.set(
        c,
        fetchFile(searchIndexPath.chunk(c)).then((f) => (f ?? {}) as DocChunk),
      );
  }
  const docs = await Promise.all(
    storyNumbers.map(
      async (storyNumber) =>
        recent.stories[String(storyNumber)]?.doc ?? (await chunks.get(docChunkOf(storyNumber)))?.[String(storyNumber)],
    ),
  );
  // A chunk a moment newer than its bucket may no longer have a story: it is left out.
  return docs.filter((doc): doc is SearchDoc => doc !== undefined);
}
