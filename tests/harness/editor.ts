import { expect, type APIRequestContext } from '@playwright/test';
import { adminHeaders, newsroomState } from './suite-newsroom';

/** A story as the admin API returns it after a save. */
export interface SavedStory {
  documentId: string;
  storyNumber: number;
}

const articles = () => `${newsroomState().cmsUrl}/content-manager/collection-types/api::article.article`;

/** The documentId of the section with `slug`, read with the site's token. */
export async function sectionId(request: APIRequestContext, slug: string): Promise<string> {
  const { cmsUrl, token } = newsroomState();
  const response = await request.get(`${cmsUrl}/api/categories?filters[slug][$eq]=${slug}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const { data } = (await response.json()) as { data: { documentId: string }[] };
  if (!data[0]) throw new Error(`no section "${slug}" in the CMS`);
  return data[0].documentId;
}

/**
 * What an editor does in the admin, through the admin API: save a draft (in `sectionSlug`
 * when given), and expect Strapi to accept it.
 */
export async function saveDraft(
  request: APIRequestContext,
  fields: { title: string; body: string; sectionSlug?: string; storyNumber?: number },
): Promise<SavedStory> {
  const { sectionSlug, ...data } = fields;
  const section = sectionSlug ? { section: { connect: [await sectionId(request, sectionSlug)] } } : {};
  const response = await request.post(articles(), { headers: adminHeaders(), data: { ...data, ...section } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { data: SavedStory }).data;
}

/** Edits a draft's fields; returns the saved draft. */
export async function editDraft(request: APIRequestContext, documentId: string, data: object): Promise<SavedStory> {
  const response = await request.put(`${articles()}/${documentId}`, { headers: adminHeaders(), data });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: SavedStory }).data;
}

/** Publishes (or unpublishes) a story; returns the HTTP status Strapi answered. */
export async function setPublished(request: APIRequestContext, documentId: string, published = true): Promise<number> {
  const action = published ? 'publish' : 'unpublish';
  const response = await request.post(`${articles()}/${documentId}/actions/${action}`, {
    headers: adminHeaders(),
    data: {},
  });
  return response.status();
}

/**
 * Logs in to the Strapi admin as a newsroom account (the writer, the editor); returns its
 * request headers. Strapi rate-limits admin logins (5 a minute): log in once per spec.
 */
export async function loginAs(
  request: APIRequestContext,
  who: { email: string; password: string },
): Promise<{ Authorization: string }> {
  const response = await request.post(`${newsroomState().cmsUrl}/admin/login`, { data: who });
  expect(response.status(), `login of ${who.email}`).toBe(200);
  const { data } = (await response.json()) as { data: { token: string } };
  return { Authorization: `Bearer ${data.token}` };
}

/** Deletes a story with all its versions; returns the HTTP status. */
export async function deleteStory(request: APIRequestContext, documentId: string): Promise<number> {
  return (await request.delete(`${articles()}/${documentId}`, { headers: adminHeaders() })).status();
}
