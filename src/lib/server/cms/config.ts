import type { CmsClientOptions } from './client';

/** The raw configuration values, as astro:env hands them over. */
export interface CmsEnv {
  CMS_URL: string | undefined;
  CMS_READ_TOKEN: string | undefined;
  CMS_TIMEOUT_MS: number;
  CMS_RETRIES: number;
}

/**
 * Checks the CMS configuration and names the first missing or malformed variable. astro:env
 * declares them, but a static build's content sync can run before Astro validates them, and
 * an undefined URL would otherwise surface as a confusing TypeError deep in the client.
 */
export function cmsClientOptions(env: CmsEnv): CmsClientOptions {
  const missing = (name: string) =>
    new Error(
      `the environment variable ${name} is not set: the site build needs it to read the CMS (see .env.example)`,
    );
  if (!env.CMS_URL) throw missing('CMS_URL');
  if (!URL.canParse(env.CMS_URL)) throw new Error(`CMS_URL is not a URL: "${env.CMS_URL}"`);
  if (!env.CMS_READ_TOKEN) throw missing('CMS_READ_TOKEN');
  return { url: env.CMS_URL, token: env.CMS_READ_TOKEN, timeoutMs: env.CMS_TIMEOUT_MS, retries: env.CMS_RETRIES };
}
