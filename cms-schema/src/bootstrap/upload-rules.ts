import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

const NOT_A_PICTURE = 'ไฟล์นี้ไม่ใช่รูปภาพที่เปิดได้ อัปโหลดได้เฉพาะรูปภาพ (JPEG, PNG, WebP, AVIF, GIF) และวิดีโอ (MP4, WebM)';

interface UploadedFile {
  mime?: string | null;
  width?: number | null;
  height?: number | null;
  hash?: string;
  ext?: string;
  url?: string;
}

/**
 * A file that claims to be a picture must be one. The allow-list (config/plugins.ts) checks
 * the type Strapi detects from the file's bytes, but text has no signature: a page of HTML
 * named `photo.png` passes as a PNG. Strapi measures every picture it can decode; one it
 * could not measure is refused, and its stored copy removed.
 */
export function registerUploadRules(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: ['plugin::upload.file'],
    async beforeCreate(event) {
      const file = event.params.data as UploadedFile;
      if (!file.mime?.startsWith('image/') || (file.width && file.height)) return;
      await strapi
        .plugin('upload')
        .provider.delete(file)
        .catch((error: unknown) =>
          strapi.log.warn(`[newsroom] could not remove refused upload ${file.url}: ${String(error)}`),
        );
      throw new errors.ValidationError(NOT_A_PICTURE);
    },
  });
}
