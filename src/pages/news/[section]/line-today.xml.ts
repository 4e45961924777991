import type { APIRoute, GetStaticPaths } from 'astro';
import { lineTodayFeed } from '../../../lib/line-today';
import { getSections, getStories } from '../../../lib/server/content';

export const getStaticPaths = (async () => {
  const [sections, stories] = await Promise.all([getSections(), getStories()]);
  return sections.map((section) => ({
    params: { section: section.slug },
    props: { stories: stories.filter((s) => s.section.documentId === section.documentId) },
  }));
}) satisfies GetStaticPaths;

/** One section's LINE Today feed. */
export const GET: APIRoute = ({ props, site }) => {
  const { stories } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  return new Response(lineTodayFeed(stories, site!), { headers: { 'content-type': 'application/xml; charset=utf-8' } });
};
