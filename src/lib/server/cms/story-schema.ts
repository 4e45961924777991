import { z } from 'astro/zod';
import { articleSchema } from './generated/schemas';

/**
 * A story that can have a page. The CMS lets editors save a story without a section or
 * number while drafting; a page needs both, because its URL is /news/{section}/{storyNumber}.
 * The content layer validates published stories with it, and the preview route drafts.
 */
export const publishedArticleSchema = articleSchema.extend({
  storyNumber: z.number().int().min(1),
  section: articleSchema.shape.section.unwrap(),
});
