/**
 * Custom public routes only: no find / findOne / update / delete exists for bookings, so the public role
 * cannot list or read them whatever its permissions say. The personal link's token is masked in the log
 * (platform/logging.ts).
 */
export default {
  routes: [
    { method: 'POST', path: '/bookings', handler: 'booking.book', config: { auth: false } },
    { method: 'GET', path: '/bookings/seats/:workshop', handler: 'booking.seats', config: { auth: false } },
    { method: 'GET', path: '/bookings/manage/:token', handler: 'booking.manage', config: { auth: false } },
    { method: 'GET', path: '/bookings/manage/:token/calendario.ics', handler: 'booking.calendar', config: { auth: false } },
    { method: 'POST', path: '/bookings/manage/:token/annulla', handler: 'booking.cancel', config: { auth: false } },
    { method: 'POST', path: '/bookings/manage/:token/conferma', handler: 'booking.confirm', config: { auth: false } },
  ],
};
