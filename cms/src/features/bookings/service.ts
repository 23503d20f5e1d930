/**
 * Bookings, apart from HTTP: a booking goes through the rate limit, the form's checks, the session's
 * (published, not started, seats that can fit), the duplicate check, a confirmation page (a person read
 * what they send), and then takes its seats or a place on the waiting list. A seat that frees (a
 * cancellation, a hold run out) goes to the first on the list whose seats fit, held for them for
 * BOOKING_HOLD_HOURS. Every change of state is one conditional update, so two processes never both act.
 */
import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import { ACTIVE_BOOKING_STATES, BOOKING_CODE_ALPHABET, sessionKey, uidOf, type BookingState } from '@coesione/model';
import { isUniqueViolation } from '../../platform/coordination/tables';
import { ConfirmTokens, contentHash, memoryLimiter, memoryTokens, type Limiter, type TokenLedger } from '../../platform/security';
import type { BookingOptions } from './options';
import { seatCounter, type SeatCounter } from './seats';
import { summary, validateBooking, type BookingInput, type FieldError } from './validation';

export const BOOKING = uidOf('booking') as UID.ContentType;
const WORKSHOP = uidOf('workshop') as UID.ContentType;

/** One session as a booking sees it. */
export interface BookableSession {
  workshop: string;
  title: string;
  slug: string;
  start: string;
  end: string | null;
  capacity: number;
  key: string;
}

export interface BookingView {
  code: string;
  state: BookingState;
  seats: number;
  name: string;
  session: { title: string; slug: string; start: string };
  heldUntil: string | null;
  /** Whether the person may still cancel (before the session starts). */
  cancellable: boolean;
}

export type BookResult =
  | { outcome: 'invalid'; errors: FieldError[]; message: string }
  | { outcome: 'confirm'; input: BookingInput; session: BookableSession; token: string }
  | { outcome: 'booked'; state: 'confirmed' | 'waiting'; code: string; secret: string; session: BookableSession; seats: number }
  | { outcome: 'rate-limited'; retryAfterMs: number };

export type ManageResult = { outcome: 'done'; view: BookingView } | { outcome: 'refused'; view: BookingView; message: string } | { outcome: 'unknown' };

export interface SessionSeats {
  start: string;
  capacity: number;
  free: number;
}

interface Row {
  id: number;
  code: string;
  state: BookingState;
  seats: number;
  name: string;
  workshopTitle: string;
  workshopDocumentId: string;
  sessionStart: string;
  sessionKey: string;
  heldUntil: string | null;
  createdAt: string;
}

export interface BookingServiceDeps {
  strapi: Core.Strapi;
  options: BookingOptions;
  /** Signs confirmation tokens and keys the contact hash (SUBMISSION_SALT). */
  salt: string;
  seats?: SeatCounter;
  limiter?: Limiter;
  tokens?: TokenLedger;
  now?: () => number;
}

const invalid = (errors: FieldError[], message = summary(errors)) => ({ outcome: 'invalid' as const, errors, message });
const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');

function newCode(): string {
  const bytes = crypto.randomBytes(6);
  return Array.from(bytes, (b) => BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length]).join('');
}

