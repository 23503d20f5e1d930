import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes } from './csp-headers';

describe('the Content-Security-Policy', () => {
  it('allows inline scripts by hash only, and never JSON-LD or external scripts as inline', () => {
    const html = '<script>a()</script><script type="module" src="/x.js"></script><script type="application/ld+json">{"@type":"Event"}</script>';
    const hash = `'sha256-${createHash('sha256').update('a()').digest('base64')}'`;
    expect(inlineScriptHashes(html)).toEqual([hash]);
    const policy = contentSecurityPolicy([hash], 'https://search.example.org');
    expect(policy).toContain(`script-src 'self' ${hash};`);
    expect(policy).toContain("connect-src 'self' https://search.example.org;");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
