// @ts-check
import node from '@astrojs/node';
import { defineConfig, envField } from 'astro/config';

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  // Canonical origin of the site; astro:env is not available inside this file.
  site: process.env.SITE_URL || 'http://localhost:4321',
  // Every page is prerendered; the node adapter serves them and hosts the on-demand
  // routes (preview, publish hook) that later parts of the newsroom add.
  output: 'static',
  adapter: node({ mode: 'standalone' }),
  env: {
    schema: {
      CMS_URL: envField.string({ context: 'server', access: 'public', url: true }),
      CMS_READ_TOKEN: envField.string({ context: 'server', access: 'secret', min: 32 }),
      CMS_TIMEOUT_MS: envField.number({ context: 'server', access: 'public', int: true, gt: 0, default: 15000 }),
      CMS_RETRIES: envField.number({ context: 'server', access: 'public', int: true, min: 0, default: 3 }),
    },
    validateSecrets: true,
  },
});
