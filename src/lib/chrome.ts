import { cacheKey } from './cache-key';
import { getGlobal, getSections } from './newsroom';

/** What every page's header and footer show, prepared once per page by the page itself. */
export async function getChrome() {
  const [global, sections] = await Promise.all([getGlobal(), getSections()]);
  return { global, sections, renderedAt: Date.now() };
}

/**
 * A digest of the header and footer data, which every page's cache key must cover; computed
 * once per route, not once per page. The render time is left out on purpose: a reused page
 * keeps the date line of its last render.
 */
export async function chromeKey(): Promise<string> {
  const { global, sections } = await getChrome();
  return cacheKey({ global, sections });
}

/** Header and footer data, as BaseLayout receives it. */
export type Chrome = Awaited<ReturnType<typeof getChrome>>;
