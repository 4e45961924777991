import { findStories, resultDocs } from '../../src/lib/search.ts';

/**
 * True when a reader's search for `query` on the live site at `siteUrl` finds the story at
 * `path`, run as the search page runs it: the bucket count the live search page names, then
 * the buckets and result chunks over HTTP.
 */
export async function searchFinds(siteUrl: string, query: string, path: string): Promise<boolean> {
  const fetchFile = async (url: string) => {
    const response = await fetch(`${siteUrl}${url}`);
    return response.status === 404 ? null : ((await response.json()) as unknown);
  };
  const page = await (await fetch(`${siteUrl}/search`)).text();
  const buckets = Number(/data-buckets="(\d+)"/.exec(page)?.[1]);
  const docs = await resultDocs(await findStories(query, fetchFile, buckets), fetchFile);
  return docs.some((doc) => doc.p === path);
}
