import { cacheKey } from './server/cache-key';
import { contentDigest } from './server/content-digest';
import type { Story } from './server/content';
import { buildSearchIndex, SEARCH_SHARD_SIZE, type SearchIndex } from './search';
import { byStoryNumberRange, publishedTime } from './story';
import { formatStoryDateTime } from './thai-date';
import { markdownToText } from './thai-text';
import { storyPath } from './urls';

/** One shard of the search index at build time: its stories and the key of what it shows. */
export interface SearchShard {
  id: number;
  /** Newest first. */
  stories: Story[];
  /** Changes whenever any of its stories changes: its URL version and cache key. */
  key: string;
}

/**
 * The published stories (newest first) grouped into index shards by story number, in shard
 * order. Both the shard pages and the manifest that lists them call it, so the version in a
 * shard's URL is always the key its page was built with.
 */
export function searchShards(stories: Story[]): SearchShard[] {
  // A story's digest covers everything the index takes from it (an edit elsewhere in the
  // story re-indexes its shard too, which is rare and cheap).
  return byStoryNumberRange(stories, SEARCH_SHARD_SIZE).map(({ id, stories: members }) => ({
    id,
    stories: members,
    key: cacheKey(members.map(contentDigest)),
  }));
}

/** A shard's index: each story's result line and its full searchable text, cut into words. */
export function searchShardIndex(shard: SearchShard): SearchIndex {
  return buildSearchIndex(
    shard.stories.map((story) => {
      const time = publishedTime(story);
      return {
        doc: {
          p: storyPath(story),
          t: story.title,
          s: story.section.name,
          d: formatStoryDateTime(time),
          e: story.excerpt,
          n: time,
        },
        text: [
          story.excerpt ?? '',
          markdownToText(story.body),
          ...story.tags.map((tag) => tag.name),
          ...story.authors.map((a) => a.name),
        ].join('\n'),
      };
    }),
  );
}

/** Where a shard is published; `v` changes with its content, so no browser keeps a stale copy. */
export function searchShardUrl(shard: SearchShard): string {
  return `/search-index/${shard.id}.json?v=${shard.key.slice(0, 16)}`;
}
