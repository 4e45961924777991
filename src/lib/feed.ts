import rss from '@astrojs/rss';
import { publishedTime, type StoryTeaser } from './story';
import { storyPath } from './urls';

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
  return rss({
    title,
    description,
    site,
    customData: '<language>th</language>',
    // Story URLs have no trailing slash anywhere on the site.
    trailingSlash: false,
    items: stories.slice(0, FEED_SIZE).map((story) => ({
      title: story.title,
      link: storyPath(story),
      pubDate: new Date(publishedTime(story)),
      description: story.excerpt ?? undefined,
      categories: [story.section.name],
    })),
  });
}
