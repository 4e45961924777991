import type { Core } from '@strapi/strapi';
import { UPLOAD_TYPES } from '../upload-types';

/**
 * Response headers that keep any file under /uploads/ inert on the CMS origin, where the
 * admin's session lives. The upload allow-list (config/plugins.ts) refuses scriptable types;
 * this covers files stored before it, or put there by other means: a sandboxing CSP on every
 * upload, no type sniffing, and anything that is not a picture or clip is downloaded, never
 * shown.
 */
export default (): Core.MiddlewareHandler => async (ctx, next) => {
  await next();
  if (!ctx.path.startsWith('/uploads/')) return;
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Content-Security-Policy', "default-src 'none'; img-src 'self'; media-src 'self'; sandbox");
  ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  const type = ctx.response.get('Content-Type').split(';')[0]?.trim().toLowerCase() ?? '';
  if (ctx.status === 200 && !UPLOAD_TYPES.includes(type)) {
    ctx.set('Content-Disposition', 'attachment');
  }
};
