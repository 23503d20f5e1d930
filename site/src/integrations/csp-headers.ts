/**
 * Writes the site's Content-Security-Policy into `_headers` (Netlify's format, also applied by the local
 * static server) after each build: scripts only from the site itself or, when inline (Astro's island
 * loader), by their sha256, never 'unsafe-inline'; connections only to the site and the search server.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g;

export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
}

export function contentSecurityPolicy(hashes: string[], searchOrigin: string | undefined): string {
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.length ? ` ${hashes.join(' ')}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self'${searchOrigin ? ` ${searchOrigin}` : ''}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export default function cspHeaders(): AstroIntegration {
  return {
    name: 'coesione-csp-headers',
    hooks: {
      'astro:build:done': ({ dir }) => {
        const root = fileURLToPath(dir);
        const hashes = new Set<string>();
        for (const file of fs.readdirSync(root, { recursive: true, encoding: 'utf8' })) {
          if (file.endsWith('.html')) for (const hash of inlineScriptHashes(fs.readFileSync(path.join(root, file), 'utf8'))) hashes.add(hash);
        }
        const search = process.env.PUBLIC_MEILISEARCH_URL ? new URL(process.env.PUBLIC_MEILISEARCH_URL).origin : undefined;
        fs.writeFileSync(path.join(root, '_headers'), `/*\n  Content-Security-Policy: ${contentSecurityPolicy([...hashes].sort(), search)}\n`);
      },
    },
  };
}
