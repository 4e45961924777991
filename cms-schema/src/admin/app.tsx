import type { StrapiApp } from '@strapi/strapi/admin';
import { StoryStatusPanel } from './components/StoryStatusPanel';

/** The content manager's extension points used here (typed loosely: Strapi types them as unknown). */
interface ContentManagerApis {
  addEditViewSidePanel(panels: unknown[]): void;
}

/** Admin panel: Thai is offered to editors next to English; stories show where they stand on the site. */
export default {
  config: {
    locales: ['th'],
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager') as unknown as { apis: ContentManagerApis };
    contentManager.apis.addEditViewSidePanel([StoryStatusPanel]);
  },
};
