/** Where a CMS problem was found: enough for an editor to open the entry and fix it. */
export interface CmsErrorContext {
  /** Strapi content type, e.g. `articles`. */
  contentType: string;
  /** Strapi documentId of the entry, when one entry is at fault. */
  documentId?: string;
  /** Dotted path of the field at fault, e.g. `section.slug`. */
  field?: string;
  /** The request URL, when the problem is the request itself. */
  url?: string;
  /** HTTP status, when Strapi answered. */
  status?: number;
}

/** The one error type of the CMS client and loader. */
export class CmsError extends Error {
  override name = 'CmsError';
  readonly context: CmsErrorContext;

  constructor(message: string, context: CmsErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.context = context;
  }
}

/** A list longer than the reader asked to take (FindAllOptions.atMost): only its first page was read. */
export class CmsListTooLongError extends CmsError {
  override name = 'CmsListTooLongError';
  /** How many entries the CMS holds that match. */
  readonly total: number;

  constructor(contentType: string, total: number, atMost: number) {
    super(`the ${contentType} list holds ${total} entries, more than the ${atMost} asked for`, { contentType });
    this.total = total;
  }
}

/** One entry that failed validation. */
export interface EntryProblem {
  documentId: string;
  field: string;
  message: string;
}

/** Every invalid entry of a content type at once, so editors fix them all in one pass. */
export class CmsValidationError extends CmsError {
  override name = 'CmsValidationError';
  readonly problems: EntryProblem[];

  constructor(contentType: string, problems: EntryProblem[]) {
    const lines = problems.map((p) => `  - ${contentType} ${p.documentId}, field "${p.field}": ${p.message}`);
    super(
      `${problems.length} invalid ${contentType} entr${problems.length === 1 ? 'y' : 'ies'} in the CMS:\n${lines.join('\n')}`,
      problems[0] ? { contentType, documentId: problems[0].documentId, field: problems[0].field } : { contentType },
    );
    this.problems = problems;
  }
}

/** Why no page can be rendered: the Global single type (site name, footer) was never published. */
export const NO_GLOBAL = 'CMS: the Global single type (site name, footer) has no published entry';
