import type { Core } from '@strapi/strapi';
import { afterEach, describe, expect, it, vi } from 'vitest';
import middlewares from '../../cms-schema/config/middlewares';
import plugins from '../../cms-schema/config/plugins';
import server from '../../cms-schema/config/server';
import { generateSecrets, loginLines } from '../../server/src/cms-process';

/** Strapi's `env` helper over a fixed set of variables, as the config files receive it. */
function fakeEnv(vars: Record<string, string>) {
  const env = (name: string, fallback?: unknown) => vars[name] ?? fallback;
  return Object.assign(env, {
    int: (name: string, fallback?: number) => (vars[name] === undefined ? fallback : Number(vars[name])),
    bool: (name: string, fallback?: boolean) => (vars[name] === undefined ? fallback : vars[name] === 'true'),
    array: (name: string) => (vars[name] ?? '').split(','),
  }) as unknown as Core.Config.Shared.ConfigParams['env'];
}

describe('the CMS configuration', () => {
  it.each([
    [{}, false],
    [{ CMS_BEHIND_PROXY: 'false' }, false],
    [{ CMS_BEHIND_PROXY: 'true' }, true],
  ])('with %j, Koa trusts X-Forwarded-* headers: %s', (vars, trusted) => {
    expect(server({ env: fakeEnv(vars) }).proxy).toEqual({ koa: trusted });
  });

  it.each([
    [{}, []],
    [{ SITE_URL: 'https://news.example/' }, ['https://news.example']],
    [
      { CMS_PUBLIC_URL: 'https://cms.news.example/base', SITE_URL: 'https://news.example' },
      ['https://cms.news.example', 'https://news.example'],
    ],
  ])('with %j, CORS answers the origins %j only', (vars, origins) => {
    const cors = middlewares({ env: fakeEnv(vars) }).find(
      (m): m is { name: string; config: { origin: string[] } } => typeof m === 'object' && m.name === 'strapi::cors',
    );
    expect(cors?.config.origin).toEqual(origins);
  });

  describe("the admin's Content-Security-Policy", () => {
    afterEach(() => vi.unstubAllEnvs());
    /** The admin's picture and clip sources. */
    const sources = () => {
      const security = middlewares({ env: fakeEnv({}) }).find(
        (m) => typeof m === 'object' && m.name === 'strapi::security',
      );
      if (typeof security !== 'object' || !('contentSecurityPolicy' in security.config))
        throw new Error('no strapi::security entry with a policy');
      const { directives } = security.config.contentSecurityPolicy;
      return { img: directives['img-src'], media: directives['media-src'] };
    };

    it("shows pictures from the CMS's own origin only when uploads are on its disk", () => {
      vi.stubEnv('UPLOADS_S3_BUCKET', '');
      expect(sources()).toEqual({
        img: ["'self'", 'data:', 'blob:', 'market-assets.strapi.io'],
        media: ["'self'", 'data:', 'blob:'],
      });
    });

    it("adds the bucket's origin, whole, when uploads are in a bucket", () => {
      vi.stubEnv('UPLOADS_S3_BUCKET', 'newsroom');
      vi.stubEnv('UPLOADS_PUBLIC_URL', 'https://media.example.co.th/newsroom');
      expect(sources()).toEqual({
        img: ["'self'", 'data:', 'blob:', 'market-assets.strapi.io', 'https://media.example.co.th'],
        media: ["'self'", 'data:', 'blob:', 'https://media.example.co.th'],
      });
    });
  });

  it('puts the upload headers before Strapi serves /uploads/', () => {
    const stack = middlewares({ env: fakeEnv({}) }).map((m) => (typeof m === 'string' ? m : m.name));
    expect(stack.indexOf('global::upload-headers')).toBeLessThan(stack.indexOf('strapi::public'));
    expect(stack.indexOf('global::upload-headers')).toBeGreaterThan(-1);
  });

  it('lets uploads be pictures and clips only', () => {
    const types = plugins({ env: fakeEnv({}) }).upload.config.security.allowedTypes;
    for (const refused of ['image/svg+xml', 'text/html', 'text/javascript', 'application/pdf']) {
      expect(types, refused).not.toContain(refused);
    }
    expect(types).toEqual(expect.arrayContaining(['image/jpeg', 'image/png', 'image/webp', 'video/mp4']));
  });
});

describe('loginLines', () => {
  const secrets = generateSecrets();
  const passwords = [secrets.CMS_ADMIN_PASSWORD, secrets.CMS_EDITOR_PASSWORD, secrets.CMS_WRITER_PASSWORD];

  it('shows the passwords on the start that created them', () => {
    const text = loginLines(secrets, true).join('\n');
    for (const password of passwords) expect(text).toContain(password);
    expect(text).toContain(secrets.CMS_WRITER_EMAIL);
  });

  it('never shows them on a later start, only the accounts', () => {
    const text = loginLines(secrets, false).join('\n');
    for (const password of passwords) expect(text).not.toContain(password);
    for (const email of [secrets.CMS_ADMIN_EMAIL, secrets.CMS_EDITOR_EMAIL, secrets.CMS_WRITER_EMAIL]) {
      expect(text).toContain(email);
    }
  });
});
