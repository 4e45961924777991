/** Plugins: users-permissions keeps its JWT secret in the environment. */
export default ({ env }) => ({
  'users-permissions': {
    config: { jwtSecret: env('JWT_SECRET') },
  },
});
