import type { Secrets } from '../../server/src/cms-process.ts';

/** Fetches JSON, or throws naming the request and the answer. */
export async function json<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) {
    throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** What a benchmark needs to act as an editor in the admin API of a throwaway CMS. */
export interface EditorSession {
  /** Headers of an admin API request as the super admin. */
  headers: Record<string, string>;
  /** The content manager's URL for stories. */
  articles: string;
}

/**
 * Logs in to a CMS's admin API as its super admin (from its secrets), as the admin UI does; on
 * another instance of it (ThrowawayCms.startInstance()) when `url` names one.
 */
export async function editorSession(
  cms: { url: string; secrets: Pick<Secrets, 'CMS_ADMIN_EMAIL' | 'CMS_ADMIN_PASSWORD'> },
  url = cms.url,
): Promise<EditorSession> {
  const { data } = await json<{ data: { token: string } }>(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: cms.secrets.CMS_ADMIN_EMAIL, password: cms.secrets.CMS_ADMIN_PASSWORD }),
  });
  return {
    headers: { Authorization: `Bearer ${data.token}`, 'content-type': 'application/json' },
    articles: `${url}/content-manager/collection-types/api::article.article`,
  };
}
