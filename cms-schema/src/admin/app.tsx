import type { StrapiApp } from '@strapi/strapi/admin';
import { StoryStatusPanel } from './components/StoryStatusPanel';

const LINK_RULE_TH = 'ลิงก์นี้ใช้ไม่ได้: ต้องขึ้นต้นด้วย https:// (ลิงก์ไปหน้าในเว็บไซต์นี้ขึ้นต้นด้วย /) และห้ามมีช่องว่าง';
const LINK_RULE_EN = 'Not a usable link: it must start with https:// (or / for a page of this site), without spaces.';

/** The content manager's extension points used here (typed loosely: Strapi types them as unknown). */
interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

/** Admin panel: Thai is offered to editors next to English; stories show where they stand on the site. */
export default {
  config: {
    locales: ['th'],
    // Every field checked by a pattern (`regex` in the schema) is a link: footer, app and
    // social links, video embeds. Strapi's generic "does not match the regex" says nothing
    // an editor can act on.
    translations: {
      th: { 'components.Input.error.validation.regex': LINK_RULE_TH },
      en: { 'components.Input.error.validation.regex': LINK_RULE_EN },
    },
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([StoryStatusPanel]);
  },
};
