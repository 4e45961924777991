import strings from '../src/i18n/th.json' with { type: 'json' };

/**
 * What the site server and the render worker answer, in plain text, for a path with no page:
 * the same Thai words as the site's 404 page, from the one strings file.
 */
export const NOT_FOUND_TEXT = strings['page.notFound'];
