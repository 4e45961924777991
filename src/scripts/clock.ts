/**
 * Keeps the dates of a static page current in the reader's browser: the header's date line
 * shows the reader's present moment in Bangkok, and recent story times read as
 * `5 นาทีที่แล้ว`. The built page already holds correct absolute dates, so without
 * JavaScript nothing is lost.
 */
import { formatLongDateTime, formatRelative, isoInBangkok } from '../lib/thai-date';

/** Rewrites every live `<time>` under `root` for the moment `now`. */
export function refreshDates(root: ParentNode, now: number): void {
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-live="now"]')) {
    time.dateTime = isoInBangkok(now);
    time.textContent = formatLongDateTime(now);
  }
  for (const time of root.querySelectorAll<HTMLTimeElement>('time[data-live="relative"]')) {
    // The absolute date stays available as the tooltip.
    time.title ||= time.textContent;
    const relative = formatRelative(time.dateTime, now);
    time.textContent = relative ?? time.title;
  }
}

/** Refreshes the page's dates now and at the start of every minute. */
export function startClock(): void {
  const tick = () => {
    refreshDates(document, Date.now());
    setTimeout(tick, 60_000 - (Date.now() % 60_000) + 50);
  };
  tick();
}
