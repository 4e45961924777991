import { describe, expect, it } from 'vitest';
import {
  isSaved,
  readSaved,
  removeStory,
  SAVED_KEY,
  SAVED_LIMIT,
  saveStory,
  toggleSaved,
  type SavedStory,
} from '../../src/scripts/saved-stories';

/** localStorage's two methods over a Map. */
function memoryStorage(initial?: string) {
  const items = new Map<string, string>(initial === undefined ? [] : [[SAVED_KEY, initial]]);
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const story = (n: number): SavedStory => ({
  path: `/news/news/${n}`,
  title: `ข่าวที่ ${n}`,
  section: 'ข่าว',
  date: '6 ธ.ค. 2559 07:30 น.',
  savedAt: n,
});

describe('saved stories', () => {
  it('toggles a story on and off', () => {
    const storage = memoryStorage();
    expect(toggleSaved(storage, story(1))).toBe(true);
    expect(isSaved(storage, '/news/news/1')).toBe(true);
    expect(toggleSaved(storage, story(1))).toBe(false);
    expect(readSaved(storage)).toEqual([]);
  });

  it('lists the newest save first, and a re-save moves a story to the top without a duplicate', () => {
    const storage = memoryStorage();
    saveStory(storage, story(1));
    saveStory(storage, story(2));
    saveStory(storage, { ...story(1), savedAt: 3 });
    expect(readSaved(storage).map((s) => s.path)).toEqual(['/news/news/1', '/news/news/2']);
  });

  it('removes one story and leaves the others', () => {
    const storage = memoryStorage();
    saveStory(storage, story(1));
    saveStory(storage, story(2));
    removeStory(storage, '/news/news/1');
    expect(readSaved(storage).map((s) => s.path)).toEqual(['/news/news/2']);
    removeStory(storage, '/news/news/9');
    expect(readSaved(storage)).toHaveLength(1);
  });

  it(`keeps at most ${SAVED_LIMIT} stories, dropping the oldest saves`, () => {
    const storage = memoryStorage();
    for (let n = 1; n <= SAVED_LIMIT + 5; n++) saveStory(storage, story(n));
    const saved = readSaved(storage);
    expect(saved).toHaveLength(SAVED_LIMIT);
    expect(saved[0]?.path).toBe(`/news/news/${SAVED_LIMIT + 5}`);
    expect(isSaved(storage, '/news/news/5')).toBe(false);
  });

  it.each([
    ['not JSON', '{oops'],
    ['not a list', '{"path":"/news/news/1"}'],
    ['null', 'null'],
  ])('reads unusable storage (%s) as an empty list', (_, raw) => {
    expect(readSaved(memoryStorage(raw))).toEqual([]);
  });

  it('skips malformed entries and keeps the good ones', () => {
    const raw = JSON.stringify([
      story(1),
      { path: 'javascript:alert(1)', title: 'x', section: '', date: '', savedAt: 1 },
      7,
    ]);
    expect(readSaved(memoryStorage(raw))).toEqual([story(1)]);
  });
});
