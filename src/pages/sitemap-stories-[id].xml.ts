import type { APIRoute, GetStaticPaths, InferGetStaticPropsType } from 'astro';
import { cacheKey } from '../lib/server/cache-key';
import { getStories } from '../lib/server/content';
import { storySitemaps, storySitemapXml, xmlResponse } from '../lib/sitemap';

/** The story pages of 5,000 story numbers; re-rendered only when one of them changed. */
export const getStaticPaths = (async () =>
  storySitemaps(await getStories()).map((sitemap) => ({
    params: { id: String(sitemap.id) },
    props: { sitemap },
    // Its URLs are absolute: a new site origin changes them all.
    cacheKey: cacheKey(sitemap.key, import.meta.env.SITE),
  }))) satisfies GetStaticPaths;

type Props = InferGetStaticPropsType<typeof getStaticPaths>;

export const GET: APIRoute<Props> = ({ props, site }) => {
  if (!site) throw new Error('sitemap-stories: set `site` in astro.config.mjs (SITE_URL)');
  return xmlResponse(storySitemapXml(props.sitemap, site));
};
