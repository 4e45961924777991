import { formats, winston } from '@strapi/logger';

/** Console logging; `STRAPI_LOG_LEVEL=warn` quiets the seed script and the test harness. */
export default {
  transports: [
    new winston.transports.Console({
      level: process.env.STRAPI_LOG_LEVEL || 'http',
      format: formats.prettyPrint({ timestamps: 'YYYY-MM-DD HH:mm:ss.SSS' }),
    }),
  ],
};
