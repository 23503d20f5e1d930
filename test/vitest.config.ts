import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/support/global-setup.ts'],
    // strapi.destroy() breaks the forks pool (STACK.md); each file boots its own Strapi.
    pool: 'threads',
    testTimeout: 60_000,
    // Generous: files share two cores, and a busy machine doubles a site build's time.
    hookTimeout: 420_000,
  },
});
