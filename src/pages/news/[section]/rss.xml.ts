import type { APIRoute, GetStaticPaths } from 'astro';
import { sectionFeed } from '../../../lib/feed';
import { getGlobal, getSections, getStories } from '../../../lib/server/content';

export const getStaticPaths = (async () => {
  const [sections, stories] = await Promise.all([getSections(), getStories()]);
  return sections.map((section) => ({
    params: { section: section.slug },
    props: { section, stories: stories.filter((s) => s.section.documentId === section.documentId) },
  }));
}) satisfies GetStaticPaths;

/** One section's feed. */
export const GET: APIRoute = async ({ props, site }) => {
  const { section, stories } = props as Awaited<ReturnType<typeof getStaticPaths>>[number]['props'];
  return sectionFeed(section, await getGlobal(), site!, stories);
};
