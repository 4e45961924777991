/** Where each share button sends the reader; every one carries the story's canonical URL. */
export type ShareTarget = 'line' | 'facebook' | 'x';

/** Share links of the networks Thai readers use, in the order the page shows them. */
export function shareLinks(canonical: URL | string, title: string): Record<ShareTarget, string> {
  const url = encodeURIComponent(String(canonical));
  const text = encodeURIComponent(title);
  return {
    line: `https://social-plugins.line.me/lineit/share?url=${url}`,
    facebook: `https://www.facebook.com/sharer/sharer.php?u=${url}`,
    x: `https://x.com/intent/post?url=${url}&text=${text}`,
  };
}
