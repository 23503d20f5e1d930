/**
 * Writes `_redirects` (Netlify's format, also honoured by the local static server) after each build: the
 * pages the CMS draws at request time under the site's address, as proxy rewrites (status 200). Today one:
 * a certificate's check at `/attestati/<code>/` is the CMS's page of that code, fetched when someone opens
 * it, so no certificate, and nothing about its holder, is ever part of the build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CERTIFICATE_ROUTES } from '@coesione/model';

/** The CMS as browsers reach it: PUBLIC_CMS_URL, else the CMS the build reads (CMS_URL); no trailing slash. */
export function publicCmsUrl(env: { PUBLIC_CMS_URL?: string | undefined; CMS_URL?: string | undefined } = process.env): string {
  return (env.PUBLIC_CMS_URL || env.CMS_URL || 'http://127.0.0.1:1337').replace(/\/+$/, '');
}

/** The `_redirects` file for a CMS at `cmsUrl`. */
export function redirectsFile(cmsUrl: string): string {
  const { page, api } = CERTIFICATE_ROUTES;
  return [
    '# Written by the site build (src/integrations/netlify-redirects.ts): pages the CMS draws at request time.',
    `${page}:code/  ${cmsUrl}${api}/:code  200`,
    '',
  ].join('\n');
}

export function netlifyRedirects(): AstroIntegration {
  return {
    name: 'coesione-netlify-redirects',
    hooks: {
      'astro:build:done': ({ dir }) => {
        fs.writeFileSync(path.join(fileURLToPath(dir), '_redirects'), redirectsFile(publicCmsUrl()));
      },
    },
  };
}
