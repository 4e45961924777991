import type { StrapiApp } from '@strapi/strapi/admin';

/** Admin panel: Thai is offered to editors next to English. */
export default {
  config: {
    locales: ['th'],
  },
  bootstrap(_app: StrapiApp) {},
};
