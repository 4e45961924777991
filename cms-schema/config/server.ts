import type { Core } from '@strapi/strapi';

/** HTTP server: host, port and the signing keys, all from the environment. */
export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '127.0.0.1'),
  port: env.int('PORT', 1337),
  url: env('CMS_PUBLIC_URL', ''),
  app: { keys: env.array('APP_KEYS') },
  // Behind a reverse proxy (TLS ending there), Koa must read the client's address and scheme
  // from X-Forwarded-*: the admin login's rate limit counts per client, not per proxy, and
  // secure cookies are sent. Off by default, where those headers could be forged by anyone.
  proxy: { koa: env.bool('CMS_BEHIND_PROXY', false) },
  // Uploads live under this folder; tests point it at a throwaway directory.
  dirs: { public: env('CMS_PUBLIC_DIR', './public') },
  // No update check against the internet: the newsroom's machines have a closed network.
  logger: { updates: { enabled: false }, startup: { enabled: env.bool('STRAPI_STARTUP_BANNER', true) } },
});
