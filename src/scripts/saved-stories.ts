/**
 * The reader's saved stories (บันทึก), kept in the browser's localStorage so that /saved can
 * list them without the network. Pure functions over a Storage, so they are unit-tested
 * without a browser.
 */

/** What /saved shows of a story; written when the reader saves it. */
export interface SavedStory {
  /** Site-relative story path, e.g. `/news/news/1`; the key of the entry. */
  path: string;
  title: string;
  section: string;
  /** The story's date line as the page showed it (Thai, Bangkok time). */
  date: string;
  /** Epoch milliseconds of the save; the list is newest-saved first. */
  savedAt: number;
}

/** The storage key; the suffix changes if the stored shape ever does. */
export const SAVED_KEY = 'newsroom.saved.v1';

/** The longest list kept: old saves drop off rather than filling the reader's storage. */
export const SAVED_LIMIT = 200;

function isSavedStory(value: unknown): value is SavedStory {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.path === 'string' &&
    v.path.startsWith('/') &&
    typeof v.title === 'string' &&
    typeof v.section === 'string' &&
    typeof v.date === 'string' &&
    typeof v.savedAt === 'number'
  );
}

/**
 * The saved stories, newest-saved first. Entries that another version of the site or an
 * extension left malformed are skipped, and unreadable storage reads as an empty list.
 */
export function readSaved(storage: Pick<Storage, 'getItem'>): SavedStory[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(SAVED_KEY) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isSavedStory) : [];
}

function write(storage: Pick<Storage, 'setItem'>, stories: SavedStory[]): void {
  storage.setItem(SAVED_KEY, JSON.stringify(stories.slice(0, SAVED_LIMIT)));
}

/** Whether the story at `path` is saved. */
export function isSaved(storage: Pick<Storage, 'getItem'>, path: string): boolean {
  return readSaved(storage).some((s) => s.path === path);
}

/** Saves the story (moving it to the top if it was saved before). */
export function saveStory(storage: Pick<Storage, 'getItem' | 'setItem'>, story: SavedStory): void {
  write(storage, [story, ...readSaved(storage).filter((s) => s.path !== story.path)]);
}

/** Removes the story at `path`; removing an unsaved story changes nothing. */
export function removeStory(storage: Pick<Storage, 'getItem' | 'setItem'>, path: string): void {
  write(
    storage,
    readSaved(storage).filter((s) => s.path !== path),
  );
}

/** Saves or removes the story; returns whether it is saved afterwards. */
export function toggleSaved(storage: Pick<Storage, 'getItem' | 'setItem'>, story: SavedStory): boolean {
  if (isSaved(storage, story.path)) {
    removeStory(storage, story.path);
    return false;
  }
  saveStory(storage, story);
  return true;
}
