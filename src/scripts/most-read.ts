/**
 * Most-read in the reader's browser: a story page counts itself once per load with a beacon
 * (no cookie, nothing about the reader but the request itself; server/src/most-read.ts), and
 * a most-read box (src/components/MostRead.astro) fills itself from the site server's list.
 */
import { MOST_READ_BEACON, MOST_READ_PATH, type MostReadList } from '../../shared/most-read-contract';

/** Counts this page load of a story: once, when the page is shown. */
export function countView(): void {
  navigator.sendBeacon(MOST_READ_BEACON, new Blob([location.pathname], { type: 'text/plain' }));
}

/** Fills the page's most-read box, if it has one, and shows it when the list has stories. */
export async function showMostRead(root: Document = document): Promise<void> {
  const box = root.querySelector<HTMLElement>('[data-most-read]');
  const list = box?.querySelector('ol');
  if (!box || !list) return;
  let lists: MostReadList;
  try {
    const response = await fetch(MOST_READ_PATH);
    if (!response.ok) return;
    lists = (await response.json()) as MostReadList;
  } catch {
    return; // offline: the box stays hidden
  }
  const section = box.dataset['mostRead'];
  const stories = section ? (lists.sections[section] ?? []) : lists.site;
  if (stories.length === 0) return;
  list.replaceChildren(
    ...stories.map((story) => {
      const item = root.createElement('li');
      const link = root.createElement('a');
      link.href = story.path;
      link.textContent = story.title;
      item.append(link);
      return item;
    }),
  );
  box.hidden = false;
}
