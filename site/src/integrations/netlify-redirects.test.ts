import { describe, expect, it } from 'vitest';
import { publicCmsUrl, redirectsFile } from './netlify-redirects';

// That the local static server serves these rules as Netlify does is tested where both meet
// (test/src/public/certificate-ui.ts); the parsing itself in scripts/src/lib/static-server.test.ts.
describe('the build’s _redirects', () => {
  it('proxies a certificate’s page to the CMS’s check of its code', () => {
    const rules = redirectsFile('https://cms.example.org').split('\n').filter((line) => line && !line.startsWith('#'));
    expect(rules).toEqual(['/attestati/:code/  https://cms.example.org/api/attestati/:code  200']);
  });

  it('reaches the CMS where browsers reach it', () => {
    expect(publicCmsUrl({ PUBLIC_CMS_URL: 'https://cms.example.org/', CMS_URL: 'http://10.0.0.5:1337' })).toBe('https://cms.example.org');
    expect(publicCmsUrl({ CMS_URL: 'http://10.0.0.5:1337' })).toBe('http://10.0.0.5:1337');
    expect(publicCmsUrl({ PUBLIC_CMS_URL: '', CMS_URL: '' })).toBe('http://127.0.0.1:1337');
  });
});
