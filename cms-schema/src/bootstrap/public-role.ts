import type { Core } from '@strapi/strapi';

/**
 * Removes every permission from the users-permissions Public role. Readers never talk to
 * the CMS: the site is built with a read-only token, so an anonymous request reads nothing.
 */
export async function lockPublicRole(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
  if (!role) return;
  const removed = await strapi.db
    .query('plugin::users-permissions.permission')
    .deleteMany({ where: { role: role.id } });
  if (removed.count > 0) strapi.log.info(`[newsroom] removed ${removed.count} permission(s) from the Public role`);
}
