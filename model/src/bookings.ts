/**
 * Bookings of a workshop's sessions: the states a booking goes through, their Italian words, the limits of
 * the booking form, and how free seats read on a page. Shared by the CMS (which keeps the bookings, private)
 * and the site (which shows the form and the seats).
 *
 * A booking is `confirmed` when seats were free, else `waiting`. When a seat frees, the first on the waiting
 * list whose seats fit is `offered` it for a while (a hold); confirming makes it `confirmed`, letting the hold
 * run out makes it `expired` and the seat passes on. The person or the office may `cancel` at any time before
 * the session.
 */
export const BOOKING_STATES = ['confirmed', 'waiting', 'offered', 'cancelled', 'expired'] as const;
export type BookingState = (typeof BOOKING_STATES)[number];

export const BOOKING_STATE_LABELS: Record<BookingState, string> = {
  confirmed: 'Confermata',
  waiting: "In lista d'attesa",
  offered: 'Posto libero da confermare',
  cancelled: 'Annullata',
  expired: 'Offerta scaduta',
};

/**
 * What a workshop entry is: a reuse and repair *laboratorio* open to everyone, or a *corso*, the district's
 * training of operators and Third Sector staff, with the same sessions, seats and certificates.
 */
export const WORKSHOP_FORMAT_LABELS = { laboratorio: 'Laboratorio', corso: 'Corso di formazione' } as const;
export type WorkshopFormat = keyof typeof WORKSHOP_FORMAT_LABELS;

/** Who a workshop or course is for. */
export const WORKSHOP_AUDIENCE_LABELS = {
  tutti: 'Aperto a tutti',
  operatori_pubblici: 'Operatori dei servizi pubblici',
  terzo_settore: 'Personale e volontari del Terzo Settore',
  operatori_e_terzo_settore: 'Operatori pubblici e del Terzo Settore',
} as const;
export type WorkshopAudience = keyof typeof WORKSHOP_AUDIENCE_LABELS;

/** The states that hold seats (or a place in the list): a new booking of the same person is a duplicate. */
export const ACTIVE_BOOKING_STATES: readonly BookingState[] = ['confirmed', 'waiting', 'offered'];

export const BOOKING_LIMITS = {
  /** Seats one booking may take (a family counts its seats). */
  maxSeats: 6,
  name: 120,
  email: 200,
  phone: 30,
  accessibility: 500,
} as const;

/** The form's field names, as the site posts them and the CMS reads them. */
export const BOOKING_FIELDS = ['workshop', 'session', 'name', 'email', 'phone', 'seats', 'accessibility', 'consent', 'website', 'confirmToken', 'returnTo'] as const;

/** A session's key among all bookings: the workshop's documentId and the session's start, in UTC. */
export const sessionKey = (workshop: string, start: string | Date): string => `${workshop}@${new Date(start).toISOString()}`;

/** How the seats of a session read on a page: «3 posti liberi», «1 posto libero», «Completo: lista d'attesa». */
export function seatsLabel(free: number): string {
  if (free <= 0) return "Completo: lista d'attesa aperta";
  return free === 1 ? '1 posto libero' : `${free} posti liberi`;
}

/** The short code a person shows at the door: 6 characters, no 0/O or 1/I/L to misread. */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A typed code in its stored form (upper case, without spaces or dashes), or undefined. */
export function normalizeBookingCode(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 20) return undefined;
  const chars = input.toUpperCase().replace(/[\s-]/g, '');
  return new RegExp(`^[${BOOKING_CODE_ALPHABET}]{6}$`).test(chars) ? chars : undefined;
}

/**
 * The public check of a certificate of attendance. The site's page of a code, `/attestati/<code>/`, is the
 * CMS's `GET /api/attestati/<code>` proxied at request time (a rewrite the site's build writes), so nothing
 * about a person is ever in the build; the site's form at `/attestati/` asks the CMS at
 * `/api/attestati/verifica?codice=…`, which sends the reader on to the page of the code typed.
 */
export const CERTIFICATE_ROUTES = {
  /** The site's page with the form; a code's page is below it. */
  page: '/attestati/',
  /** The CMS's check of one code, below it. */
  api: '/api/attestati',
  /** The form's target below `api` (never a code: codes have no I), and its field. */
  lookup: 'verifica',
  field: 'codice',
} as const;

/** The address of a code's page on the site, as the certificate and its e-mail print it. */
export const certificatePageUrl = (siteUrl: string, code: string): string => `${siteUrl.replace(/\/+$/, '')}${CERTIFICATE_ROUTES.page}${encodeURIComponent(code)}/`;
