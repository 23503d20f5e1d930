/**
 * Bookings, apart from HTTP: a booking goes through the rate limit, the form's checks, the session's
 * (published, not started, seats that can fit), the duplicate check, a confirmation page (a person read
 * what they send), and then takes its seats or a place on the waiting list. A seat that frees (a
 * cancellation, a hold run out) goes to the first on the list whose seats fit, held for them for
 * BOOKING_HOLD_HOURS. Every change of state is one conditional update, so two processes never both act.
 */
import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import { ACTIVE_BOOKING_STATES, BOOKING_CODE_ALPHABET, icalendar, normalizeBookingCode, romeDay, sessionKey, uidOf, type BookingState } from '@coesione/model';
import { isUniqueViolation } from '../../platform/coordination/tables';
import { outboxOf, type Outbox } from '../../platform/mail';
import { ConfirmTokens, contentHash, memoryLimiter, memoryTokens, type Limiter, type TokenLedger } from '../../platform/security';
import type { AttendanceAnswer, RollEntry, SessionSummary } from './contract';
import { bookingMessage, type BookingTopic } from './messages';
import type { BookingOptions } from './options';
import { contactClaims, seatCounter, type ContactClaims, type SeatCounter } from './seats';
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
  /** Where it takes place, as the workshop's page says it (label and address). */
  place: string | null;
  /** When bookings open and close («Prenotazioni dal», «Prenotazioni fino al»), if the workshop says. */
  opens: string | null;
  closes: string | null;
}

export interface BookingView {
  code: string;
  state: BookingState;
  seats: number;
  name: string;
  session: { title: string; start: string };
  heldUntil: string | null;
  /** Whether the person may still cancel (before the session starts). */
  cancellable: boolean;
}

export type BookResult =
  | { outcome: 'invalid'; errors: FieldError[]; message: string }
  | { outcome: 'confirm'; input: BookingInput; session: BookableSession; token: string }
  | { outcome: 'booked'; state: 'confirmed' | 'waiting'; code: string; link: string; session: BookableSession; seats: number }
  | { outcome: 'rate-limited'; retryAfterMs: number };

export type ManageResult = { outcome: 'done'; view: BookingView } | { outcome: 'refused'; view: BookingView; message: string } | { outcome: 'unknown' };

export interface SessionSeats {
  start: string;
  capacity: number;
  free: number;
  /** Why bookings are not open now (before «Prenotazioni dal», after «fino al»), or null. */
  closed: string | null;
}

interface Row {
  id: number;
  code: string;
  state: BookingState;
  seats: number;
  name: string;
  email: string | null;
  linkNonce: string;
  workshopTitle: string;
  workshopDocumentId: string;
  sessionStart: string;
  sessionKey: string;
  heldUntil: string | null;
  attendedAt: string | null;
  createdAt: string;
}

export interface BookingServiceDeps {
  strapi: Core.Strapi;
  options: BookingOptions;
  /** Signs confirmation tokens and keys the contact hash (SUBMISSION_SALT). */
  salt: string;
  seats?: SeatCounter;
  contacts?: ContactClaims;
  /** Where messages are queued (the CMS's outbox by default). */
  outbox?: Outbox;
  /** The CMS's public address, for the personal link in pages and messages. */
  baseUrl: () => string;
  limiter?: Limiter;
  tokens?: TokenLedger;
  now?: () => number;
}

/** A session's seats: its own «Posti di questo incontro», else the workshop's «Posti disponibili», else none. */
const capacityOf = (session: { capacity?: number | null }, workshop: { capacity?: number | null } | null | undefined): number => session.capacity ?? workshop?.capacity ?? 0;

const invalid = (errors: FieldError[], message = summary(errors)) => ({ outcome: 'invalid' as const, errors, message });
const duplicateBooking = () =>
  invalid([{ path: ['email'], message: 'Con questa e-mail o questo telefono c’è già una prenotazione per questo incontro: per cambiarla, annullala con il link della ricevuta e prenota di nuovo.' }]);

const dayText = (iso: string) => new Date(iso).toLocaleString('it-IT', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });

