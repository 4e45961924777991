import type { Core } from '@strapi/strapi';
import { registerArticleRules } from './bootstrap/article-rules';
import { lockPublicRole } from './bootstrap/public-role';
import { guardDrafts, provisionSiteTokens } from './bootstrap/site-tokens';
import { provisionAdmin } from './bootstrap/admin-user';
import { provisionAdminLabels } from './bootstrap/admin-labels';
import { provisionPublishWebhook } from './bootstrap/publish-webhook';
import { provisionRoles, provisionStaff } from './bootstrap/roles';
import { scheduleEmbargoes } from './bootstrap/embargo';
import { prepareStoryNumbers } from './bootstrap/story-numbers';
import { registerStoryStatusRoute } from './bootstrap/story-status';
import { registerUploadRules } from './bootstrap/upload-rules';

export default {
  /** Runs before the app initialises: document middlewares must be in place before any write. */
  register({ strapi }: { strapi: Core.Strapi }) {
    registerArticleRules(strapi);
    guardDrafts(strapi);
    registerStoryStatusRoute(strapi);
  },

  /** Runs on every start; each step is idempotent, so restarts and redeploys are safe. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    registerUploadRules(strapi);
    await prepareStoryNumbers(strapi);
    await lockPublicRole(strapi);
    await provisionSiteTokens(strapi);
    await provisionAdmin(strapi);
    await provisionStaff(strapi, await provisionRoles(strapi));
    scheduleEmbargoes(strapi);
    await provisionPublishWebhook(strapi);
    await provisionAdminLabels(strapi);
  },
};
