/**
 * Following a section by e-mail, without an account (features/subscriptions). Custom public routes only:
 * subscriptions have no content type, so no API lists or reads them. The links' tokens are masked in the
 * log (platform/logging.ts).
 */
export default {
  routes: [
    { method: 'GET', path: '/iscrizioni', handler: 'subscription.form', config: { auth: false } },
    { method: 'POST', path: '/iscrizioni', handler: 'subscription.subscribe', config: { auth: false } },
    { method: 'GET', path: '/iscrizioni/conferma/:token', handler: 'subscription.confirmForm', config: { auth: false } },
    { method: 'POST', path: '/iscrizioni/conferma/:token', handler: 'subscription.confirm', config: { auth: false } },
    { method: 'GET', path: '/iscrizioni/annulla/:token', handler: 'subscription.unsubscribeForm', config: { auth: false } },
    { method: 'POST', path: '/iscrizioni/annulla/:token', handler: 'subscription.unsubscribe', config: { auth: false } },
    { method: 'GET', path: '/iscrizioni/gestisci/:token', handler: 'subscription.manage', config: { auth: false } },
    { method: 'POST', path: '/iscrizioni/gestisci/:token', handler: 'subscription.manageAction', config: { auth: false } },
  ],
};