/** Why bookings are not open at `at` (the workshop's «Prenotazioni dal» / «fino al»), or undefined when they are. */
export function bookingWindow(session: Pick<BookableSession, 'opens' | 'closes'>, at: number): string | undefined {
  if (session.opens && at < Date.parse(session.opens)) return `Le prenotazioni si aprono il ${dayText(session.opens)}: torna a prenotare da quel momento.`;
  if (session.closes && at >= Date.parse(session.closes)) return `Le prenotazioni si sono chiuse il ${dayText(session.closes)}: per un posto rimasto libero chiedi all'ente che organizza.`;
  return undefined;
}

function newCode(): string {
  const bytes = crypto.randomBytes(6);
  return Array.from(bytes, (b) => BOOKING_CODE_ALPHABET[b % BOOKING_CODE_ALPHABET.length]).join('');
}

export function createBookingService({
  strapi,
  options,
  salt,
  seats = seatCounter(() => strapi.db.connection),
  contacts = contactClaims(() => strapi.db.connection),
  outbox = outboxOf(strapi),
  baseUrl,
  now = Date.now,
  limiter = memoryLimiter({ limit: options.rateLimit, windowMs: options.rateWindowMs }, now),
  tokens = memoryTokens(),
}: BookingServiceDeps) {
  const confirmations = new ConfirmTokens(salt, { minAgeMs: options.minReadMs, ttlMs: options.confirmTtlMs }, tokens);
  const query = () => strapi.db.query(BOOKING);

  // The personal link: a random nonce (stored) and its MAC under the salt (not stored). The server can write
  // the link again for a message; the database alone cannot.
  const mac = (nonce: string) => crypto.createHmac('sha256', salt).update(`booking-link\n${nonce}`).digest('base64url').slice(0, 22);
  const linkOf = (nonce: string) => `${baseUrl()}/api/bookings/manage/${nonce}.${mac(nonce)}`;

  /** Queues a booking's message when the person left an e-mail. */
  async function tell(topic: BookingTopic, row: Pick<Row, 'email' | 'name' | 'workshopTitle' | 'sessionStart' | 'seats' | 'code' | 'linkNonce'>, heldUntil?: Date) {
    if (!row.email) return;
    const facts = { to: row.email, name: row.name, title: row.workshopTitle, start: new Date(row.sessionStart).toISOString(), seats: row.seats, code: row.code, link: linkOf(row.linkNonce) };
    await outbox.queue(bookingMessage(topic, heldUntil ? { ...facts, heldUntil: heldUntil.toISOString() } : facts));
  }
  const contactKey = (kind: string, value: string) => crypto.createHmac('sha256', salt).update(`booking-contact\n${kind}\n${value}`).digest('hex');
  /** Keyed hashes of the person's e-mail and phone: each alone spots a second booking (seats.ts); the first names the person for certificates. */
  const contactHashes = (input: BookingInput) => [
    ...(input.email ? [contactKey('email', input.email)] : []),
    ...(input.phone ? [contactKey('phone', input.phone.replace(/\D/g, ''))] : []),
  ];

  /** The published workshop's session that starts at `start`, if it takes bookings (a capacity is set). */
  async function bookableSession(workshop: string, start: string): Promise<BookableSession | undefined> {
    const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, status: 'published', populate: { sessions: true, location: true } } as never)) as {
      documentId: string; title: string; slug: string; capacity?: number | null; bookingOpens?: string | null; bookingCloses?: string | null; sessions?: { start: string; end?: string | null; cancelled?: boolean | null; capacity?: number | null }[]; location?: { label?: string | null; address?: string | null } | null;
    } | null;
    const at = Date.parse(start);
    const session = entry?.sessions?.find((s) => Date.parse(s.start) === at);
    const capacity = session ? capacityOf(session, entry) : 0;
    if (!entry || !session || session.cancelled || capacity < 1) return undefined;
    const place = [entry.location?.label, entry.location?.address].filter(Boolean).join(', ') || null;
    const iso = (value?: string | null) => (value ? new Date(value).toISOString() : null);
    return {
      workshop, title: entry.title, slug: entry.slug, start: new Date(at).toISOString(), end: session.end ?? null, capacity, key: sessionKey(workshop, new Date(at)), place,
      opens: iso(entry.bookingOpens), closes: iso(entry.bookingCloses),
    };
  }

  const viewOf = (row: Row): BookingView => ({
    code: row.code,
    state: row.state,
    seats: row.seats,
    name: row.name,
    session: { title: row.workshopTitle, start: new Date(row.sessionStart).toISOString() },
    heldUntil: row.heldUntil ? new Date(row.heldUntil).toISOString() : null,
    cancellable: (ACTIVE_BOOKING_STATES as readonly string[]).includes(row.state) && Date.parse(row.sessionStart) > now(),
  });

  const rowByToken = async (token: unknown): Promise<Row | undefined> => {
    const match = typeof token === 'string' ? /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/.exec(token) : null;
    if (!match || !crypto.timingSafeEqual(Buffer.from(mac(match[1]!)), Buffer.from(match[2]!))) return undefined;
    return ((await query().findOne({ where: { linkNonce: match[1] } })) as Row | null) ?? undefined;
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
      if (!(await move(row.id, 'waiting', { state: 'offered', heldUntil }))) {
        await seats.release(key, row.seats);
        continue;
      }
      strapi.log.info(`bookings: a seat at a session was offered to the waiting list (booking ${row.id})`);
      await tell('offered', row, heldUntil);
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
    const closed = bookingWindow(session, now());
    if (closed) return invalid([{ path: ['session'], message: closed }]);
    if (input.seats > session.capacity) return invalid([{ path: ['seats'], message: `L'incontro ha ${session.capacity} posti in tutto: chiedi al massimo ${session.capacity} posti.` }]);
    if (await contacts.held(session.key, contactHashes(input))) return duplicateBooking();
    const binding = { content: contentHash({ ...input }), client };
    if (fields.confirmToken === undefined) return { outcome: 'confirm', input, session, token: confirmations.issue(binding, now()) };
    const refusal = await confirmations.redeem(fields.confirmToken, binding, now());
    if (refusal === 'too-soon') return invalid([{ path: ['confirmToken'], message: 'Conferma troppo rapida: rileggi i dati e premi di nuovo «Conferma la prenotazione».' }]);
    if (refusal) return invalid([{ path: ['confirmToken'], message: 'Questa conferma non è valida, è scaduta o è già stata usata: torna alla pagina del laboratorio e prenota di nuovo.' }]);
    return { outcome: 'valid', input, session };
  }

  async function store(input: BookingInput, session: BookableSession, state: 'confirmed' | 'waiting', linkNonce: string): Promise<Row> {
    for (let attempt = 0; ; attempt++) {
      const code = newCode();
      try {
        return (await query().create({
          data: {
            code, state, seats: input.seats, name: input.name, email: input.email ?? null, phone: input.phone ?? null, accessibility: input.accessibility ?? null,
            workshopTitle: session.title, workshopDocumentId: session.workshop, sessionStart: session.start, sessionKey: session.key,
            linkNonce, contactHash: contactHashes(input)[0],
          },
        })) as Row;
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
        const linkNonce = crypto.randomBytes(16).toString('base64url');
        // The same person booking twice at once: the second claim fails on the primary key.
        if (!(await contacts.claim(session.key, contactHashes(input), linkNonce))) return duplicateBooking();
        let state: 'confirmed' | 'waiting' | undefined;
        try {
          state = (await seats.take(session.key, input.seats, session.capacity)) ? 'confirmed' : 'waiting';
          const row = await store(input, session, state, linkNonce);
          booked = { outcome: 'booked', state, code: row.code, link: linkOf(row.linkNonce), session, seats: input.seats };
          await tell(state, row);
        } catch (error) {
          if (!booked) {
            if (state === 'confirmed') await seats.release(session.key, input.seats);
            await contacts.release(linkNonce);
          }
          throw error;
        }
        strapi.log.info(`bookings: a booking was ${state === 'confirmed' ? 'confirmed' : 'put on the waiting list'}`);
        return booked;
      } finally {
        // Only a stored booking counts against the limit: a person correcting errors is not a flood.
        if (!booked) await slot.release();
      }
    },

    /** The personal link of a booking's page. */
    linkOf,

    async view(secret: unknown): Promise<BookingView | undefined> {
      const row = await rowByToken(secret);
      return row && viewOf(row);
    },

    /** The booking as a calendar event (iCalendar), while it holds seats or a place on the list. */
    async calendar(secret: unknown): Promise<string | undefined> {
      const row = await rowByToken(secret);
      if (!row || !(ACTIVE_BOOKING_STATES as readonly string[]).includes(row.state)) return undefined;
      const session = await bookableSession(row.workshopDocumentId, row.sessionStart);
      const start = new Date(row.sessionStart).toISOString();
      return icalendar(row.workshopTitle, [{
        uid: `${row.code}@prenotazioni.coesione`,
        title: row.workshopTitle,
        url: session ? `${options.siteUrl}/laboratori/${encodeURIComponent(session.slug)}/` : `${options.siteUrl}/laboratori/`,
        description: `Prenotazione ${row.code}: ${row.seats === 1 ? '1 posto' : `${row.seats} posti`} (${row.state === 'confirmed' ? 'confermata' : "in lista d'attesa"}). Per annullarla usa il link della prenotazione.`,
        location: session?.place ?? undefined,
        start,
        end: session?.end ? new Date(session.end).toISOString() : new Date(Date.parse(start) + 2 * 3_600_000).toISOString(),
      }], new Date(now()));
    },

    async cancel(secret: unknown): Promise<ManageResult> {
      const row = await rowByToken(secret);
      if (!row) return { outcome: 'unknown' };
      if (!viewOf(row).cancellable) return { outcome: 'refused', view: viewOf(row), message: row.state === 'cancelled' ? 'Questa prenotazione era già annullata.' : "La prenotazione non si può più annullare: l'incontro è cominciato o la prenotazione non è attiva." };
      if (!(await move(row.id, row.state, { state: 'cancelled', cancelledAt: new Date(now()), heldUntil: null }))) return this.cancel(secret);
      await contacts.release(row.linkNonce);
      if (row.state !== 'waiting') await free(row);
      strapi.log.info(`bookings: booking ${row.id} was cancelled by its link`);
      await tell('cancelled', row);
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

    /** Deletes the bookings of sessions older than BOOKING_RETENTION_MONTHS, and their seat counters; returns how many. */
    async purgeOld(): Promise<number> {
      const before = new Date(now());
      before.setUTCMonth(before.getUTCMonth() - options.retentionMonths);
      const old = (await query().findMany({ where: { sessionStart: { $lt: before } }, select: ['id', 'sessionKey'] })) as Pick<Row, 'id' | 'sessionKey'>[];
      if (old.length === 0) return 0;
      await query().deleteMany({ where: { id: { $in: old.map((r) => r.id) } } });
      const keys = [...new Set(old.map((r) => r.sessionKey))];
      await seats.forget(keys);
      await contacts.forget(keys);
      return old.length;
    },

    /**
     * Marks present the booking whose code a person shows, on the day of its session (Rome). `mayMark`
     * says whether the caller organises that workshop (a partner only its own).
     */
    async attend(code: unknown, mayMark: (workshopDocumentId: string) => Promise<boolean>): Promise<AttendanceAnswer> {
      const normalized = normalizeBookingCode(code);
      if (!normalized) return { outcome: 'refused', message: 'Il codice ha 6 caratteri, lettere e cifre (es. K7M2QX): controlla di averlo scritto per intero.' };
      const row = (await query().findOne({ where: { code: normalized } })) as Row | null;
      if (!row || !(await mayMark(row.workshopDocumentId))) return { outcome: 'refused', message: `Nessuna prenotazione con il codice ${normalized} tra i laboratori che organizzi.` };
      if (row.state !== 'confirmed') return { outcome: 'refused', message: `La prenotazione ${normalized} non è confermata (stato: ${row.state === 'waiting' ? "in lista d'attesa" : row.state === 'offered' ? 'posto offerto, non ancora confermato' : row.state === 'cancelled' ? 'annullata' : 'offerta scaduta'}).` };
      if (romeDay(new Date(row.sessionStart)) !== romeDay(new Date(now()))) return { outcome: 'refused', message: `La prenotazione ${normalized} è per l'incontro del ${new Date(row.sessionStart).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', timeZone: 'Europe/Rome' })}: la presenza si segna il giorno dell'incontro.` };
      if (row.attendedAt) return { outcome: 'already', name: row.name, seats: row.seats, attendedAt: new Date(row.attendedAt).toISOString() };
      const { count } = (await query().updateMany({ where: { id: row.id, attendedAt: { $null: true } }, data: { attendedAt: new Date(now()) } })) as { count: number };
      if (count !== 1) return this.attend(code, mayMark);
      return { outcome: 'marked', name: row.name, seats: row.seats, workshopTitle: row.workshopTitle, sessionStart: new Date(row.sessionStart).toISOString() };
    },

    /**
     * A workshop's sessions from today on, with their counts (no names): the organiser's view in the admin;
     * and its «Incontri per l'attestato».
     */
    async summary(workshop: string): Promise<{ sessions: SessionSummary[]; minSessions: number | null }> {
      const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, populate: { sessions: true } } as never)) as {
        capacity?: number | null; certificateSessions?: number | null; sessions?: { start: string; cancelled?: boolean | null; capacity?: number | null }[];
      } | null;
      const today = romeDay(new Date(now()));
      const sessions = (entry?.sessions ?? []).filter((s) => romeDay(new Date(s.start)) >= today).map((s) => ({ start: new Date(s.start).toISOString(), key: sessionKey(workshop, s.start), cancelled: Boolean(s.cancelled), capacity: capacityOf(s, entry) }));
      const rows = sessions.length === 0 ? [] : ((await query().findMany({ where: { sessionKey: { $in: sessions.map((s) => s.key) } }, select: ['sessionKey', 'state', 'seats', 'attendedAt'] })) as Row[]);
      const summaries = sessions.map((s) => {
        const mine = rows.filter((r) => r.sessionKey === s.key);
        const seatsOf = (list: Row[]) => list.reduce((n, r) => n + r.seats, 0);
        return {
          start: s.start,
          capacity: s.capacity,
          taken: seatsOf(mine.filter((r) => r.state === 'confirmed' || r.state === 'offered')),
          waiting: mine.filter((r) => r.state === 'waiting').length,
          present: seatsOf(mine.filter((r) => r.state === 'confirmed' && r.attendedAt)),
          cancelled: s.cancelled,
        };
      });
      return { sessions: summaries, minSessions: entry?.certificateSessions ?? null };
    },

    /**
     * The organiser cancels a session still to come: the session is marked «Annullato» on the site (draft and
     * published alike), every active booking of it is cancelled, its seats dropped, and each person told.
     */
    async cancelSession(workshop: string, start: string): Promise<{ outcome: 'cancelled'; told: number } | { outcome: 'refused'; message: string }> {
      const at = Date.parse(start);
      if (Number.isNaN(at) || at <= now()) return { outcome: 'refused', message: 'Si annulla soltanto un incontro che deve ancora cominciare.' };
      for (const status of ['draft', 'published'] as const) {
        const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, status, populate: { sessions: true } } as never)) as { sessions?: { start: string; end?: string | null; note?: string | null; cancelled?: boolean | null }[] } | null;
        if (!entry?.sessions?.some((session) => Date.parse(session.start) === at)) {
          if (status === 'draft') return { outcome: 'refused', message: 'Questo incontro non è nel laboratorio.' };
          continue;
        }
        const sessions = entry.sessions.map(({ start: s, end, note, cancelled }) => ({ start: s, end, note, cancelled: Date.parse(s) === at ? true : Boolean(cancelled) }));
        await strapi.documents(WORKSHOP).update({ documentId: workshop, locale: 'it', status, data: { sessions } } as never);
      }
      const key = sessionKey(workshop, new Date(at));
      const active = (await query().findMany({ where: { sessionKey: key, state: { $in: [...ACTIVE_BOOKING_STATES] } } })) as Row[];
      let told = 0;
      for (const row of active) {
        if (!(await move(row.id, row.state, { state: 'cancelled', cancelledAt: new Date(now()), heldUntil: null }))) continue;
        await tell('session-cancelled', row);
        told++;
      }
      await seats.forget([key]);
      await contacts.forget([key]);
      strapi.log.info(`bookings: a session was cancelled by its organiser (${told} bookings cancelled)`);
      return { outcome: 'cancelled', told };
    },

    /** Who holds confirmed seats at one session, by name: the organiser's roll call. */
    async roll(workshop: string, start: string): Promise<RollEntry[]> {
      const rows = (await query().findMany({ where: { sessionKey: sessionKey(workshop, new Date(start)), state: 'confirmed' }, orderBy: [{ name: 'asc' }] })) as (Row & { accessibility: string | null })[];
      return rows.map((r) => ({ code: r.code, name: r.name, seats: r.seats, accessibility: r.accessibility ?? null, attended: Boolean(r.attendedAt) }));
    },

    /** Sends the reminder of tomorrow's sessions (Rome) to who booked with an e-mail, once each; returns how many. */
    async remind(): Promise<number> {
      const tomorrow = romeDay(new Date(now() + 86_400_000));
      const soon = (await query().findMany({ where: { state: 'confirmed', remindedAt: { $null: true }, sessionStart: { $gt: new Date(now()), $lt: new Date(now() + 2 * 86_400_000) } } })) as Row[];
      let sent = 0;
      for (const row of soon.filter((r) => romeDay(new Date(r.sessionStart)) === tomorrow)) {
        const { count } = (await query().updateMany({ where: { id: row.id, remindedAt: { $null: true } }, data: { remindedAt: new Date(now()) } })) as { count: number };
        if (count !== 1) continue;
        await tell('reminder', row);
        sent++;
      }
      return sent;
    },

    /** Ends the holds that ran out and offers their seats on; returns how many ended. */
    async expireHolds(): Promise<number> {
      const due = (await query().findMany({ where: { state: 'offered', heldUntil: { $lt: new Date(now()) } } })) as Row[];
      let ended = 0;
      for (const row of due) {
        if (!(await move(row.id, 'offered', { state: 'expired', heldUntil: null }))) continue;
        await contacts.release(row.linkNonce);
        ended++;
        await tell('expired', row);
        await free(row);
      }
      return ended;
    },

    /** The published workshop's sessions still to come, with their free seats (all the public learns of bookings). */
    async seats(workshop: string): Promise<SessionSeats[] | undefined> {
      const entry = (await strapi.documents(WORKSHOP).findOne({ documentId: workshop, status: 'published', populate: { sessions: true } } as never)) as {
        capacity?: number | null; bookingOpens?: string | null; bookingCloses?: string | null; sessions?: { start: string; cancelled?: boolean | null; capacity?: number | null }[];
      } | null;
      if (!entry) return undefined;
      const closed = bookingWindow({ opens: entry.bookingOpens ?? null, closes: entry.bookingCloses ?? null }, now()) ?? null;
      const upcoming = (entry.sessions ?? [])
        .filter((s) => Date.parse(s.start) > now() && !s.cancelled && capacityOf(s, entry) > 0)
        .map((s) => ({ start: new Date(s.start).toISOString(), key: sessionKey(workshop, s.start), capacity: capacityOf(s, entry) }));
      const taken = await seats.taken(upcoming.map((s) => s.key));
      return upcoming.map((s) => ({
        start: s.start,
        capacity: s.capacity,
        free: Math.max(0, s.capacity - (taken.get(s.key) ?? 0)),
        closed,
      }));
    },
  };
}

export type BookingService = ReturnType<typeof createBookingService>;