export function createBookingService({
  strapi,
  options,
  salt,
  seats = seatCounter(() => strapi.db.connection),
  now = Date.now,
  limiter = memoryLimiter({ limit: options.rateLimit, windowMs: options.rateWindowMs }, now),
  tokens = memoryTokens(),
}: BookingServiceDeps) {
  const confirmations = new ConfirmTokens(salt, { minAgeMs: options.minReadMs, ttlMs: options.confirmTtlMs }, tokens);
  const query = () => strapi.db.query(BOOKING);
  const contactKey = (kind: string, value: string) => crypto.createHmac('sha256', salt).update(`booking-contact\n${kind}\n${value}`).digest('hex');
  /** Keyed hashes of the person's e-mail and phone (each alone is enough to spot a second booking); the first is stored. */
  const contactHashes = (input: BookingInput) => [
    ...(input.email ? [contactKey('email', input.email)] : []),
    ...(input.phone ? [contactKey('phone', input.phone.replace(/\D/g, ''))] : []),
  ];

  /** The published workshop's session that starts at `start`, if it takes bookings (a capacity is set). */
  async function bookableSession(workshop: string, start: string): Promise<BookableSession | undefined> {
    const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, status: 'published', populate: { sessions: true } } as never)) as {
      documentId: string; title: string; slug: string; capacity?: number | null; sessions?: { start: string; end?: string | null }[];
    } | null;
    const at = Date.parse(start);
    const session = entry?.sessions?.find((s) => Date.parse(s.start) === at);
    if (!entry || !session || !entry.capacity || entry.capacity < 1) return undefined;
    return { workshop, title: entry.title, slug: entry.slug, start: new Date(at).toISOString(), end: session.end ?? null, capacity: entry.capacity, key: sessionKey(workshop, new Date(at)) };
  }

  const viewOf = (row: Row): BookingView => ({
    code: row.code,
    state: row.state,
    seats: row.seats,
    name: row.name,
    session: { title: row.workshopTitle, slug: '', start: new Date(row.sessionStart).toISOString() },
    heldUntil: row.heldUntil ? new Date(row.heldUntil).toISOString() : null,
    cancellable: (ACTIVE_BOOKING_STATES as readonly string[]).includes(row.state) && Date.parse(row.sessionStart) > now(),
  });

  const rowByToken = async (secret: unknown): Promise<Row | undefined> => {
    if (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
    return ((await query().findOne({ where: { tokenHash: sha256(secret) } })) as Row | null) ?? undefined;
  };

  /** Moves a booking from one state to another if it is still in it; true when this call moved it. */
  async function move(id: number, from: BookingState, data: Record<string, unknown>): Promise<boolean> {
    const { count } = (await query().updateMany({ where: { id, state: from }, data })) as { count: number };
    return count === 1;
  }

  /** Offers freed seats at `key` to the waiting list, in order, to whoever's seats fit. */
  async function promote(key: string, capacity: number): Promise<void> {
    const waiting = (await query().findMany({ where: { sessionKey: key, state: 'waiting' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as Row[];
    for (const row of waiting) {
      if (!(await seats.take(key, row.seats, capacity))) continue;
      const heldUntil = new Date(now() + options.holdMs);
      if (!(await move(row.id, 'waiting', { state: 'offered', heldUntil }))) await seats.release(key, row.seats);
      else strapi.log.info(`bookings: a seat at a session was offered to the waiting list (booking ${row.id})`);
    }
  }

  /** Gives back a booking's seats and offers them on. */
  async function free(row: Row): Promise<void> {
    await seats.release(row.sessionKey, row.seats);
    const session = await bookableSession(row.workshopDocumentId, row.sessionStart);
    if (session && Date.parse(session.start) > now()) await promote(row.sessionKey, session.capacity);
  }

  async function check(body: unknown, client: string): Promise<Exclude<BookResult, { outcome: 'booked' | 'rate-limited' }> | { outcome: 'valid'; input: BookingInput; session: BookableSession }> {
    const read = validateBooking(body);
    if (!read.ok) return invalid(read.errors);
    const { value: input, fields } = read;
    const session = await bookableSession(input.workshop, input.session);
    if (!session) return invalid([{ path: ['session'], message: "Questo incontro non c'è più o non accetta prenotazioni: guarda la pagina del laboratorio per le date aggiornate." }]);
    if (Date.parse(session.start) <= now()) return invalid([{ path: ['session'], message: 'Le prenotazioni per questo incontro sono chiuse: è già cominciato.' }]);
    if (input.seats > session.capacity) return invalid([{ path: ['seats'], message: `L'incontro ha ${session.capacity} posti in tutto: chiedi al massimo ${session.capacity} posti.` }]);
    const duplicate = await query().findOne({ where: { sessionKey: session.key, contactHash: { $in: contactHashes(input) }, state: { $in: [...ACTIVE_BOOKING_STATES] } }, select: ['id'] });
    if (duplicate) {
      return invalid([{ path: ['email'], message: 'Con questa e-mail o questo telefono c’è già una prenotazione per questo incontro: per cambiarla, annullala con il link della ricevuta e prenota di nuovo.' }]);
    }
    const binding = { content: contentHash({ ...input }), client };
    if (fields.confirmToken === undefined) return { outcome: 'confirm', input, session, token: confirmations.issue(binding, now()) };
    const refusal = await confirmations.redeem(fields.confirmToken, binding, now());
    if (refusal === 'too-soon') return invalid([{ path: ['confirmToken'], message: 'Conferma troppo rapida: rileggi i dati e premi di nuovo «Conferma la prenotazione».' }]);
    if (refusal) return invalid([{ path: ['confirmToken'], message: 'Questa conferma non è valida, è scaduta o è già stata usata: torna alla pagina del laboratorio e prenota di nuovo.' }]);
    return { outcome: 'valid', input, session };
  }

  async function store(input: BookingInput, session: BookableSession, state: 'confirmed' | 'waiting'): Promise<{ code: string; secret: string }> {
    const secret = crypto.randomBytes(32).toString('base64url');
    for (let attempt = 0; ; attempt++) {
      const code = newCode();
      try {
        await query().create({
          data: {
            code, state, seats: input.seats, name: input.name, email: input.email ?? null, phone: input.phone ?? null, accessibility: input.accessibility ?? null,
            workshopTitle: session.title, workshopDocumentId: session.workshop, sessionStart: session.start, sessionKey: session.key,
            tokenHash: sha256(secret), contactHash: contactHashes(input)[0],
          },
        });
        return { code, secret };
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 4) throw error;
      }
    }
  }

  return {
    bookableSession,

    async book({ body, client }: { body: unknown; client: string }): Promise<BookResult> {
      const slot = await limiter.take(client);
      if (!slot.ok) return { outcome: 'rate-limited', retryAfterMs: slot.retryAfterMs };
      let booked: BookResult | undefined;
      try {
        const checked = await check(body, client);
        if (checked.outcome !== 'valid') return checked;
        const { input, session } = checked;
        const state = (await seats.take(session.key, input.seats, session.capacity)) ? 'confirmed' : 'waiting';
        try {
          const { code, secret } = await store(input, session, state);
          booked = { outcome: 'booked', state, code, secret, session, seats: input.seats };
        } catch (error) {
          if (state === 'confirmed') await seats.release(session.key, input.seats);
          throw error;
        }
        strapi.log.info(`bookings: a booking was ${state === 'confirmed' ? 'confirmed' : 'put on the waiting list'}`);
        return booked;
      } finally {
        // Only a stored booking counts against the limit: a person correcting errors is not a flood.
        if (!booked) await slot.release();
      }
    },

    async view(secret: unknown): Promise<BookingView | undefined> {
      const row = await rowByToken(secret);
      return row && viewOf(row);
    },

    async cancel(secret: unknown): Promise<ManageResult> {
      const row = await rowByToken(secret);
      if (!row) return { outcome: 'unknown' };
      if (!viewOf(row).cancellable) return { outcome: 'refused', view: viewOf(row), message: row.state === 'cancelled' ? 'Questa prenotazione era già annullata.' : "La prenotazione non si può più annullare: l'incontro è cominciato o la prenotazione non è attiva." };
      if (!(await move(row.id, row.state, { state: 'cancelled', cancelledAt: new Date(now()), heldUntil: null }))) return this.cancel(secret);
      if (row.state !== 'waiting') await free(row);
      strapi.log.info(`bookings: booking ${row.id} was cancelled by its link`);
      return { outcome: 'done', view: viewOf({ ...row, state: 'cancelled', heldUntil: null }) };
    },

    async confirm(secret: unknown): Promise<ManageResult> {
      const row = await rowByToken(secret);
      if (!row) return { outcome: 'unknown' };
      const live = row.state === 'offered' && row.heldUntil !== null && Date.parse(row.heldUntil) > now();
      if (!live || !(await move(row.id, 'offered', { state: 'confirmed', heldUntil: null }))) {
        return { outcome: 'refused', view: viewOf(row), message: row.state === 'confirmed' ? 'Il posto era già confermato.' : 'Il posto non è più riservato per te: il tempo per confermarlo è scaduto.' };
      }
      return { outcome: 'done', view: viewOf({ ...row, state: 'confirmed', heldUntil: null }) };
    },

    /** Ends the holds that ran out and offers their seats on; returns how many ended. */
    async expireHolds(): Promise<number> {
      const due = (await query().findMany({ where: { state: 'offered', heldUntil: { $lt: new Date(now()) } } })) as Row[];
      let ended = 0;
      for (const row of due) {
        if (!(await move(row.id, 'offered', { state: 'expired', heldUntil: null }))) continue;
        ended++;
        await free(row);
      }
      return ended;
    },

    /** The published workshop's sessions still to come, with their free seats (all the public learns of bookings). */
    async seats(workshop: string): Promise<SessionSeats[] | undefined> {
      const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, status: 'published', populate: { sessions: true } } as never)) as {
        capacity?: number | null; sessions?: { start: string }[];
      } | null;
      if (!entry) return undefined;
      const capacity = entry.capacity ?? 0;
      const upcoming = (entry.sessions ?? []).filter((s) => Date.parse(s.start) > now()).map((s) => ({ start: new Date(s.start).toISOString(), key: sessionKey(workshop, s.start) }));
      const taken = await seats.taken(upcoming.map((s) => s.key));
      return upcoming.map((s) => ({
        start: s.start,
        capacity,
        free: Math.max(0, capacity - (taken.get(s.key) ?? 0)),
      }));
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
