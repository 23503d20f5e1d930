/**
 * The public subscription pages (features/subscriptions). Each handler reads the request, asks the
 * subscription service, and answers with an Italian page; the form is a plain form post.
 *
 * GET  /api/iscrizioni                    the form, with a list's filters from the query filled in
 * POST /api/iscrizioni                    the form's post: «check your mail», or the form with its errors
 * GET  /api/iscrizioni/conferma/:token    the confirmation's page (a button: a mail scanner's visit confirms nothing)
 * POST /api/iscrizioni/conferma/:token    confirms
 * GET  /api/iscrizioni/annulla/:token     the unsubscribe page (a button)
 * POST /api/iscrizioni/annulla/:token     unsubscribes: the button, or a mail program's one-click post (RFC 8058)
 * GET  /api/iscrizioni/gestisci/:token    the address's subscriptions
 * POST /api/iscrizioni/gestisci/:token    ends one of them (`annulla=<id>`) or all (`annulla=tutte`)
 */
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { SUBSCRIPTION_PARAMS, SUBSCRIPTION_ROUTES } from '@coesione/model';
import { sendPage as html } from '../../../platform/html';
import { clientHash } from '../../../platform/security';
import { readFilters } from '../../../features/subscriptions/filters';
import { confirmedPage, confirmPage, formPage, managePage, messagePage, sentPage, topicFormPage, unsubscribedPage, unsubscribePage } from '../../../features/subscriptions/html';
import { readTopic } from '../../../features/subscriptions/topics';
import { subscriptionsOf } from '../../../features/subscriptions';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const { service, siteUrl, cmsUrl, salt } = subscriptionsOf(strapi);
  const token = (ctx: Context) => (ctx.params as { token: string }).token;
  const body = (ctx: Context) => ((ctx.request as { body?: unknown }).body ?? {}) as Record<string, unknown>;
  const gone = (ctx: Context) =>
    html(ctx, 404, messagePage('Iscrizione non trovata', 'Questo link non corrisponde a nessuna iscrizione: forse l’hai già annullata, o il link non è intero. Puoi iscriverti di nuovo dal sito.', siteUrl));
  const formAction = () => `${cmsUrl()}${SUBSCRIPTION_ROUTES.form}`;

  return {
    async form(ctx: Context) {
      const topic = await readTopic(strapi, ctx.query as Record<string, unknown>, new Date(service.clock()));
      if (topic?.error) return html(ctx, 400, messagePage('Non si può seguire', topic.error, siteUrl));
      if (topic?.filters) return html(ctx, 200, topicFormPage(formAction(), topic.filters, {}, siteUrl));
      const vocabulary = await service.vocabulary();
      const { filters, errors } = readFilters(ctx.query as Record<string, unknown>, vocabulary);
      // A link with no section is a fresh form, not a mistake; one that names what does not exist says so.
      if (!(ctx.query as Record<string, unknown>)[SUBSCRIPTION_PARAMS.type]) delete errors.type;
      html(ctx, Object.keys(errors).length ? 400 : 200, formPage(formAction(), vocabulary, { filters, errors }, siteUrl));
    },

    async subscribe(ctx: Context) {
      if (!ctx.is('application/x-www-form-urlencoded')) return html(ctx, 415, messagePage('Invio non riuscito', 'L’iscrizione si invia dal modulo «Ricevi aggiornamenti».', siteUrl));
      const result = await service.subscribe(body(ctx), clientHash(salt, ctx.request.ip));
      switch (result.outcome) {
        case 'invalid':
          if (result.topicError) return html(ctx, 400, messagePage('Non si può seguire', result.topicError, siteUrl));
          if (result.topic) return html(ctx, 400, topicFormPage(formAction(), result.topic, result, siteUrl));
          return html(ctx, 400, formPage(formAction(), await service.vocabulary(), result, siteUrl));
        case 'rate-limited':
          ctx.set('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
          return html(ctx, 429, messagePage('Troppe richieste', `Sono arrivate troppe iscrizioni in poco tempo: riprova tra ${Math.ceil(result.retryAfterMs / 60_000)} minuti.`, siteUrl));
        case 'sent':
          return html(ctx, 200, sentPage(result.email, result.description, siteUrl));
      }
    },

    async confirmForm(ctx: Context) {
      const state = await service.pending(token(ctx));
      if (state.state === 'unknown') return gone(ctx);
      if (state.state === 'expired') return html(ctx, 410, messagePage('Link scaduto', 'Il link di conferma è scaduto: per ricevere gli aggiornamenti iscriviti di nuovo dal sito.', siteUrl));
      html(ctx, 200, confirmPage(`${cmsUrl()}${SUBSCRIPTION_ROUTES.confirm}/${token(ctx)}`, state.description!));
    },

    async confirm(ctx: Context) {
      const result = await service.confirm(token(ctx));
      if (result.state === 'unknown') return gone(ctx);
      if (result.state === 'expired') return html(ctx, 410, messagePage('Link scaduto', 'Il link di conferma è scaduto: per ricevere gli aggiornamenti iscriviti di nuovo dal sito.', siteUrl));
      html(ctx, 200, confirmedPage(result.description!, result.manage!, siteUrl, result.state === 'active'));
    },

    async unsubscribeForm(ctx: Context) {
      const view = await service.manage(token(ctx));
      const current = view?.subscriptions.find((s) => s.id === view.current);
      if (!current) return gone(ctx);
      html(ctx, 200, unsubscribePage(`${cmsUrl()}${SUBSCRIPTION_ROUTES.unsubscribe}/${token(ctx)}`, current.description));
    },

    async unsubscribe(ctx: Context) {
      const ended = await service.unsubscribe(token(ctx));
      if (ended === 0) return gone(ctx);
      html(ctx, 200, unsubscribedPage(ended, siteUrl, cmsUrl()));
    },

    async manage(ctx: Context) {
      const view = await service.manage(token(ctx));
      if (!view) return gone(ctx);
      html(ctx, 200, managePage(`${cmsUrl()}${SUBSCRIPTION_ROUTES.manage}/${token(ctx)}`, view.email, view.subscriptions, siteUrl, cmsUrl()));
    },

    async manageAction(ctx: Context) {
      const which = String(body(ctx).annulla ?? '');
      if (which !== 'tutte' && !/^\d{1,12}$/.test(which)) return html(ctx, 400, messagePage('Richiesta non valida', 'Scegli dalla pagina delle tue iscrizioni quale annullare.', siteUrl));
      const ended = await service.unsubscribe(token(ctx), which === 'tutte' ? 'all' : Number(which));
      const view = await service.manage(token(ctx));
      if (!view) return ended > 0 ? html(ctx, 200, unsubscribedPage(ended, siteUrl, cmsUrl())) : gone(ctx);
      html(ctx, ended > 0 ? 200 : 404, managePage(`${cmsUrl()}${SUBSCRIPTION_ROUTES.manage}/${token(ctx)}`, view.email, view.subscriptions, siteUrl, cmsUrl(), ended > 0 ? 'L’iscrizione è annullata.' : 'Questa iscrizione non c’è più.'));
    },
  };
};
