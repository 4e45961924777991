import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { CATALOG_PART_STORIES, catalogPartPaths } from '../../../../shared/fast-publish-contract';
import { catalogStory } from '../../../lib/server/fast-publish-plan';
import { getStories } from '../../../lib/server/content';

/**
 * One part of the catalog (../catalog.json.ts): CATALOG_PART_STORIES of the stories, newest
 * first, as the fast publish needs them. No cache key: like the catalog's head it is moved out of
 * the build's output when the build is done, so every build writes it again.
 */
export const getStaticPaths = (async () => {
  const stories = await getStories();
  return catalogPartPaths(stories.length).map((_, part) => ({
    params: { part: String(part) },
    props: { stories: stories.slice(part * CATALOG_PART_STORIES, (part + 1) * CATALOG_PART_STORIES) },
  }));
}) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(JSON.stringify(props.stories.map(catalogStory)), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
