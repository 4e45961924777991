/**
 * The one populate definition per content type, in Strapi 5 REST shape. The client sends
 * it with every request and `npm run cms:types` generates each entry's zod schema from it,
 * so what is fetched and what is validated can never drift apart.
 */

/** Fields of an uploaded image that pages use: the original and its variants (`formats`). */
const image = { fields: ['url', 'alternativeText', 'width', 'height', 'formats'] } as const;

/** A related story as a teaser: enough to link and list it, never its body. */
const teaser = {
  fields: ['title', 'storyNumber', 'excerpt', 'firstPublishedAt'],
  populate: { section: { fields: ['name', 'slug'] } },
} as const;

export const populate = {
  article: {
    section: { fields: ['name', 'slug', 'order'] },
    tags: { fields: ['name', 'slug'] },
    authors: { fields: ['name', 'slug'] },
    cover: { populate: { image } },
    gallery: { populate: { image } },
    relatedVideos: { fields: ['title', 'durationSeconds', 'embedUrl'], populate: { thumbnail: image } },
    relatedStories: teaser,
    notes: true,
    liveEntries: { populate: { picture: image } },
    seo: { populate: { ogImage: image } },
  },
  category: {},
  tag: {},
  author: { avatar: image },
  video: { thumbnail: image },
  global: {
    footerGroups: { populate: { links: true } },
    appLinks: true,
    socialAccounts: true,
  },
} as const;

/** A populate clause: `true`, or the fields and nested populate of a relation, media or component. */
export type PopulateClause = true | { readonly fields?: readonly string[]; readonly populate?: PopulateMap };
/** Populate clauses keyed by attribute name. */
export type PopulateMap = Readonly<Record<string, PopulateClause>>;
