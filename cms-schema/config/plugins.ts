import type { Core } from '@strapi/strapi';
import { UPLOAD_TYPES } from '../src/upload-types';
import { uploadStorage } from '../src/upload-storage';

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
      // The CMS's disk, or an S3-compatible bucket (UPLOADS_S3_BUCKET): src/upload-storage.ts.
      // On disk, every upload's file name carries its own hash, so a URL never changes content:
      // caches keep them for a year instead of Strapi's 60 s.
      ...uploadStorage(process.env),
    },
  },
});
