/**
 * Thai text helpers. Thai writes no spaces between words, so counting words, cutting an
 * excerpt or estimating reading time needs word segmentation (ICU's dictionary through
 * Intl.Segmenter), and a cut must never split a grapheme cluster (a consonant with its
 * vowel and tone marks).
 */

const words = new Intl.Segmenter('th', { granularity: 'word' });
const graphemes = new Intl.Segmenter('th', { granularity: 'grapheme' });

/** Thai readers read about 200 words a minute; news copy is plain prose. */
const WORDS_PER_MINUTE = 200;

/** Counts the words of a Thai (or mixed) text, punctuation and spaces excluded. */
export function countWords(text: string): number {
  let count = 0;
  for (const segment of words.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** Whole minutes needed to read `text`, at least 1. */
export function readingMinutes(text: string): number {
  return Math.max(1, Math.round(countWords(text) / WORDS_PER_MINUTE));
}

/**
 * Shortens `text` to at most `max` characters at a word boundary, adding `…` when it cut.
 * A single word longer than `max` is cut at a grapheme boundary instead, never inside one.
 */
export function excerpt(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const room = max - 1; // for the ellipsis
  let end = 0;
  for (const segment of words.segment(clean)) {
    const next = segment.index + segment.segment.length;
    if (next > room) break;
    end = next;
  }
  if (end === 0) {
    for (const g of graphemes.segment(clean)) {
      const next = g.index + g.segment.length;
      if (next > room) break;
      end = next;
    }
  }
  return `${clean.slice(0, end).trimEnd()}…`;
}

/** Plain text of a Markdown body, good enough for counting and excerpts. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
