import type { Core } from '@strapi/strapi';
import { UPLOAD_TYPES } from '../src/upload-types';

/** Plugins: users-permissions keeps its JWT secret in the environment. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
  upload: {
    config: {
      // Anything but pictures and clips is refused at upload: served from the CMS's own origin
      // it could run script with an admin's session. Strapi checks the file's content, not
      // only its name or declared type.
      security: { allowedTypes: UPLOAD_TYPES },
      providerOptions: {
        // Every upload's file name carries its own hash, so a URL never changes content: let
        // caches (readers' browsers, the site build's image cache) keep them for a year
        // instead of Strapi's 60 s, which made every build re-encode every picture.
        localServer: { maxage: 365 * 24 * 3600 * 1000, immutable: true },
      },
    },
  },
});
