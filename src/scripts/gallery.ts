/**
 * The story gallery's controls (src/components/StoryGallery.astro). Swiping and scrolling are
 * the browser's own (scroll snap); this adds the previous/next buttons and the arrow keys, and
 * keeps the address on the picture in view, so a reader who shares the page shares that picture.
 */

/** The index of the picture nearest the track's left edge. */
function current(track: HTMLElement, items: HTMLElement[]): number {
  const left = track.getBoundingClientRect().left;
  let best = 0;
  items.forEach((item, i) => {
    const distance = Math.abs(item.getBoundingClientRect().left - left);
    if (distance < Math.abs(items[best]!.getBoundingClientRect().left - left)) best = i;
  });
  return best;
}

/** Wires one gallery. */
function startGallery(gallery: HTMLElement): void {
  const track = gallery.querySelector<HTMLElement>('.gallery-track');
  const controls = gallery.querySelector<HTMLElement>('.gallery-controls');
  if (!track || !controls) return;
  const items = [...track.querySelectorAll<HTMLElement>(':scope > li')];
  const go = (index: number) => {
    const target = items[Math.max(0, Math.min(items.length - 1, index))];
    target?.scrollIntoView({ behavior: 'smooth', block: 'nearest', inline: 'start' });
  };
  controls.hidden = false;
  controls.addEventListener('click', (event) => {
    const step = Number(
      (event.target as HTMLElement).closest<HTMLElement>('[data-gallery-step]')?.dataset['galleryStep'],
    );
    if (step) go(current(track, items) + step);
  });
  track.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    go(current(track, items) + (event.key === 'ArrowRight' ? 1 : -1));
  });
  // The address follows the picture in view, without adding a history entry per picture.
  track.addEventListener('scrollend', () => {
    const id = items[current(track, items)]?.id;
    if (id && location.hash !== `#${id}`) history.replaceState(history.state, '', `#${id}`);
  });
}

/** Wires every gallery on the page. */
export function startGalleries(root: ParentNode = document): void {
  for (const gallery of root.querySelectorAll<HTMLElement>('[data-gallery]')) startGallery(gallery);
}
