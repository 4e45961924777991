const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };

/** Text made safe for an XML element or attribute (sitemaps, news sitemap). */
export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ENTITIES[c] ?? c);
}
