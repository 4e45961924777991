import { cacheKey } from './cache-key';
import { getGlobal, getSections } from './content';

/** What every page's header and footer show, prepared once per page by the page itself. */
export async function getSiteFrame() {
  const [global, sections] = await Promise.all([getGlobal(), getSections()]);
  return { global, sections, renderedAt: Date.now() };
}

/**
 * A digest of the header and footer data, which every page's cache key must cover; computed
 * once per route, not once per page. The render time is left out on purpose: a reused page
 * keeps the date line of its last render.
 */
export async function siteFrameKey(): Promise<string> {
  const { global, sections } = await getSiteFrame();
  return cacheKey({ global, sections });
}

/** Header and footer data, as BaseLayout receives it. */
export type SiteFrame = Awaited<ReturnType<typeof getSiteFrame>>;
