import MarkdownIt, { type StateBlock } from 'markdown-it';
import { EMBED_PLATFORM_NAMES, embedLine, parseEmbedUrl, type Embed } from '../../cms-schema/src/embeds.ts';
import { t } from '../i18n/t';

// Raw HTML is off: editors write Markdown, and nothing they (or a compromised CMS
// account) type can become a <script>, an event handler or an iframe on the site.
// markdown-it's default link validation already refuses javascript:, vbscript: and data: URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const escape = md.utils.escapeHtml;

/**
 * A post's URL alone on a line (optionally followed by a title) becomes an `embed` token; any
 * other URL, or one that is not a post of a supported platform, stays an ordinary paragraph,
 * which linkify turns into a plain link.
 */
function embedBlock(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  // Four spaces of indent is a code block; a line followed by more text is part of a paragraph.
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  if (startLine + 1 < state.lineMax && !state.isEmpty(startLine + 1)) return false;
  const line = embedLine(state.src.slice(state.bMarks[startLine]! + state.tShift[startLine]!, state.eMarks[startLine]));
  const embed = line && parseEmbedUrl(line.url);
  if (!embed) return false;
  if (silent) return true;
  const token = state.push('embed', '', 0);
  token.meta = { embed, title: line.title };
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}
md.block.ruler.before('paragraph', 'embed', embedBlock);

/**
 * A post on the story page is a click-to-load facade: the platform, the title and a button; no
 * request leaves the site until the reader presses it (src/scripts/embeds.ts then puts the frame
 * in its place), and without script the link to the post still works. In a feed it is that link.
 */
md.renderer.rules['embed'] = (tokens, idx, _options, env) => {
  const { embed, title } = tokens[idx]!.meta as { embed: Embed; title: string | null };
  const platform = EMBED_PLATFORM_NAMES[embed.platform];
  if ((env as RenderOptions | undefined)?.embeds === 'link') {
    const text = title ? `${title} (${platform})` : t('embed.openOn', { platform });
    return `<p><a href="${escape(embed.source)}">${escape(text)}</a></p>\n`;
  }
  const label = t(embed.shape === 'post' ? 'embed.view' : 'embed.play');
  const heading = title ?? t(embed.shape === 'post' ? 'embed.postFrom' : 'embed.videoFrom', { platform });
  return (
    `<figure class="embed embed-${embed.shape}" data-embed-frame="${escape(embed.frame)}" data-embed-title="${escape(heading)}">` +
    `<div class="embed-facade"><p class="embed-platform">${escape(platform)}</p>` +
    `<p class="embed-title">${escape(heading)}</p>` +
    `<button type="button" class="embed-load" aria-label="${escape(`${label}: ${heading}`)}" hidden>${escape(label)}</button></div>` +
    `<figcaption><a href="${escape(embed.source)}" rel="noopener noreferrer">${escape(t('embed.openOn', { platform }))}</a></figcaption>` +
    `</figure>\n`
  );
};

/** How a body is rendered: for the story page, or for another site's reader (a partner feed). */
export interface RenderOptions {
  /** `facade` (the page's click-to-load player) or `link` (a plain link to the post: feeds run no script). */
  embeds?: 'facade' | 'link';
}

/** Renders a story body (Markdown) to HTML that is safe to insert with `set:html`. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return md.render(source, { embeds: options.embeds ?? 'facade' });
}
