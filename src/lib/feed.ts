import rss from '@astrojs/rss';
import { t } from '../i18n/t';
import { publishedTime, type StoryTeaser } from './story';
import { storyPath } from './urls';
import { xmlSafe } from './xml';

/** Stories per feed: readers' apps poll often, so a day or two of news is plenty. */
export const FEED_SIZE = 50;

/** Options of one RSS feed. */
export interface FeedOptions {
  title: string;
  description: string;
  site: URL;
  stories: StoryTeaser[];
}

/** An RSS 2.0 feed of the newest stories, in Thai (`<language>th</language>`). */
export function storyFeed({ title, description, site, stories }: FeedOptions): Promise<Response> {
  // @astrojs/rss escapes markup but keeps characters XML forbids: a control character pasted
  // into one headline would make the whole feed unreadable to every reader's app.
  return rss({
    title: xmlSafe(title),
    description: xmlSafe(description),
    site,
    customData: '<language>th</language>',
    // Story URLs have no trailing slash anywhere on the site.
    trailingSlash: false,
    items: stories.slice(0, FEED_SIZE).map((story) => ({
      title: xmlSafe(story.title),
      link: storyPath(story),
      pubDate: new Date(publishedTime(story)),
      description: story.excerpt ? xmlSafe(story.excerpt) : undefined,
      categories: [xmlSafe(story.section.name)],
    })),
  });
}

/** What the feeds say of the site (the Global settings). */
interface FeedSite {
  siteName: string;
  tagline: string | null;
}

/** The site's feed: the newest stories of every section (`stories` newest first). */
export function siteFeed(global: FeedSite, site: URL, stories: StoryTeaser[]): Promise<Response> {
  return storyFeed({ title: global.siteName, description: global.tagline ?? t('home.latest'), site, stories });
}

/** A section's feed, of its `stories` (newest first). */
export function sectionFeed(
  section: { name: string; description: string | null },
  global: FeedSite,
  site: URL,
  stories: StoryTeaser[],
): Promise<Response> {
  return storyFeed({
    title: `${section.name} | ${global.siteName}`,
    description: section.description ?? t('section.latest', { section: section.name }),
    site,
    stories,
  });
}
