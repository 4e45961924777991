/** Admin panel: every secret comes from the environment (see ../.env.example). */
export default ({ env }) => ({
  auth: { secret: env('ADMIN_JWT_SECRET') },
  apiToken: { salt: env('API_TOKEN_SALT') },
  transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } },
  secrets: { encryptionKey: env('ENCRYPTION_KEY') },
  flags: { nps: false, promoteEE: false },
  // The site never needs telemetry-style checks; keep the closed network quiet.
  autoOpen: false,
  watchIgnoreFiles: ['**/data/**'],
});
