import type { Core } from '@strapi/strapi';

/** The origin of a configured URL, or nothing when it is unset. */
function originOf(url: string): string[] {
  return url ? [new URL(url).origin] : [];
}

/**
 * Strapi's default middleware stack, with CORS limited to the newsroom's own origins: the
 * admin (served by Strapi itself, so same-origin) and the site, whose preview the admin
 * frames. Strapi's default answers any origin, with credentials.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: { origin: [...originOf(env('CMS_PUBLIC_URL', '')), ...originOf(env('SITE_URL', ''))] },
  },
  'strapi::poweredBy',
  'strapi::query',
  'strapi::body',
  'strapi::session',
  'strapi::favicon',
  'global::upload-headers',
  'strapi::public',
];
