import type { SiteFrame } from '../site-frame';
import { sortSections } from '../../story';
import type { CmsClient } from './client';
import { NO_GLOBAL } from './errors';
import { categorySchema, globalSchema } from './generated/schemas';
import { populate } from './populate';
import { validateEntries } from './validate';

/**
 * The header and footer data read from the CMS at request time, for the one page rendered on
 * demand (the draft preview); prerendered pages read the same data from the content layer
 * (lib/server/site-frame.ts). Importing astro:content here would bundle the whole content store (8 MB
 * at 10,000 stories) into the server build that every deploy bundles and copies.
 */
export async function liveSiteFrame(client: CmsClient): Promise<SiteFrame> {
  const [rawGlobal, rawSections] = await Promise.all([
    client.findSingle('global', populate.global),
    client.findAll('categories', { populate: populate.category, sort: ['id:asc'] }),
  ]);
  const [global] = rawGlobal ? validateEntries('global', globalSchema, [rawGlobal]) : [];
  if (!global) throw new Error(NO_GLOBAL);
  const sections = sortSections(validateEntries('categories', categorySchema, rawSections));
  return { global, sections, renderedAt: Date.now() };
}
