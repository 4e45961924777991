import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { paths } from './paths.ts';

/** A content type as the REST API serves it. */
export interface RestType {
  /** `articles` for a collection type, `global` for a single type. */
  path: string;
  collection: boolean;
}

/** The content types of the Strapi app, from its schema.json files (the site reads every one). */
export function restTypes(apiDir = path.join(paths.cms, 'src/api')): RestType[] {
  const types: RestType[] = [];
  for (const name of readdirSync(apiDir).sort()) {
    const file = path.join(apiDir, name, 'content-types', name, 'schema.json');
    if (!existsSync(file)) continue;
    const schema = JSON.parse(readFileSync(file, 'utf8')) as {
      kind: 'collectionType' | 'singleType';
      info: { singularName: string; pluralName: string };
    };
    const collection = schema.kind === 'collectionType';
    types.push({ path: collection ? schema.info.pluralName : schema.info.singularName, collection });
  }
  return types;
}

/**
 * A fingerprint of everything published: for each content type, how many entries are
 * published and the newest updatedAt among them (one request each, of one entry). Publishing,
 * republishing, unpublishing and deleting a story, and any edit of a section, tag, author,
 * video or the Global settings, change it; saving a story's draft does not. The publish
 * pipeline skips a webhook build when it has not changed since the last build.
 */
export async function publishedPrint(
  cmsUrl: string,
  token: string,
  types: RestType[],
  timeoutMs = 10_000,
): Promise<string> {
  const parts = await Promise.all(
    types.map(async (type) => {
      const query = type.collection
        ? 'status=published&fields[0]=updatedAt&sort[0]=updatedAt:desc&pagination[pageSize]=1'
        : 'status=published&fields[0]=updatedAt';
      const url = `${cmsUrl.replace(/\/$/, '')}/api/${type.path}?${query}`;
      // A CMS that hangs must not hold the publisher: the caller then builds, and the build reports.
      const response = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(timeoutMs),
      });
      // A single type without a published entry answers 404: that is a state, not an error.
      if (response.status === 404 && !type.collection) return `${type.path}:none`;
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      const body = (await response.json()) as {
        data: { updatedAt?: string }[] | { updatedAt?: string } | null;
        meta?: { pagination?: { total?: number } };
      };
      const newest = Array.isArray(body.data) ? body.data[0]?.updatedAt : body.data?.updatedAt;
      return `${type.path}:${body.meta?.pagination?.total ?? 1}:${newest ?? 'none'}`;
    }),
  );
  return parts.join(';');
}

/**
 * Whether the change between two prints can go out as a fast publish: only published
 * stories changed (published, updated, unpublished or deleted). Anything else (a section, a
 * tag, the Global settings) changes pages the fast-publish render does not draw, and waits for
 * the full build. The fast-publish render itself then checks every story against the live
 * release's catalog, and steps aside for a removal it cannot name.
 */
export function onlyStoriesChanged(before: string, after: string): boolean {
  const parts = (print: string) => new Map(print.split(';').map((part) => [part.split(':', 1)[0]!, part]));
  const [old, next] = [parts(before), parts(after)];
  if (old.size !== next.size) return false;
  for (const [type, part] of next) {
    if (type !== 'articles' && old.get(type) !== part) return false;
  }
  return old.has('articles') && old.get('articles') !== next.get('articles');
}
