/**
 * Thai search without a server. Thai writes no spaces between words, so both the index (at
 * build time) and the reader's query (in the browser) are cut into words with
 * `Intl.Segmenter('th')`, the same ICU dictionary segmentation on both sides. The index maps
 * each word to the stories that contain it; a query finds the stories that contain all its
 * words (a query word not in the index also matches inside longer indexed words).
 *
 * The index is published in shards of story numbers (stories 1–1000, 1001–2000, …) listed by
 * /search-index.json: a deploy re-indexes only the shard of the stories that changed, and
 * the browser merges the shards it fetched.
 */

import { storyNumberRange } from './story';

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
  /** First publication, epoch milliseconds: orders stories newest first across shards. */
  n: number;
}

/** One shard of the index (or all shards merged). */
export interface SearchIndex {
  v: 1;
  /** Stories, newest first. */
  docs: SearchDoc[];
  /** Word → indexes into `docs`, ascending. */
  terms: Record<string, number[]>;
}

/** /search-index.json: where the shards are, each URL carrying its content version. */
export interface SearchManifest {
  v: 2;
  shards: string[];
}

/** Stories per shard of the index, by story number. */
export const SEARCH_SHARD_SIZE = 1000;

/** The shard that indexes a story: 0 for stories 1–1000, 1 for 1001–2000, … */
export function searchShardOf(storyNumber: number): number {
  return storyNumberRange(storyNumber, SEARCH_SHARD_SIZE);
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

/** Builds an index from each story's result fields and full searchable text, given newest first. */
export function buildSearchIndex(stories: { doc: SearchDoc; text: string }[]): SearchIndex {
  const terms = new Map<string, number[]>();
  stories.forEach(({ doc, text }, index) => {
    for (const word of words(`${doc.t} ${doc.s} ${text}`)) {
      const postings = terms.get(word);
      if (postings) postings.push(index);
      else terms.set(word, [index]);
    }
  });
  return { v: 1, docs: stories.map((s) => s.doc), terms: Object.fromEntries(terms) };
}

/** One index of the stories of all `shards`, newest first, as search() expects. */
export function mergeSearchIndexes(shards: SearchIndex[]): SearchIndex {
  const all = shards.flatMap((shard, s) => shard.docs.map((doc, i) => ({ doc, s, i })));
  all.sort((a, b) => b.doc.n - a.doc.n);
  // Where each doc of each shard landed in the merged list.
  const moved = shards.map((shard) => shard.docs.map(() => -1));
  all.forEach(({ s, i }, at) => {
    const row = moved[s];
    if (row) row[i] = at;
  });
  const terms = new Map<string, number[]>();
  shards.forEach((shard, s) => {
    const row = moved[s] ?? [];
    for (const [term, postings] of Object.entries(shard.terms)) {
      const merged = terms.get(term) ?? [];
      for (const i of postings) {
        const at = row[i] ?? -1;
        if (at >= 0) merged.push(at);
      }
      terms.set(term, merged);
    }
  });
  for (const postings of terms.values()) postings.sort((a, b) => a - b);
  return { v: 1, docs: all.map(({ doc }) => doc), terms: Object.fromEntries(terms) };
}

function postingsFor(index: SearchIndex, word: string): Set<number> {
  // Own keys only: a reader may well search for "constructor".
  const exact = Object.hasOwn(index.terms, word) ? index.terms[word] : undefined;
  if (exact) return new Set(exact);
  // No such word: the reader may be half-way through typing it, or the dictionary may have
  // kept it inside a longer word (ICU reads ฝนตกหนัก as ฝน|ตกหนัก, so หนัก is inside ตกหนัก).
  const matches = new Set<number>();
  for (const [term, postings] of Object.entries(index.terms)) {
    if (term.includes(word)) for (const p of postings) matches.add(p);
  }
  return matches;
}

/**
 * The stories that contain every word of `query`, those with the words in the headline
 * first, then newest first. An empty query finds nothing.
 */
export function search(index: SearchIndex, query: string, limit = 50): SearchDoc[] {
  const queryWords = words(query);
  if (queryWords.length === 0) return [];
  const [first, ...rest] = queryWords.map((word) => postingsFor(index, word));
  const hits = [...(first ?? [])].filter((doc) => rest.every((postings) => postings.has(doc)));
  const ranked = hits.flatMap((i) => {
    const doc = index.docs[i];
    return doc ? [{ i, doc, inTitle: queryWords.filter((w) => doc.t.toLowerCase().includes(w)).length }] : [];
  });
  // Headline matches first; then the index order, which is newest first.
  ranked.sort((a, b) => b.inTitle - a.inTitle || a.i - b.i);
  return ranked.slice(0, limit).map((r) => r.doc);
}
