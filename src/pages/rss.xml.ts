import type { APIRoute } from 'astro';
import { t } from '../i18n/t';
import { storyFeed } from '../lib/feed';
import { getGlobal, getStories } from '../lib/server/content';

/** The site's feed: the newest stories of every section. */
export const GET: APIRoute = async ({ site }) => {
  const [global, stories] = await Promise.all([getGlobal(), getStories()]);
  return storyFeed({
    title: global.siteName,
    description: global.tagline ?? t('home.latest'),
    site: site!,
    stories,
  });
};
