import { getGlobal, getSections } from './newsroom';

/** What every page's header and footer show, prepared once per page by the page itself. */
export async function getChrome() {
  const [global, sections] = await Promise.all([getGlobal(), getSections()]);
  return { global, sections, renderedAt: Date.now() };
}

/**
 * The header and footer data that a page's cache key must cover. The render time is left
 * out on purpose: a reused page keeps the date line of its last render.
 */
export async function chromeInputs() {
  const { global, sections } = await getChrome();
  return { global, sections };
}

/** Header and footer data, as BaseLayout receives it. */
export type Chrome = Awaited<ReturnType<typeof getChrome>>;
