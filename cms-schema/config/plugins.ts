/** Plugins: users-permissions keeps its JWT secret in the environment. */
export default ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
  upload: {
    config: {
      providerOptions: {
        // Every upload's file name carries its own hash, so a URL never changes content: let
        // caches (readers' browsers, the site build's image cache) keep them for a year
        // instead of Strapi's 60 s, which made every build re-encode every picture.
        localServer: { maxage: 365 * 24 * 3600 * 1000, immutable: true },
      },
    },
  },
});
