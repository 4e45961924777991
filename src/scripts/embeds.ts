/**
 * Click-to-load posts in story bodies (the facades src/lib/markdown.ts renders). Nothing is
 * requested from a platform until the reader presses a facade's button; the frame then takes
 * the facade's place. The frame URL was built at render time from the post's id
 * (cms-schema/src/embeds.ts), and the pages' CSP frame-src admits only those platforms.
 */

/** Replaces a facade with its platform's frame. */
export function loadEmbed(figure: HTMLElement): HTMLIFrameElement | null {
  const src = figure.dataset['embedFrame'];
  const facade = figure.querySelector('.embed-facade');
  if (!src || !facade) return null;
  const frame = document.createElement('iframe');
  frame.src = src;
  frame.title = figure.dataset['embedTitle'] ?? '';
  frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
  frame.allowFullscreen = true;
  // The platforms' players check where they are embedded; they get the origin, never the path.
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  facade.replaceWith(frame);
  frame.focus();
  return frame;
}

/** Shows the facades' buttons (hidden until script can act on them) and loads a post on press. */
export function startEmbeds(root: ParentNode = document): void {
  for (const figure of root.querySelectorAll<HTMLElement>('figure[data-embed-frame]')) {
    const button = figure.querySelector<HTMLButtonElement>('.embed-load');
    if (!button) continue;
    button.hidden = false;
    button.addEventListener('click', () => loadEmbed(figure), { once: true });
  }
}
