/**
 * The feed LINE Today ingests from partner publishers: an `<articles>` XML document of recent
 * stories, each with its ID, title, category, times as Unix time in milliseconds, thumbnail,
 * full text (HTML) and source URL. A newsroom with a LINE Today partnership gives LINE the
 * site's or a section's feed URL (docs/operations.md, "LINE Today").
 */
import { createHash } from 'node:crypto';
import { renderMarkdown } from './markdown';
import { lastModified } from './notes';
import { absoluteUploadSrc } from './picture';
import type { Story } from './server/content';
import { publishedTime } from './story';
import { sectionPath, storyPath } from './urls';
import { escapeXml, xmlSafe } from './xml';

/** Stories per feed, as for the RSS feeds. */
export const LINE_TODAY_SIZE = 50;
/** How long LINE may show a story after it ran. */
const SHOWN_FOR_MS = 30 * 86_400_000;

/** The site's LINE Today feed. */
export const LINE_TODAY_PATH = '/line-today.xml';

/** A section's LINE Today feed. */
export function sectionLineTodayPath(slug: string): string {
  return `${sectionPath(slug)}/line-today.xml`;
}

/** HTML inside CDATA: a `]]>` in the text would end the section early, so it is split. */
function cdata(html: string): string {
  return `<![CDATA[${xmlSafe(html).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function element(name: string, value: string | number): string {
  return `<${name}>${typeof value === 'number' ? value : escapeXml(value)}</${name}>`;
}

/** One story as a LINE Today `<article>`, last modified at `modified` (Unix ms). */
function article(story: Story, modified: number, site: URL): string {
  const published = publishedTime(story);
  const thumbnail = story.cover ? absoluteUploadSrc(story.cover.image.url, site) : null;
  return [
    '<article>',
    element('ID', story.storyNumber),
    element('nativeCountry', 'TH'),
    element('language', 'th'),
    '<publishCountries><country>TH</country></publishCountries>',
    element('startYmdtUnix', published),
    element('endYmdtUnix', published + SHOWN_FOR_MS),
    element('title', story.title),
    element('category', story.section.name),
    element('publishTimeUnix', published),
    element('updateTimeUnix', modified),
    element('contentType', 0),
    thumbnail ? element('thumbnail', thumbnail) : '',
    '<contents>',
    thumbnail
      ? `<image>${element('url', thumbnail)}${element('thumbnail', thumbnail)}${element('title', story.cover?.caption ?? story.title)}</image>`
      : '',
    `<text><content>${cdata(renderMarkdown(story.body, { embeds: 'link' }))}</content></text>`,
    '</contents>',
    story.authors.length ? element('author', story.authors.map((a) => a.name).join(', ')) : '',
    element('sourceUrl', new URL(storyPath(story), site).href),
    '</article>',
  ].join('');
}

/**
 * The LINE Today feed of `stories` (newest first). Its UUID and time follow its content, so the
 * full build and a rebuild of the same stories write the same bytes.
 */
export function lineTodayFeed(stories: Story[], site: URL): string {
  const shown = stories
    .slice(0, LINE_TODAY_SIZE)
    .map((story) => ({ story, modified: Date.parse(lastModified(story)) }));
  const body = shown.map(({ story, modified }) => article(story, modified, site)).join('\n');
  const uuid = createHash('sha256').update(body).digest('hex').slice(0, 32);
  const time = Math.max(0, ...shown.map(({ modified }) => modified));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<articles>${element('UUID', uuid)}${element('time', time)}\n${body}\n</articles>\n`;
}
