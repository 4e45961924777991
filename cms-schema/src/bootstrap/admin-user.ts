import type { Core } from '@strapi/strapi';

/**
 * Creates the first editor account from `CMS_ADMIN_EMAIL` / `CMS_ADMIN_PASSWORD` so an
 * editor can log in to /admin at once. An existing account is left untouched: editors may
 * have changed their password since.
 */
export async function provisionAdmin(strapi: Core.Strapi): Promise<void> {
  const email = process.env.CMS_ADMIN_EMAIL?.toLowerCase();
  const password = process.env.CMS_ADMIN_PASSWORD;
  if (!email || !password) {
    strapi.log.warn('[newsroom] CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD not set: no admin account provisioned');
    return;
  }

  const users = strapi.service('admin::user');
  if (await users.exists({ email })) return;

  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) throw new Error('The Super Admin role is missing; cannot provision the admin account');

  await users.create({
    email,
    firstname: process.env.CMS_ADMIN_NAME ?? 'บรรณาธิการ',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  strapi.log.info(`[newsroom] created admin account ${email}`);
}
