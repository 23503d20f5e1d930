/**
 * Custom public routes only: a certificate is read by its verification code (what the public may know) or
 * downloaded by its personal link (masked in the log, platform/logging.ts); nothing lists certificates.
 */
export default {
  routes: [
    { method: 'GET', path: '/attestati/scarica/:token', handler: 'certificate.download', config: { auth: false } },
    { method: 'GET', path: '/attestati/:code', handler: 'certificate.verify', config: { auth: false } },
  ],
};
