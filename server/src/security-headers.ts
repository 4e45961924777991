/**
 * Headers every reader response carries, beside the Content-Security-Policy `<meta>` Astro
 * writes into each page (script and style hashes): what a `<meta>` policy cannot say
 * (frame-ancestors), how much a link tells other sites, and HSTS when the site is served over
 * https. Draft previews are not covered: their own route lets only the CMS admin frame them.
 */
export function readerHeaders(https: boolean): Record<string, string> {
  return {
    'content-security-policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
    'x-frame-options': 'DENY',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-content-type-options': 'nosniff',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
