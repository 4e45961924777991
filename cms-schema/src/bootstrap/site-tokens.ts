import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

/** The token the site build reads published content with (CMS_READ_TOKEN). */
const BUILD_TOKEN = 'site-build';
/** The token draft previews read with (CMS_PREVIEW_TOKEN): the only one that may read drafts. */
const PREVIEW_TOKEN = 'site-preview';

/**
 * What a preview renders: one story with its relations and pictures, and the header and
 * footer (sections, global settings). Nothing else, and no write.
 */
const PREVIEW_PERMISSIONS = [
  'api::article.article.find',
  'api::article.article.findOne',
  'api::category.category.find',
  'api::tag.tag.find',
  'api::author.author.find',
  'api::video.video.find',
  'api::global.global.find',
  'plugin::upload.content-api.find',
];

interface TokenSpec {
  name: string;
  variable: string;
  description: string;
  type: 'read-only' | 'custom';
  permissions?: string[];
}

const TOKENS: TokenSpec[] = [
  {
    name: BUILD_TOKEN,
    variable: 'CMS_READ_TOKEN',
    description: 'The Astro build: reads published content only (from CMS_READ_TOKEN)',
    type: 'read-only',
  },
  {
    name: PREVIEW_TOKEN,
    variable: 'CMS_PREVIEW_TOKEN',
    description: 'Draft previews on the site: reads stories and drafts, nothing else (from CMS_PREVIEW_TOKEN)',
    type: 'custom',
    permissions: PREVIEW_PERMISSIONS,
  },
];

/**
 * Provisions the site's API tokens from the environment, so the CMS and the site share
 * secrets from the environment instead of tokens copied by hand from the admin. Idempotent:
 * the stored hash and rights are updated when they change.
 */
export async function provisionSiteTokens(strapi: Core.Strapi): Promise<void> {
  for (const spec of TOKENS) await provisionToken(strapi, spec);
}

async function provisionToken(strapi: Core.Strapi, spec: TokenSpec): Promise<void> {
  const accessKey = process.env[spec.variable];
  if (!accessKey) {
    strapi.log.warn(`[newsroom] ${spec.variable} is not set: the API token "${spec.name}" was not provisioned`);
    return;
  }
  if (accessKey.length < 32) {
    throw new Error(`${spec.variable} must be at least 32 characters long (use \`openssl rand -hex 32\`)`);
  }

  const tokens = strapi.service('admin::api-token');
  const encryption = strapi.service('admin::encryption');
  let token = await strapi.db.query('admin::api-token').findOne({ where: { name: spec.name } });
  if (!token) {
    token = await tokens.create({
      name: spec.name,
      description: spec.description,
      type: spec.type,
      lifespan: null,
      ...(spec.permissions ? { permissions: spec.permissions } : {}),
    });
    strapi.log.info(`[newsroom] created the API token "${spec.name}"`);
  } else if (spec.permissions) {
    // Re-applied on every start: the code defines what the token may read.
    await tokens.update(token.id, { type: spec.type, permissions: spec.permissions });
  }
  const wanted = { accessKey: tokens.hash(accessKey), encryptedKey: encryption.encrypt(accessKey), type: spec.type };
  if (token.accessKey !== wanted.accessKey || token.type !== spec.type) {
    await strapi.db.query('admin::api-token').update({ where: { id: token.id }, data: wanted });
  }
}

/** Strapi's name for API-token authentication on the content API (5.5x; older: `api-token`). */
const TOKEN_STRATEGIES = ['content-api-token', 'api-token'];

/** The request a document-service call serves, as far as this guard needs it. */
interface RequestState {
  state?: {
    route?: { info?: { type?: string } };
    auth?: { strategy?: { name?: string }; credentials?: { name?: string } };
  };
}

/**
 * Drafts reach the content API (the site) only through the preview token. Strapi lets any
 * token with `find` read drafts with `?status=draft`; the build token, stolen or misused,
 * would then put unpublished stories on the site. The admin's own reads are not affected.
 */
export function guardDrafts(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const status = (context.params as { status?: string } | undefined)?.status;
    if (status !== 'draft') return next();
    const ctx = strapi.requestContext.get() as RequestState | undefined;
    if (ctx?.state?.route?.info?.type !== 'content-api') return next();
    const auth = ctx.state.auth;
    if (TOKEN_STRATEGIES.includes(auth?.strategy?.name ?? '') && auth?.credentials?.name === PREVIEW_TOKEN) {
      return next();
    }
    throw new errors.ForbiddenError('Drafts are readable with the preview token only');
  });
}
