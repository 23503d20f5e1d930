import { describe, expect, it } from 'vitest';
import { certificateService, normalizeCertificateCode, publicNameOf } from './certificates';
import { certificateNotFoundPage, certificatePage } from './html';

const SITE = 'https://coesione.example.org';
// pageFor and the pages touch neither the database nor the outbox.
const service = certificateService({ strapi: {} as never, salt: 'x', baseUrl: () => 'https://cms.example.org', siteUrl: SITE, outbox: {} as never });

describe('the public check of a certificate', () => {
  it('reads a typed code as printed, in any case, with or without its dashes, and never the form’s own word', () => {
    expect(normalizeCertificateCode(' at-k7m2 qx9p ')).toBe('AT-K7M2-QX9P');
    expect(normalizeCertificateCode('K7M2QX9P')).toBe('AT-K7M2-QX9P');
    expect(normalizeCertificateCode('verifica')).toBeUndefined();
    expect(publicNameOf('Maria Grazia Rossi')).toBe('M. Grazia Rossi');
  });

  it('sends the site’s form on to the page of the code on the site', () => {
    expect(service.pageFor('at-k7m2 qx9p')).toBe(`${SITE}/attestati/AT-K7M2-QX9P/`);
    expect(service.pageFor('AT-2345-6789')).toBe(`${SITE}/attestati/AT-2345-6789/`);
    // Not a code: a page that says so, at an address with nothing in it to escape.
    expect(service.pageFor('AT/../<x>?')).toBe(`${SITE}/attestati/AT-x-/`);
    expect(service.pageFor('  ')).toBe(`${SITE}/attestati/`);
    expect(service.pageFor(['AT-K7M2-QX9P', 'x'])).toBe(`${SITE}/attestati/`);
  });

  it('draws the check as a page of the site, with the holder as initial and surname, and the way back to the form', () => {
    const html = certificatePage(
      { code: 'AT-K7M2-QX9P', publicName: 'M. Grazia Rossi', workshopTitle: 'Cucito <creativo>', sessionsAttended: 2, sessionsTotal: 3, hours: 5, firstSession: '2026-10-01T15:00:00.000Z', lastSession: '2026-10-08T15:00:00.000Z', issuedAt: '2026-10-20T09:00:00.000Z' },
      SITE,
    );
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain(`<a href="${SITE}/">Coesione</a>`);
    expect(html).toContain('<main id="contenuto"');
    expect(html).toContain(`<a href="${SITE}/attestati/">Verifica un altro attestato</a>`);
    expect(html).toContain('Cucito &lt;creativo&gt;');
    expect(html).toContain('dal 1 ottobre 2026 al 8 ottobre 2026');
    const missing = certificateNotFoundPage(SITE);
    expect(missing).toContain('<h1>Attestato non trovato</h1>');
    expect(missing).toContain(`<a href="${SITE}/attestati/">Verifica un altro attestato</a>`);
  });
});
