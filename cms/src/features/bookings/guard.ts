/**
 * Bookings are tied to a session by its workshop and start time. An edit that moves or removes a session
 * still to come that holds active bookings is refused with an Italian message: the people booked would
 * lose their seats without a word. So is a booking window that closes before it opens.
 */
import { errors } from '@strapi/utils';
import { ACTIVE_BOOKING_STATES, uidOf } from '@coesione/model';
import type { Core } from '@strapi/strapi';
import { isRecord } from '../../platform/published-change';
import { BOOKING } from './service';

const WORKSHOP = uidOf('workshop');
const day = (iso: Date | string) => new Date(iso).toLocaleString('it-IT', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });

/** «Prenotazioni fino al» before «Prenotazioni dal» would close bookings before they open. */
function checkWindow(data: unknown): void {
  if (!isRecord(data) || typeof data.bookingOpens !== 'string' || typeof data.bookingCloses !== 'string') return;
  if (Date.parse(data.bookingCloses) > Date.parse(data.bookingOpens)) return;
  const message = `«Prenotazioni fino al» (${day(data.bookingCloses)}) viene prima di «Prenotazioni dal» (${day(data.bookingOpens)}): correggi una delle due date, o lasciane vuota una.`;
  throw new errors.ValidationError(message, { errors: [{ path: ['bookingCloses'], message, name: 'ValidationError', value: data.bookingCloses }] });
}

export function registerSessionGuard(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== WORKSHOP || (context.action !== 'update' && context.action !== 'create')) return next();
    checkWindow((context.params as { data?: unknown }).data);
    if (context.action !== 'update') return next();
    const { data, documentId } = context.params as { data?: unknown; documentId?: string };
    if (!documentId || !isRecord(data) || !Array.isArray(data.sessions)) return next();
    const kept = new Set(data.sessions.map((s) => (isRecord(s) && typeof s.start === 'string' ? Date.parse(s.start) : Number.NaN)));
    const active = (await strapi.db.query(BOOKING).findMany({
      where: { workshopDocumentId: documentId, state: { $in: [...ACTIVE_BOOKING_STATES] }, sessionStart: { $gt: new Date() } },
      select: ['sessionStart'],
    })) as { sessionStart: string }[];
    const lost = active.filter((b) => !kept.has(Date.parse(b.sessionStart)));
    if (lost.length > 0) {
      const first = lost[0]!.sessionStart;
      const count = lost.filter((b) => Date.parse(b.sessionStart) === Date.parse(first)).length;
      const message = `L'incontro del ${day(first)} ha ${count === 1 ? '1 prenotazione attiva' : `${count} prenotazioni attive`}: non si può spostare né togliere. Lascia data e ora come sono e scrivi il cambiamento nella nota dell'incontro, poi avvisa chi ha prenotato.`;
      throw new errors.ValidationError(message, { errors: [{ path: ['sessions'], message, name: 'ValidationError', value: first }] });
    }
    return next();
  });
}
