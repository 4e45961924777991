import type { Core } from '@strapi/strapi';

const TOKEN_NAME = 'site-build';

/**
 * Provisions the site's read-only API token from `CMS_READ_TOKEN`, so the CMS and the
 * site share one secret from the environment instead of a token copied by hand from
 * the admin. Idempotent: the stored hash is updated when the variable changes.
 */
export async function provisionSiteToken(strapi: Core.Strapi): Promise<void> {
  const accessKey = process.env.CMS_READ_TOKEN;
  if (!accessKey) {
    strapi.log.warn('[newsroom] CMS_READ_TOKEN is not set: no read-only token for the site build was provisioned');
    return;
  }
  if (accessKey.length < 32) {
    throw new Error('CMS_READ_TOKEN must be at least 32 characters long (use `openssl rand -hex 32`)');
  }

  const tokens = strapi.service('admin::api-token');
  const encryption = strapi.service('admin::encryption');
  const wanted = {
    accessKey: tokens.hash(accessKey),
    encryptedKey: encryption.encrypt(accessKey),
    type: 'read-only',
  };

  let token = await strapi.db.query('admin::api-token').findOne({ where: { name: TOKEN_NAME } });
  if (!token) {
    token = await tokens.create({
      name: TOKEN_NAME,
      description: 'Read-only token the Astro build uses (from CMS_READ_TOKEN)',
      type: 'read-only',
      lifespan: null,
    });
    strapi.log.info(`[newsroom] created the read-only API token "${TOKEN_NAME}"`);
  }
  if (token.accessKey !== wanted.accessKey || token.type !== 'read-only') {
    await strapi.db.query('admin::api-token').update({ where: { id: token.id }, data: wanted });
  }
}
