import type { z } from 'astro/zod';
import { CmsValidationError, type EntryProblem } from './errors';

/** Anything a content type's zod schema accepts. */
type Schema = z.ZodType<Record<string, unknown>>;

function documentIdOf(raw: unknown, index: number): string {
  const id = (raw as { documentId?: unknown } | null)?.documentId;
  return typeof id === 'string' && id ? id : `(entry #${index + 1} without documentId)`;
}

/**
 * Validates every entry and throws one CmsValidationError naming each bad entry's
 * documentId and field, instead of stopping at the first or dropping any silently.
 */
export function validateEntries<S extends Schema>(contentType: string, schema: S, entries: unknown[]): z.infer<S>[] {
  const valid: z.infer<S>[] = [];
  const problems: EntryProblem[] = [];
  entries.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      valid.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      problems.push({
        documentId: documentIdOf(raw, index),
        field: issue.path.map(String).join('.') || '(entry)',
        message: issue.message,
      });
    }
  });
  if (problems.length > 0) throw new CmsValidationError(contentType, problems);
  return valid;
}
