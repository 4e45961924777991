import type { APIRoute, GetStaticPaths } from 'astro';
import { isLiveCoverage, liveJson } from '../../lib/live';
import { getStories } from '../../lib/server/content';

export const getStaticPaths = (async () =>
  (await getStories()).flatMap((story) =>
    isLiveCoverage(story) ? [{ params: { storyNumber: String(story.storyNumber) }, props: { story } }] : [],
  )) satisfies GetStaticPaths;

/** What a live coverage's readers poll (src/lib/live.ts); the fast publish rewrites it with the story. */
export const GET: APIRoute = ({ props }) => {
  const { story } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  return Response.json(liveJson(story));
};
