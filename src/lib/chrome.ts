import { getGlobal, getSections } from './newsroom';

/** What every page's header and footer show, prepared once per page by the page itself. */
export async function getChrome() {
  const [global, sections] = await Promise.all([getGlobal(), getSections()]);
  return { global, sections, renderedAt: Date.now() };
}

/** Header and footer data, as BaseLayout receives it. */
export type Chrome = Awaited<ReturnType<typeof getChrome>>;
