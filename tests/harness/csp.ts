/**
 * A Content-Security-Policy as its directives, in order: each directive's name and sources.
 * Parsed rather than compared as text, since Astro and the site server join directives
 * differently (`;` with or without a space).
 */
export function cspDirectives(policy: string): [name: string, sources: string[]][] {
  return policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter(([name]) => name)
    .map(([name, ...sources]) => [name!, sources]);
}

/** The policy of a page's Content-Security-Policy `<meta>`, or '' when it has none. */
export function metaPolicy(html: string): string {
  return /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
}
