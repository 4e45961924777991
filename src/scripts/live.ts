/**
 * New entries of a live coverage (src/components/LiveCoverage.astro) without a reload. The page
 * polls the coverage's static JSON while it is live and the tab is visible; when it lists entries
 * the page does not have, a notice fixed to the bottom of the screen says how many, and moves
 * nothing the reader is reading. Pressing it fetches the page itself (the one renderer of
 * entries), swaps in its entries and takes the reader to the newest.
 */
import type { LiveJson } from '../lib/live';

/** The anchors of the entries on the page. */
function entriesOn(root: ParentNode): Set<string> {
  return new Set([...root.querySelectorAll<HTMLElement>('.live-entry')].map((entry) => entry.id));
}

/** Starts following the page's live coverage, if it has one that is live. */
export function startLiveCoverage(root: Document = document): void {
  const section = root.querySelector<HTMLElement>('[data-live-json]');
  const button = section?.querySelector<HTMLButtonElement>('.live-notice-button');
  const url = section?.dataset['liveJson'];
  if (!section || !button || !url || section.dataset['liveState'] !== 'live') return;
  const every = Number(section.dataset['livePoll']) || 10_000;
  const template = section.dataset['liveNew'] ?? '{count}';
  let fresh: string[] = [];

  const showEnded = () => {
    section.dataset['liveState'] = 'ended';
    const state = section.querySelector('.live-state');
    state?.classList.remove('live-on');
    if (state) state.textContent = section.dataset['liveEnded'] ?? '';
  };

  const poll = async () => {
    if (!root.hidden) {
      try {
        const response = await fetch(url, { cache: 'no-cache' });
        if (response.ok) {
          const live = (await response.json()) as LiveJson;
          const known = entriesOn(section);
          fresh = live.entries.filter((anchor) => !known.has(anchor));
          button.hidden = fresh.length === 0;
          button.textContent = template.replace('{count}', String(fresh.length));
          if (live.state === 'ended') {
            showEnded();
            return;
          }
        }
      } catch {
        // Offline or the server briefly away: the next poll tries again.
      }
    }
    setTimeout(() => void poll(), every);
  };

  const showNew = async () => {
    const response = await fetch(location.pathname, { cache: 'no-cache' });
    if (!response.ok) return;
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const blocks = page.querySelector('.live-blocks');
    const current = section.querySelector('.live-blocks');
    if (!blocks || !current) return;
    current.replaceWith(root.adoptNode(blocks));
    button.hidden = true;
    const newest = fresh.map((anchor) => root.getElementById(anchor)).find((entry) => entry !== null);
    fresh = [];
    if (newest) {
      newest.tabIndex = -1;
      newest.scrollIntoView({ block: 'start' });
      newest.focus({ preventScroll: true });
    }
  };

  button.addEventListener('click', () => void showNew());
  setTimeout(() => void poll(), every);
}
