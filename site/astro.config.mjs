// @ts-check
import react from '@astrojs/react';
import { defineConfig } from 'astro/config';
import cspHeaders from './src/integrations/csp-headers';

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  output: 'static',
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  integrations: [react(), cspHeaders()],
  server: { host: '127.0.0.1', port: Number(process.env.SITE_PORT ?? 4321) },
});
