/**
 * GET /api/attestati/:code             the public check of a certificate: initial and surname, workshop, dates;
 *                                      the site serves it as its page /attestati/<code>/ (a proxy rewrite)
 * GET /api/attestati/verifica?codice=  the site's form: on to the page of the code typed (303)
 * GET /api/attestati/scarica/:token    the certificate's PDF, from the holder's personal link
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { CERTIFICATE_ROUTES } from '@coesione/model';
import { certificateService } from '../../../features/bookings/certificates';
import { certificateNotFoundPage, certificatePage, messagePage } from '../../../features/bookings/html';
import { bookingOptions } from '../../../features/bookings/options';
import { sendPage as page } from '../../../platform/html';
import { cmsBaseUrl, secret } from '../../../platform/runtime';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { siteUrl } = bookingOptions();
  const service = certificateService({ strapi, salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(strapi), siteUrl });

  return {
    async verify(ctx: Context) {
      const { code } = ctx.params as { code: string };
      if (code === CERTIFICATE_ROUTES.lookup) {
        ctx.set('Cache-Control', 'no-store');
        ctx.redirect(service.pageFor((ctx.query as Record<string, unknown>)[CERTIFICATE_ROUTES.field]));
        ctx.status = 303;
        return;
      }
      const found = await service.verify(code);
      if (!found) return page(ctx, 404, certificateNotFoundPage(siteUrl));
      page(ctx, 200, certificatePage(found, siteUrl));
    },

    async download(ctx: Context) {
      const pdf = await service.pdf((ctx.params as { token: string }).token);
      if (!pdf) return page(ctx, 404, messagePage('Attestato non trovato', 'Questo link non corrisponde a nessun attestato: controlla di averlo copiato per intero.', siteUrl));
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      ctx.set('Content-Disposition', 'attachment; filename="attestato.pdf"');
      ctx.type = 'application/pdf';
      ctx.body = pdf;
    },
  };
};
