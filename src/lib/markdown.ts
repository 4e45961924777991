import MarkdownIt from 'markdown-it';

// Raw HTML is off: editors write Markdown, and nothing they (or a compromised CMS
// account) type can become a <script>, an event handler or an iframe on the site.
// markdown-it's default link validation already refuses javascript:, vbscript: and data: URLs.
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

/** Renders a story body (Markdown) to HTML that is safe to insert with `set:html`. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
