import { describe, expect, it } from 'vitest';
import { validateEntries } from '../../src/lib/server/cms/validate';
import { globalSchema, videoSchema } from '../../src/lib/server/cms/generated/schemas';
import { CmsValidationError } from '../../src/lib/server/cms/errors';

/**
 * The link fields' rules come from the Strapi schema (`regex`), so the CMS refuses a bad link
 * when it is saved and the site refuses one forced into the data (a build that fails names the
 * entry and field, and the live site stays as it was): no such link is ever rendered.
 */
const global = (links: { footer?: string; app?: string; social?: string }) => ({
  id: 1,
  documentId: 'global',
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  publishedAt: '2026-11-20T00:00:00.000Z',
  siteName: 'ข่าวสยาม',
  tagline: null,
  footerGroups: [{ id: 1, title: 'เกี่ยวกับเรา', links: [{ id: 1, label: 'ลิงก์', url: links.footer ?? '/about' }] }],
  appLinks: [{ id: 1, platform: 'ios', url: links.app ?? 'https://apps.example/ios' }],
  socialAccounts: [{ id: 1, platform: 'line', url: links.social ?? 'https://line.example/oa' }],
});

const video = (embedUrl: string) => ({
  id: 1,
  documentId: 'v1',
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
  publishedAt: null,
  title: 'คลิป',
  durationSeconds: 10,
  embedUrl,
  thumbnail: null,
});

const UNSAFE = [
  'javascript:alert(1)',
  '   JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  '//evil.example/x',
  '/\\evil.example/x',
  'https://',
  'https://evil.example/a b',
  ' https://example.com',
];

describe('link fields', () => {
  it.each(UNSAFE)('refuse %j everywhere', (url) => {
    for (const field of ['footer', 'app', 'social'] as const) {
      expect(globalSchema.safeParse(global({ [field]: url })).success, field).toBe(false);
    }
    expect(videoSchema.safeParse(video(url)).success, 'video embed').toBe(false);
  });

  it.each([
    ['a page of the site', '/about', true, false],
    ['a page with a query and fragment', '/search?q=ข่าว#top', true, false],
    ['an https site', 'https://partner.example/a?b=1#c', true, true],
    ['an http site', 'http://partner.example/', true, false],
  ])('accept %s (%j) as a footer link: %s; as an app, social or video link: %s', (_, url, footer, httpsOnly) => {
    expect(globalSchema.safeParse(global({ footer: url })).success).toBe(footer);
    expect(globalSchema.safeParse(global({ app: url })).success).toBe(httpsOnly);
    expect(globalSchema.safeParse(global({ social: url })).success).toBe(httpsOnly);
    expect(videoSchema.safeParse(video(url)).success).toBe(httpsOnly);
  });

  it('a link forced into the data fails the build naming the entry and the field', () => {
    const run = () => validateEntries('global', globalSchema, [global({ footer: 'javascript:alert(1)' })]);
    expect(run).toThrow(CmsValidationError);
    expect(run).toThrow(/global.*footerGroups\.0\.links\.0\.url/s);
  });
});
