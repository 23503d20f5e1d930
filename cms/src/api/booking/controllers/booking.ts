/**
 * The public booking endpoints. Each handler reads the request, asks the booking service, renders its
 * result as an Italian page (the form on the site is a plain form post) or, for the seats, as JSON.
 *
 * POST /api/bookings                          the booking form: a confirmation page, then the booking
 * GET  /api/bookings/seats/:workshop          free seats of a published workshop's sessions still to come
 * GET  /api/bookings/manage/:token            the person's booking, from the personal link
 * GET  /api/bookings/manage/:token/calendario.ics   that booking as a calendar event
 * POST /api/bookings/manage/:token/annulla    cancels it (the seat goes to the waiting list)
 * POST /api/bookings/manage/:token/conferma   confirms a seat offered from the waiting list
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { sendPage as html } from '../../../platform/html';
import { cmsBaseUrl, secret } from '../../../platform/runtime';
import { clientHash, databaseLimiter, databaseTokens } from '../../../platform/security';
import { bookedPage, codeQr, confirmPage, errorsPage, managePage, messagePage, workshopUrl } from '../../../features/bookings/html';
import { bookingOptions } from '../../../features/bookings/options';
import { createBookingService } from '../../../features/bookings/service';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const options = bookingOptions();
  const salt = secret('SUBMISSION_SALT');
  const db = () => strapi.db.connection;
  const service = createBookingService({
    strapi,
    options,
    salt,
    limiter: databaseLimiter(db, 'booking', { limit: options.rateLimit, windowMs: options.rateWindowMs }),
    tokens: databaseTokens(db),
    baseUrl: () => cmsBaseUrl(strapi),
  });
  const manageUrl = (token: string) => `${cmsBaseUrl(strapi)}/api/bookings/manage/${token}`;


  async function manageResult(ctx: Context, action: 'cancel' | 'confirm') {
    const token = (ctx.params as { token: string }).token;
    await service.expireHolds();
    const result = await service[action](token);
    if (result.outcome === 'unknown') return html(ctx, 404, messagePage('Prenotazione non trovata', 'Questo link non corrisponde a nessuna prenotazione: controlla di averlo copiato per intero.', options.siteUrl));
    const done = action === 'cancel' ? 'La prenotazione è annullata: grazie di averlo detto, il posto passa a chi aspetta.' : 'Il posto è confermato: ti aspettiamo.';
    html(ctx, result.outcome === 'done' ? 200 : 409, managePage(result.view, manageUrl(token), `${options.siteUrl}/laboratori/`, result.outcome === 'done' ? done : result.message));
  }

  return {
    async book(ctx: Context) {
      const back = `${options.siteUrl}/laboratori/`;
      if (!ctx.is('application/x-www-form-urlencoded')) return html(ctx, 415, messagePage('Invio non riuscito', 'La prenotazione si invia dal modulo della pagina del laboratorio.', back));
      const result = await service.book({ body: (ctx.request as { body?: unknown }).body, client: clientHash(salt, ctx.request.ip) });
      switch (result.outcome) {
        case 'rate-limited':
          ctx.set('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
          return html(ctx, 429, messagePage('Troppe prenotazioni', `Da questa connessione sono arrivate troppe prenotazioni in poco tempo: riprova tra ${Math.ceil(result.retryAfterMs / 60_000)} minuti.`, back));
        case 'invalid':
          return html(ctx, 400, errorsPage(result.message, result.errors, back));
        case 'confirm':
          return html(ctx, 200, confirmPage(result.input, result.session, result.token, workshopUrl(options.siteUrl, result.session.slug)));
        case 'booked':
          return html(ctx, 201, bookedPage(result, result.link, workshopUrl(options.siteUrl, result.session.slug), await codeQr(result.code)));
      }
    },

    async seats(ctx: Context) {
      const seats = await service.seats(String((ctx.params as { workshop: string }).workshop));
      ctx.set('Cache-Control', 'no-store');
      if (!seats) {
        ctx.status = 404;
        ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'No published workshop with this documentId.' } };
        return;
      }
      ctx.body = { data: seats };
    },

    async manage(ctx: Context) {
      const token = (ctx.params as { token: string }).token;
      await service.expireHolds();
      const view = await service.view(token);
      if (!view) return html(ctx, 404, messagePage('Prenotazione non trovata', 'Questo link non corrisponde a nessuna prenotazione: controlla di averlo copiato per intero.', options.siteUrl));
      html(ctx, 200, managePage(view, manageUrl(token), `${options.siteUrl}/laboratori/`, undefined, view.state === 'confirmed' ? await codeQr(view.code) : ''));
    },

    async calendar(ctx: Context) {
      const ics = await service.calendar((ctx.params as { token: string }).token);
      ctx.set('Cache-Control', 'no-store');
      ctx.set('Referrer-Policy', 'no-referrer');
      if (!ics) return html(ctx, 404, messagePage('Prenotazione non trovata', 'Questo link non corrisponde a nessuna prenotazione attiva.', options.siteUrl));
      ctx.type = 'text/calendar; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="prenotazione.ics"');
      ctx.body = ics;
    },

    cancel: (ctx: Context) => manageResult(ctx, 'cancel'),
    confirm: (ctx: Context) => manageResult(ctx, 'confirm'),
  };
};
