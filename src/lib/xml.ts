const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/**
 * Characters XML 1.0 forbids anywhere, even escaped: C0 controls but tab and line breaks
 * (Word's soft line break U+000B arrives in pasted headlines), lone surrogates, U+FFFE/FFFF.
 * One of them makes a feed or sitemap that every XML parser rejects.
 */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters XML cannot carry; a vertical tab or form feed becomes a space. */
export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, (c) => (c === '\u000B' || c === '\u000C' ? ' ' : ''));
}

/** Text made safe for an XML element or attribute (sitemaps, news sitemap). */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[<>&'"]/g, (c) => ENTITIES[c] ?? c);
}
