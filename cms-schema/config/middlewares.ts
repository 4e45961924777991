import type { Core } from '@strapi/strapi';
import { uploadsOrigin } from '../src/upload-storage';

/** The origin of a configured URL, or nothing when it is unset. */
function originOf(url: string): string[] {
  return url ? [new URL(url).origin] : [];
}

/**
 * Strapi's default middleware stack, with CORS limited to the newsroom's own origins: the
 * admin (served by Strapi itself, so same-origin) and the site, whose preview the admin
 * frames. Strapi's default answers any origin, with credentials.
 */
export default ({ env }: Core.Config.Shared.ConfigParams) => {
  // The bucket's origin when uploads are stored in one (src/upload-storage.ts), as a source list.
  const bucket = uploadsOrigin(process.env);
  const uploadSources = bucket ? [bucket] : [];
  return [
    'strapi::logger',
    'strapi::errors',
    {
      name: 'strapi::security',
      // Strapi's default policy; the admin's media library also shows pictures and clips from the
      // bucket when uploads are stored in one (src/upload-storage.ts).
      config: {
        contentSecurityPolicy: {
          useDefaults: true,
          directives: {
            'img-src': ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', ...uploadSources],
            'media-src': ["'self'", 'data:', 'blob:', ...uploadSources],
            upgradeInsecureRequests: null,
          },
        },
      },
    },
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
};
