import { createHmac } from 'node:crypto';

/** How long a preview link stays valid: long enough to review and edit a story. */
const PREVIEW_LINK_SECONDS = 30 * 60;

/**
 * The site's preview URL for an article: the draft, behind a signed, expiring token that the
 * site checks (src/lib/server/preview-token.ts); or the live page for the published version.
 */
async function previewUrl(siteUrl: string, secret: string, documentId: string, status: string) {
  if (status === 'published') {
    const story = await strapi.documents('api::article.article').findOne({
      documentId,
      status: 'published',
      fields: ['storyNumber'],
      populate: { section: { fields: ['slug'] } },
    });
    const section = (story?.section as { slug?: string } | null | undefined)?.slug;
    return story && section ? `${siteUrl}/news/${section}/${story.storyNumber}` : null;
  }
  const expires = Math.floor(Date.now() / 1000) + PREVIEW_LINK_SECONDS;
  const signature = createHmac('sha256', secret).update(`${documentId}.${expires}`).digest('base64url');
  return `${siteUrl}/preview/${encodeURIComponent(documentId)}?token=${expires}.${signature}`;
}

/** Admin panel: every secret comes from the environment (see ../.env.example). */
export default ({ env }) => {
  const siteUrl = env('SITE_URL', '').replace(/\/$/, '');
  const previewSecret = env('PREVIEW_SECRET', '');
  return {
    auth: { secret: env('ADMIN_JWT_SECRET') },
    apiToken: { salt: env('API_TOKEN_SALT') },
    transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
    secrets: { encryptionKey: env('ENCRYPTION_KEY') },
    flags: { nps: false, promoteEE: false },
    // The site never needs telemetry-style checks; keep the closed network quiet.
    autoOpen: false,
    watchIgnoreFiles: ['**/data/**'],
    // Strapi's Preview: the edit view shows the story as the site renders it. Only stories
    // have pages, so other content types get no preview.
    preview: {
      enabled: Boolean(siteUrl && previewSecret),
      config: {
        allowedOrigins: siteUrl ? [new URL(siteUrl).origin] : [],
        async handler(uid: string, { documentId, status }: { documentId?: string; status?: string }) {
          if (uid !== 'api::article.article' || !documentId) return null;
          return previewUrl(siteUrl, previewSecret, documentId, status ?? 'draft');
        },
      },
    },
  };
};
