import { defineConfig } from 'vitest/config';

// Unit tests only: pure modules and the CMS client against a fake Strapi. Everything that
// needs a real Strapi, a real build or a browser runs under Playwright (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    allowOnly: !process.env.CI,
  },
});
