/**
 * Corrections and updates: dated notes editors add to a published story. A story shows its
 * notes newest first; its modification time (the page's "อัปเดต" and JSON-LD dateModified)
 * follows its latest note; the corrections page lists the newest corrections of the site.
 * Pure, so the build, the fast publish and the unit tests share it.
 */
import { toTeaser, type StoryTeaser } from './story';

/** One note on a story. */
export interface StoryNote {
  /** `correction`: something published was wrong; `update`: the story moved on. */
  kind: 'correction' | 'update';
  /** When the note was made (ISO 8601). */
  at: string;
  text: string;
}

/** Where the site lists its recent corrections. */
export const CORRECTIONS_PATH = '/corrections';

/** Corrections on the corrections page: months of a busy desk's corrections. */
export const CORRECTIONS_LIMIT = 100;

/** A story's notes, newest first (the later listed first when two share a time). */
export function notesNewestFirst<N extends { at: string }>(notes: readonly N[]): N[] {
  return notes
    .map((note, i) => ({ note, i, time: Date.parse(note.at) }))
    .sort((a, b) => b.time - a.time || b.i - a.i)
    .map(({ note }) => note);
}

/**
 * When the story last changed for its readers: its latest note or live-coverage entry when it
 * has any (an edit that fixed a comma is not news, a note or an entry is), otherwise its last save.
 */
export function lastModified(story: {
  updatedAt: string;
  notes: readonly { at: string }[];
  liveEntries?: readonly { at: string }[];
}): string {
  return notesNewestFirst([...story.notes, ...(story.liveEntries ?? [])])[0]?.at ?? story.updatedAt;
}

/** One entry of the corrections page: the correction and the story it corrects. */
export interface CorrectionEntry {
  story: StoryTeaser;
  note: StoryNote;
}

/** The site's newest corrections, newest first, at most `limit`: what the corrections page lists. */
export function recentCorrections(
  stories: readonly (StoryTeaser & { notes: readonly StoryNote[] })[],
  limit = CORRECTIONS_LIMIT,
): CorrectionEntry[] {
  const entries = stories.flatMap((story) =>
    story.notes.filter((note) => note.kind === 'correction').map((note) => ({ story: toTeaser(story), note })),
  );
  return entries
    .sort(
      (a, b) =>
        Date.parse(b.note.at) - Date.parse(a.note.at) ||
        b.story.storyNumber - a.story.storyNumber ||
        a.note.text.localeCompare(b.note.text, 'th'),
    )
    .slice(0, limit);
}
