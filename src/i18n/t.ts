import { z } from 'astro/zod';
import strings from './th.json';

// Parsing the strings file at build time turns a malformed entry into a build error.
const dictionary = z.record(z.string().regex(/^[a-z]+(\.[a-zA-Z]+)+$/), z.string().min(1)).parse(strings);

/** A key of the Thai strings file. */
export type StringKey = keyof typeof strings;

/**
 * Returns the Thai UI string for `key`, filling `{name}` placeholders from `vars`.
 * Every UI string of the site goes through here; none is written inline in a component.
 */
export function t(key: StringKey, vars: Record<string, string | number> = {}): string {
  const template = dictionary[key];
  if (template === undefined) throw new Error(`i18n: missing Thai string "${key}"`);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`i18n: string "${key}" needs a value for {${name}}`);
    return String(value);
  });
}
