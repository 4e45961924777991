import type { Core } from '@strapi/strapi';

const ARTICLE = 'api::article.article';
/** Content types the newsroom edits; the others (users, i18n…) stay with the super admin. */
const NEWSROOM_TYPES = [
  ARTICLE,
  'api::category.category',
  'api::tag.tag',
  'api::author.author',
  'api::video.video',
  'api::global.global',
];
const PUBLISH = 'plugin::content-manager.explorer.publish';
/**
 * Fields the CMS sets itself. A story dated 2099 by hand would sit on top of every list, and
 * a story number is its URL: no role may write them, whatever the admin or the API is sent.
 */
const SYSTEM_FIELDS = ['firstPublishedAt', 'storyNumber'];
const READ = 'plugin::content-manager.explorer.read';

/** The two newsroom roles. Names are what editors see in the admin; codes never change. */
export const ROLES = {
  writer: {
    code: 'newsroom-writer',
    name: 'ผู้สื่อข่าว (Writer)',
    description: 'เขียนและแก้ไขร่างข่าวได้ แต่เผยแพร่เองไม่ได้',
  },
  editor: {
    code: 'newsroom-editor',
    name: 'บรรณาธิการข่าว (Editor)',
    description: 'แก้ไข เผยแพร่ ยกเลิกการเผยแพร่ และลบข่าว ดูแลหมวด แท็ก ผู้เขียน วิดีโอ และการตั้งค่าเว็บไซต์',
  },
} as const;

/** Media library rights both roles need to attach cover images. */
const UPLOAD_PERMISSIONS = [
  'plugin::upload.read',
  'plugin::upload.configure-view',
  'plugin::upload.assets.create',
  'plugin::upload.assets.update',
  'plugin::upload.assets.download',
  'plugin::upload.assets.copy-link',
].map((action) => ({ action, subject: null, properties: {}, conditions: [] }));

interface Permission {
  action: string;
  subject?: string | null;
  properties?: { fields?: string[] };
  conditions?: string[];
}

/**
 * Every content-manager permission on the newsroom's content types, with all their fields
 * (built the way Strapi builds its own default roles).
 */
function contentPermissions(strapi: Core.Strapi): Permission[] {
  const actions = strapi
    .service('admin::permission')
    .actionProvider.values()
    .filter((a: { section: string }) => a.section === 'contentTypes');
  const restricted = Object.keys(strapi.contentTypes).filter((uid) => !NEWSROOM_TYPES.includes(uid));
  return strapi
    .service('admin::content-type')
    .getPermissionsWithNestedFields(actions, { restrictedSubjects: restricted }) as Permission[];
}

async function ensureRole(strapi: Core.Strapi, role: (typeof ROLES)[keyof typeof ROLES], permissions: Permission[]) {
  const roles = strapi.service('admin::role');
  const existing = (await roles.findOne({ code: role.code })) as { id: number } | null;
  const { id } = existing ?? ((await roles.create(role)) as { id: number });
  // Re-applied on every start: the code defines what each role may do, not a click in the admin.
  await roles.assignPermissions(id, permissions);
  return id;
}

/** Permissions without the right to write system fields (they stay readable). */
function withoutSystemFields(permissions: Permission[]): Permission[] {
  return permissions.map((p) =>
    p.subject === ARTICLE && (p.action.endsWith('.create') || p.action.endsWith('.update')) && p.properties?.fields
      ? { ...p, properties: { ...p.properties, fields: p.properties.fields.filter((f) => !SYSTEM_FIELDS.includes(f)) } }
      : p,
  );
}

/**
 * Provisions the writer and editor roles. Writers create and edit stories (and read the
 * sections, tags, authors and videos they attach) but cannot publish, unpublish, schedule
 * (set the embargo time) or delete;
 * editors may do all of that on every newsroom content type.
 */
export async function provisionRoles(strapi: Core.Strapi): Promise<{ writer: number; editor: number }> {
  const all = contentPermissions(strapi);
  const writerPermissions = all
    .filter(
      (p) =>
        (p.subject === ARTICLE && !p.action.endsWith('.publish') && !p.action.endsWith('.delete')) ||
        (p.subject !== ARTICLE && p.action === READ),
    )
    // The publish time is an editor's decision: a writer who could set it could publish.
    .map((p) =>
      p.subject === ARTICLE && p.action !== READ && p.properties?.fields
        ? { ...p, properties: { ...p.properties, fields: p.properties.fields.filter((f) => f !== 'scheduledAt') } }
        : p,
    );
  if (!all.some((p) => p.action === PUBLISH)) throw new Error('[newsroom] the publish action is missing');
  return {
    writer: await ensureRole(strapi, ROLES.writer, [...withoutSystemFields(writerPermissions), ...UPLOAD_PERMISSIONS]),
    editor: await ensureRole(strapi, ROLES.editor, [...withoutSystemFields(all), ...UPLOAD_PERMISSIONS]),
  };
}

/**
 * Creates the newsroom's first writer and editor accounts from CMS_WRITER_EMAIL /
 * CMS_WRITER_PASSWORD and CMS_EDITOR_EMAIL / CMS_EDITOR_PASSWORD when set and missing.
 */
export async function provisionStaff(strapi: Core.Strapi, roleIds: { writer: number; editor: number }) {
  const users = strapi.service('admin::user');
  for (const [kind, firstname] of [
    ['writer', 'ผู้สื่อข่าว'],
    ['editor', 'บรรณาธิการข่าว'],
  ] as const) {
    const email = process.env[`CMS_${kind.toUpperCase()}_EMAIL`]?.toLowerCase();
    const password = process.env[`CMS_${kind.toUpperCase()}_PASSWORD`];
    if (!email || !password || (await users.exists({ email }))) continue;
    await users.create({ email, firstname, password, isActive: true, registrationToken: null, roles: [roleIds[kind]] });
    strapi.log.info(`[newsroom] created ${kind} account ${email}`);
  }
}
