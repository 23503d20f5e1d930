/**
 * The booking form's fields, read from a plain form post and checked, each error in Italian on its field.
 * What is checked against the database (the session, the seats, a duplicate) is the service's.
 */
import { BOOKING_LIMITS } from '@coesione/model';
import { isRecord } from '../../platform/published-change';

export interface FieldError {
  path: string[];
  message: string;
}

export interface BookingInput {
  workshop: string;
  session: string;
  name: string;
  email: string | undefined;
  phone: string | undefined;
  seats: number;
  accessibility: string | undefined;
}

export const BOOKING_FIELD_LABELS: Record<string, string> = {
  name: 'Nome e cognome',
  email: 'E-mail',
  phone: 'Telefono',
  seats: 'Posti',
  accessibility: 'Esigenze di accessibilità',
  consent: 'Consenso al trattamento dei dati',
  session: 'Incontro',
  website: 'Lascia vuoto questo campo',
  confirmToken: 'Conferma',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** The checked input, or the errors (nothing is stored with errors). */
export function validateBooking(body: unknown): { ok: true; value: BookingInput; fields: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  if (!isRecord(body)) return { ok: false, errors: [{ path: ['session'], message: 'La richiesta non contiene un modulo di prenotazione: torna alla pagina del laboratorio e riprova.' }] };
  const errors: FieldError[] = [];
  const error = (field: string, message: string) => errors.push({ path: [field], message });
  if (text(body.website)) error('website', `«${BOOKING_FIELD_LABELS.website}» deve restare vuoto: è un campo di controllo contro gli invii automatici.`);
  const workshop = text(body.workshop);
  const session = text(body.session);
  if (!workshop || !/^[a-z0-9]{10,40}$/.test(workshop) || !session || Number.isNaN(Date.parse(session))) {
    error('session', "Non è chiaro quale incontro vuoi prenotare: torna alla pagina del laboratorio e usa il modulo dell'incontro.");
  }
  const name = text(body.name);
  if (!name || name.length < 2) error('name', 'Scrivi nome e cognome di chi partecipa.');
  else if (name.length > BOOKING_LIMITS.name) error('name', `Nome e cognome: al massimo ${BOOKING_LIMITS.name} caratteri.`);
  const email = text(body.email);
  const phone = text(body.phone);
  if (!email && !phone) error('email', "Scrivi un'e-mail o un numero di telefono: servono per avvisarti se l'incontro cambia o se si libera un posto.");
  if (email && (email.length > BOOKING_LIMITS.email || !EMAIL.test(email))) error('email', "L'e-mail non sembra giusta: controlla che sia nella forma nome@esempio.it.");
  if (phone && (phone.length > BOOKING_LIMITS.phone || !/^\+?[\d\s./-]{6,}$/.test(phone) || phone.replace(/\D/g, '').length < 6)) {
    error('phone', 'Il numero di telefono non sembra giusto: scrivi solo cifre, con il prefisso se è estero (es. 0161 123456).');
  }
  const seatsText = text(body.seats) ?? '1';
  const seats = /^\d{1,2}$/.test(seatsText) ? Number(seatsText) : Number.NaN;
  if (!Number.isInteger(seats) || seats < 1 || seats > BOOKING_LIMITS.maxSeats) error('seats', `Posti: un numero da 1 a ${BOOKING_LIMITS.maxSeats} (chi viene con te conta un posto ciascuno).`);
  const accessibility = text(body.accessibility);
  if (accessibility && accessibility.length > BOOKING_LIMITS.accessibility) error('accessibility', `Esigenze di accessibilità: al massimo ${BOOKING_LIMITS.accessibility} caratteri.`);
  const consent = body.consent === 'on' || body.consent === 'true' || body.consent === true;
  if (!consent) error('consent', "Per prenotare serve il consenso al trattamento dei dati, usati solo per questa prenotazione e cancellati dopo l'incontro.");
  if (errors.length > 0 || !workshop || !session || !name) return { ok: false, errors };
  return { ok: true, value: { workshop, session: new Date(session).toISOString(), name, email: email?.toLowerCase(), phone, seats, accessibility }, fields: body };
}

export const summary = (errors: FieldError[]): string =>
  errors.length === 1 ? 'La prenotazione non è stata registrata: c’è un errore da correggere.' : `La prenotazione non è stata registrata: ci sono ${errors.length} errori da correggere.`;
