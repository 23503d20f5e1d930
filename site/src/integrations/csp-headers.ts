/**
 * Writes the site's Content-Security-Policy into `_headers` (Netlify's format, also applied by the local
 * static server) after each build: scripts only from the site itself or, when inline (Astro's island
 * loader), by their sha256, never 'unsafe-inline'; connections only to the site, the search server and the CMS (forms); images also from the map tile server.
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

/** The origins a page may reach beyond its own: search and CMS (connections, form posts), map tiles (images). */
export interface PolicyOrigins {
  connect: string[];
  img: string[];
  form: string[];
}

const list = (origins: string[]): string => [...new Set(origins)].map((o) => ` ${o}`).join('');

export function contentSecurityPolicy(hashes: string[], origins: PolicyOrigins): string {
  return [
    "default-src 'self'",
    `script-src 'self'${hashes.length ? ` ${hashes.join(' ')}` : ''}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data:${list(origins.img)}`,
    `connect-src 'self'${list(origins.connect)}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${list(origins.form)}`,
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of a URL template such as `https://{s}.tile.example.org/{z}/{x}/{y}.png` (`{s}` becomes `*`). */
export function templateOrigin(template: string | undefined): string | undefined {
  if (!template) return undefined;
  const url = new URL(template.replace(/\{s\}/g, 'subdomain').replace(/\{[^}]+\}/g, '0'));
  return url.origin.replace('//subdomain.', '//*.');
}

/** What the build's environment lets pages reach (see docs/configuration.md). */
export function originsFromEnv(env: NodeJS.ProcessEnv = process.env): PolicyOrigins {
  const present = (...values: (string | undefined)[]): string[] => values.filter((v): v is string => Boolean(v));
  const search = templateOrigin(env.PUBLIC_MEILISEARCH_URL);
  const cms = templateOrigin(env.PUBLIC_CMS_URL ?? env.CMS_URL);
  const tiles = templateOrigin(env.PUBLIC_MAP_TILE_URL ?? DEFAULT_TILE_URL);
  return { connect: present(search, cms), img: present(tiles), form: present(cms) };
}

/** OpenStreetMap's standard tiles (attribution required: see DEFAULT_MAP_ATTRIBUTION in the map code). */
export const DEFAULT_TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

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
        fs.writeFileSync(path.join(root, '_headers'), `/*\n  Content-Security-Policy: ${contentSecurityPolicy([...hashes].sort(), originsFromEnv())}\n`);
      },
    },
  };
}
