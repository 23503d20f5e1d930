// @ts-check
import react from '@astrojs/react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import cspHeaders from './src/integrations/csp-headers';
import { dataStoreAtRuntime } from './src/integrations/data-store-at-runtime';
import { netlifyRedirects } from './src/integrations/netlify-redirects';
import { purgeUnusedCss } from './src/integrations/purge-css';

// `astro build` only: the dev server keeps every rule, so a class added while editing works at once.
const building = process.argv.includes('build');

// Where the build keeps its copies of CMS uploads (src/lib/cms/uploads.ts).
process.env.COESIONE_UPLOADS_DIR ??= fileURLToPath(new URL('./.cache/uploads/', import.meta.url));

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  output: 'static',
  // Pages rendered at once (Astro's default is 1): 4 overlaps one page's file writes with the next pages'
  // rendering, 118 → 100 s at 10,000 entries, the same pages (npm run bench:site, BENCHMARKS.md).
  build: { concurrency: Number(process.env.SITE_BUILD_CONCURRENCY || 4) },
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  // Content store and image cache; builds running side by side (tests) each need their own.
  cacheDir: process.env.SITE_CACHE_DIR ?? './node_modules/.astro',
  integrations: [react(), cspHeaders(), netlifyRedirects(), dataStoreAtRuntime()],
  // Covers (src/components/Cover.astro): Astro's sharp service, AVIF encoded faster (src/lib/build/image-service.ts).
  image: { service: { entrypoint: fileURLToPath(new URL('./src/lib/build/image-service.ts', import.meta.url)) } },
  vite: {
    css: {
      postcss: { plugins: building ? [purgeUnusedCss()] : [] },
      // Bootstrap Italia still uses @import and its own deprecated Sass functions: its warnings, not ours.
      preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ['import', 'global-builtin', 'color-functions', 'legacy-js-api'] } },
    },
  },
  server: { host: '127.0.0.1', port: Number(process.env.SITE_PORT ?? 4321) },
});
