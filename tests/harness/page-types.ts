import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CORRECTED_TITLE, EMBED_TITLES, GALLERY_TITLE, LIVE_TITLE } from '../../scripts/seed/stories';
import { makePreviewToken } from '../../src/lib/server/preview-token';
import { newsroomState } from './suite-newsroom';

/** One page of a page type, as a reader (or, for the preview, an editor) opens it. */
export interface PageOfType {
  type: string;
  path: string;
  /** The status the site answers it with. */
  status: number;
}

/** The first entry, in name order, of a folder of the first release's static output. */
function first(folder: string, match: (name: string) => boolean = () => true): string {
  const dir = path.join(newsroomState().siteDir, 'client', folder);
  const name = readdirSync(dir).sort().find(match);
  if (!name) throw new Error(`the built site has nothing under ${folder}/ to stand for its page type`);
  return name;
}

/** A section whose list has an archive page, from the built output. */
function pagedSection(): string {
  const newsDir = path.join(newsroomState().siteDir, 'client', 'news');
  const slug = readdirSync(newsDir)
    .sort()
    .find((name) => readdirSync(path.join(newsDir, name)).includes('archive'));
  if (!slug) throw new Error('no section list of the built site has an archive page');
  return slug;
}

/** A story page of the built site: the lowest story number of the first section that has one. */
function storyPage(): string {
  const section = first('news', (name) =>
    readdirSync(path.join(newsroomState().siteDir, 'client', 'news', name)).some((entry) => /^\d+$/.test(entry)),
  );
  const numbers = readdirSync(path.join(newsroomState().siteDir, 'client', 'news', section))
    .filter((entry) => /^\d+$/.test(entry))
    .sort((a, b) => Number(a) - Number(b));
  return `/news/${section}/${numbers[0]}`;
}

/** The path of the sample story with this title, as the CMS numbered it. */
export async function seedStoryPath(title: string): Promise<string> {
  const state = newsroomState();
  const query = `filters[title][$eq]=${encodeURIComponent(title)}&fields[0]=storyNumber&populate[section][fields][0]=slug`;
  const response = await fetch(`${state.cmsUrl}/api/articles?${query}`, {
    headers: { Authorization: `Bearer ${state.token}` },
  });
  const [story] = ((await response.json()) as { data: { storyNumber: number; section: { slug: string } }[] }).data;
  if (!story) throw new Error(`the CMS has no story "${title}"`);
  return `/news/${story.section.slug}/${story.storyNumber}`;
}

/**
 * One page of every page type the site has, found in the built output rather than named by
 * hand, so the list follows the seed: front, section, a section's archive page, story, a story
 * with corrections, the corrections page, a story with embedded posts, a story with a gallery, a live coverage, tag,
 * author, search, saved, 404 and a draft preview (signed the way Strapi signs it).
 */
export async function pagesOfEveryType(): Promise<PageOfType[]> {
  const state = newsroomState();
  const section = pagedSection();
  const response = await fetch(`${state.cmsUrl}/api/articles?fields[0]=title&pagination[pageSize]=1`, {
    headers: { Authorization: `Bearer ${state.token}` },
  });
  const documentId = ((await response.json()) as { data: { documentId: string }[] }).data[0]?.documentId;
  if (!documentId) throw new Error('the CMS lists no story to preview');
  const token = makePreviewToken(documentId, state.previewSecret, Math.floor(Date.now() / 1000) + 600);
  return [
    { type: 'front page', path: '/', status: 200 },
    { type: 'section', path: `/news/${section}`, status: 200 },
    { type: 'section archive page', path: `/news/${section}/archive/1`, status: 200 },
    { type: 'story', path: storyPage(), status: 200 },
    { type: 'story with corrections', path: await seedStoryPath(CORRECTED_TITLE), status: 200 },
    { type: 'corrections', path: '/corrections', status: 200 },
    { type: 'story with embedded posts', path: await seedStoryPath(EMBED_TITLES[1]), status: 200 },
    { type: 'story with a gallery', path: await seedStoryPath(GALLERY_TITLE), status: 200 },
    { type: 'live coverage', path: await seedStoryPath(LIVE_TITLE), status: 200 },
    { type: 'tag', path: `/tag/${first('tag')}`, status: 200 },
    { type: 'author', path: `/author/${first('author')}`, status: 200 },
    { type: 'search', path: '/search', status: 200 },
    { type: 'saved stories', path: '/saved', status: 200 },
    { type: '404', path: '/no-such-page', status: 404 },
    { type: 'draft preview', path: `/preview/${documentId}?token=${token}`, status: 200 },
  ];
}
