import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Preview links carry `token=<expires>.<signature>`: the expiry (epoch seconds) and an
 * HMAC-SHA256 of `<documentId>.<expires>` with PREVIEW_SECRET, which only Strapi's preview
 * handler (cms-schema/config/admin.ts) and the site know. A link opens one draft, for a
 * limited time, and cannot be altered to open another.
 */
export type PreviewCheck = 'valid' | 'expired' | 'invalid';

function signature(documentId: string, expires: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${documentId}.${expires}`).digest();
}

/** Checks a preview token for `documentId` at the moment `now` (epoch milliseconds). */
export function checkPreviewToken(
  documentId: string,
  token: string | null,
  secret: string,
  now = Date.now(),
): PreviewCheck {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!match || !secret) return 'invalid';
  const expires = Number(match[1]);
  // The text is compared, not the decoded bytes: the last of 43 base64url characters carries
  // two unused bits, so four spellings decode to the same signature, and an altered link must
  // never pass.
  const given = Buffer.from(match[2]!, 'ascii');
  const expected = Buffer.from(signature(documentId, expires, secret).toString('base64url'), 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
  return expires * 1000 < now ? 'expired' : 'valid';
}

/** Makes a token; the site only checks tokens, this is for tests and tools. */
export function makePreviewToken(documentId: string, secret: string, expires: number): string {
  return `${expires}.${signature(documentId, expires, secret).toString('base64url')}`;
}
