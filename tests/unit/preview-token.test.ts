import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkPreviewToken, makePreviewToken } from '../../src/lib/server/preview-token';

const SECRET = 's'.repeat(64);
const now = Date.parse('2026-11-25T12:00:00Z');
const inAnHour = now / 1000 + 3600;
const good = makePreviewToken('doc123', SECRET, inAnHour);
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** `good` with its last character's unused low bit flipped: another spelling of the same bytes. */
const respelled = `${good.slice(0, -1)}${BASE64URL.charAt(BASE64URL.indexOf(good.at(-1)!) ^ 1)}`;

describe('checkPreviewToken', () => {
  it.each([
    ['a fresh token', 'doc123', good, SECRET, 'valid'],
    ['another document', 'doc999', good, SECRET, 'invalid'],
    ['another secret', 'doc123', good, 'x'.repeat(64), 'invalid'],
    ['an empty secret', 'doc123', good, '', 'invalid'],
    ['no token', 'doc123', null, SECRET, 'invalid'],
    ['garbage', 'doc123', 'not-a-token', SECRET, 'invalid'],
    ['a moved expiry', 'doc123', good.replace(/^\d+/, String(inAnHour + 86_400)), SECRET, 'invalid'],
    ['a cut signature', 'doc123', good.slice(0, -1), SECRET, 'invalid'],
    ['the signature spelled another way', 'doc123', respelled, SECRET, 'invalid'],
    ['an expired token', 'doc123', makePreviewToken('doc123', SECRET, now / 1000 - 1), SECRET, 'expired'],
  ])('%s → %s', (_, documentId, token, secret, expected) => {
    expect(checkPreviewToken(documentId, token, secret, now)).toBe(expected);
  });

  it('accepts what Strapi’s preview handler signs (HMAC-SHA256 of "<documentId>.<expires>")', () => {
    const signed = createHmac('sha256', SECRET).update(`doc123.${inAnHour}`).digest('base64url');
    expect(checkPreviewToken('doc123', `${inAnHour}.${signed}`, SECRET, now)).toBe('valid');
  });
});
