import { defineCollection } from 'astro:content';
import { createCmsClient } from './lib/server/cms/client';
import { cmsOptions } from './lib/server/cms/env';
import { authorSchema, categorySchema, globalSchema, tagSchema, videoSchema } from './lib/server/cms/generated/schemas';
import { strapiLoader } from './lib/server/cms/loader';
import { publishedArticleSchema } from './lib/server/cms/story-schema';
import { populate } from './lib/server/cms/populate';

let client: ReturnType<typeof createCmsClient> | undefined;
const cms = () => (client ??= createCmsClient(cmsOptions()));

const articles = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'articles',
    kind: 'collection',
    schema: publishedArticleSchema,
    populate: populate.article,
    sort: ['storyNumber:asc'],
    // A story embeds its section, tags, authors and videos: a change there reads all again.
    dependsOn: ['categories', 'tags', 'authors', 'videos'],
  }),
});

const categories = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'categories',
    kind: 'collection',
    schema: categorySchema,
    populate: populate.category,
  }),
});

const tags = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'tags',
    kind: 'collection',
    schema: tagSchema,
    populate: populate.tag,
  }),
});

const authors = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'authors',
    kind: 'collection',
    schema: authorSchema,
    populate: populate.author,
  }),
});

const videos = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'videos',
    kind: 'collection',
    schema: videoSchema,
    populate: populate.video,
  }),
});

const global = defineCollection({
  loader: strapiLoader({
    client: cms,
    contentType: 'global',
    kind: 'single',
    schema: globalSchema,
    populate: populate.global,
  }),
});

export const collections = { articles, categories, tags, authors, videos, global };
