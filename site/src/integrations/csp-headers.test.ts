import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, originsFromEnv } from './csp-headers';

describe('the Content-Security-Policy', () => {
  it('allows inline scripts by hash only, and never JSON-LD or external scripts as inline', () => {
    const html = '<script>a()</script><script type="module" src="/x.js"></script><script type="application/ld+json">{"@type":"Event"}</script>';
    const hash = `'sha256-${createHash('sha256').update('a()').digest('base64')}'`;
    expect(inlineScriptHashes(html)).toEqual([hash]);
    const policy = contentSecurityPolicy([hash], { connect: ['https://search.example.org'], img: [], form: [] });
    expect(policy).toContain(`script-src 'self' ${hash};`);
    expect(policy).toContain("connect-src 'self' https://search.example.org;");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('reaches the search server, the CMS and the tile server named by the build environment', () => {
    const origins = originsFromEnv({
      PUBLIC_MEILISEARCH_URL: 'https://search.example.org/',
      CMS_URL: 'https://cms.example.org/api',
      PUBLIC_MAP_TILE_URL: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png',
    });
    expect(origins).toEqual({
      connect: ['https://search.example.org', 'https://cms.example.org'],
      img: ['https://*.tiles.example.org'],
      form: ['https://cms.example.org'],
    });
    expect(originsFromEnv({}).img).toEqual(['https://tile.openstreetmap.org']);
  });
});
