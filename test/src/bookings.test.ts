/**
 * Booking a workshop's session as a person on the site does it, with no account: the plain form post,
 * its confirmation page, the booked page with the code and the personal link; the waiting list, a
 * cancellation that offers the seat on, a hold that runs out and passes to the next; bad input and
 * duplicates refused with Italian messages and nothing stored; concurrent bookings that never get more
 * seats than exist; the messages, through a real SMTP listener on loopback that is down at first (the
 * booking is kept and its message delivered once when the server is back). A real Strapi on an empty
 * database of its own (SQLite, and PostgreSQL in that run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsModule, recordLog, startCms, type TestCms } from './support/cms.ts';
import { inspectPdf } from '@coesione/pdf/inspect';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { decode, hiddenFields } from './support/bookings.ts';
import { send as sendRaw } from './support/http.ts';
import { until } from './support/indexed.ts';
import { readable, startSmtp, type TestSmtp } from '@coesione/scripts/lib/smtp-sink.ts';

const WORKSHOP = 'api::workshop.workshop';
const BOOKING = 'api::booking.booking';
const READ_MS = 200;
const HOLD_HOURS = 1.5 / 3600;
const logLines: string[] = [];

let cms: TestCms;
let smtp: TestSmtp | undefined;
let smtpPort = 0;
const MAIL_TABLE = 'coesione_mail_outbox';
const mailTo = (address: string) => (smtp?.messages ?? []).map(readable).filter((m) => m.includes(`To: ${address}`));

/** An answer with its page's text decoded (what a person reads); `raw` keeps the markup. */
async function send(url: string, init: Parameters<typeof sendRaw>[1] = {}) {
  const answer = await sendRaw(url, init);
  return { ...answer, raw: answer.text, text: decode(answer.text) };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inDays = (days: number, hour = 17) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

async function workshop(title: string, capacity: number, sessions: string[]): Promise<string> {
  const created = (await cms.strapi.documents(WORKSHOP).create({
    data: { title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), summary: 'Un laboratorio di prova per le prenotazioni.', craft: 'riparazione_biciclette', artisanName: 'Mastro di prova', capacity, sessions: sessions.map((start) => ({ start })) },
    locale: 'it',
    status: 'published',
  } as never)) as { documentId: string };
  return created.documentId;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** The form as the site posts it, then its confirmation page sent back: the booked page. */
async function book(fields: Record<string, string>) {
  const first = await send(`${cms.url}/api/bookings`, form(fields));
  if (first.status !== 200) return first;
  expect(first.text).toContain('Controlla e conferma la prenotazione');
  await sleep(READ_MS + 50);
  return send(`${cms.url}/api/bookings`, form(hiddenFields(first.raw)));
}

const person = (n: number, extra: Record<string, string> = {}) => ({ name: `Persona di prova ${n}`, email: `persona${n}@example.org`, seats: '1', consent: 'on', ...extra });
const codeOf = (html: string) => /<p class="code">([A-Z0-9]{6})<\/p>/.exec(html)?.[1];
const linkOf = (html: string) => /<a href="([^"]*\/api\/bookings\/manage\/[^"]+)">La tua prenotazione<\/a>/.exec(html)?.[1] ?? '';
const manage = (link: string, action?: 'annulla' | 'conferma') => send(action ? `${link}/${action}` : link, action ? { method: 'POST' } : {});
const bookings = () => cms.strapi.db.query(BOOKING).findMany({}) as Promise<{ code: string; state: string; name: string; seats: number; sessionKey: string }[]>;
const seatsOf = async (id: string) => (await send(`${cms.url}/api/bookings/seats/${id}`)).json.data as { start: string; free: number; capacity: number }[];

beforeAll(async () => {
  smtpPort = await freePort();
  cms = await startCms({
    SUBMISSION_MIN_FILL_MS: String(READ_MS), BOOKING_HOLD_HOURS: String(HOLD_HOURS), BOOKING_RATE_LIMIT: '1000',
    // The mail server is down until the first test starts it on this port.
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_INTERVAL_MS: '150', MAIL_RETRY_MS: '200',
  });
  recordLog(cms.strapi, logLines);
});

afterAll(async () => {
  await cms?.stop();
  await smtp?.close();
});

describe('a session with 3 seats', () => {
  let id = '';
  let session = '';
  const on = (extra: Record<string, string>) => ({ workshop: id, session, ...extra });
  const links: Record<string, string> = {};

  beforeAll(async () => {
    session = inDays(10);
    id = await workshop('Bici in ordine per le prenotazioni', 3, [session, inDays(17)]);
  });

  it('shows the free seats of the sessions to come, and nothing about people', async () => {
    const seats = await seatsOf(id);
    expect(seats).toEqual([{ start: session, capacity: 3, free: 3, closed: null }, { start: inDays(17), capacity: 3, free: 3, closed: null }]);
    expect((await send(`${cms.url}/api/bookings/seats/nessunlaboratorio`)).status).toBe(404);
  });

  it('books two seats after a confirmation page, with a code and a personal link, and tells by e-mail once the server is back', async () => {
    const booked = await book(on(person(1, { seats: '2', phone: '0161 123456', accessibility: 'Arrivo con il passeggino' })));
    expect(booked.status, booked.text).toBe(201);
    // The mail server is down: the booking stands, its message waits in the outbox and is tried again.
    const queued = () => cms.strapi.db.connection(MAIL_TABLE).where({ to_address: 'persona1@example.org' }).first() as Promise<{ attempts: number; sent_at: unknown; last_error: string | null; body_text: string }>;
    await until('a failed delivery', async () => ((await queued())?.attempts ?? 0) >= 2, 10_000);
    expect((await queued()).sent_at).toBeNull();
    smtp = await startSmtp(smtpPort);
    await until('the confirmation message', async () => mailTo('persona1@example.org').length > 0, 10_000);
    await sleep(800);
    const [message, ...again] = mailTo('persona1@example.org');
    expect(again, 'delivered once').toEqual([]);
    expect(message).toContain(codeOf(booked.raw)!);
    expect(message).toContain(linkOf(booked.raw));
    expect(await queued()).toMatchObject({ body_text: '' });
    expect(booked.text).toContain('Prenotazione confermata');
    expect(booked.text).toContain('Hai 2 posti');
    expect(booked.headers.get('referrer-policy')).toBe('no-referrer');
    links.a = linkOf(booked.text);
    expect(links.a).toMatch(/\/api\/bookings\/manage\/[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$/);
    expect((await manage(links.a.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')))).status, 'a link with a wrong signature').toBe(404);
    expect(codeOf(booked.text)).toMatch(/^[2-9A-Z]{6}$/);
    expect(booked.raw, 'the code as a QR for the door').toContain(`<svg role="img" aria-label="Codice QR della prenotazione ${codeOf(booked.raw)}"`);
    expect((await seatsOf(id))[0]!.free).toBe(1);
    const calendar = await send(`${links.a}/calendario.ics`);
    expect(calendar.headers.get('content-type')).toContain('text/calendar');
    expect(calendar.text).toContain('SUMMARY:Bici in ordine per le prenotazioni');
    expect(calendar.text).toMatch(/DTSTART;TZID=Europe\/Rome:\d{8}T\d{6}/);
    expect(calendar.text).not.toContain('Persona di prova');
    const page = await manage(links.a);
    expect(page.text).toContain('Confermata');
    expect(page.text).toContain(codeOf(booked.text)!);
  });

  it('refuses bad input in Italian and stores nothing', async () => {
    const before = (await bookings()).length;
    const bad = await send(`${cms.url}/api/bookings`, form(on({ name: '', email: 'non-una-mail', seats: '9' })));
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Scrivi nome e cognome');
    expect(bad.text).toContain("L'e-mail non sembra giusta");
    expect(bad.text).toContain('Posti: un numero da 1 a 6');
    expect(bad.text).toContain('serve il consenso');
    expect(bad.text).toContain('Nessun dato è stato salvato');
    const unknown = await send(`${cms.url}/api/bookings`, form({ ...person(9), workshop: id, session: inDays(3) }));
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain("Questo incontro non c'è più o non accetta prenotazioni");
    const tooMany = await send(`${cms.url}/api/bookings`, form(on(person(9, { seats: '4' }))));
    expect(tooMany.text).toContain("L'incontro ha 3 posti in tutto");
    const bot = await send(`${cms.url}/api/bookings`, form(on(person(9, { website: 'http://spam.example' }))));
    expect(bot.status).toBe(400);
    const duplicate = await book(on(person(1)));
    expect(duplicate.status).toBe(400);
    expect(duplicate.text).toContain('c’è già una prenotazione per questo incontro');
    const json = await send(`${cms.url}/api/bookings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    expect((await bookings()).length).toBe(before);
  });

  it('puts on the waiting list who does not fit, and offers a freed seat to the first who fits', async () => {
    const b = await book(on(person(2, { seats: '2' })));
    expect(b.status, b.text).toBe(201);
    expect(b.text).toContain("Sei in lista d'attesa");
    links.b = linkOf(b.text);
    const c = await book(on(person(3)));
    expect(c.text).toContain('Prenotazione confermata');
    links.c = linkOf(c.text);
    expect((await seatsOf(id))[0]!.free).toBe(0);

    const cancelled = await manage(links.a!, 'annulla');
    expect(cancelled.status).toBe(200);
    expect(cancelled.text).toContain('La prenotazione è annullata');
    expect((await manage(links.a!, 'annulla')).text).toContain('era già annullata');
    expect((await send(`${links.a}/calendario.ics`)).status, 'no calendar for a cancelled booking').toBe(404);

    const offered = await manage(links.b!);
    expect(offered.text).toContain('Posto libero da confermare');
    expect(offered.text).toContain('Conferma il posto');
    await until('the offer by e-mail', async () => mailTo('persona2@example.org').some((m) => m.includes('si è liberato un posto')), 10_000);
    const confirmed = await manage(links.b!, 'conferma');
    expect(confirmed.text).toContain('Il posto è confermato');
    expect((await seatsOf(id))[0]!.free).toBe(0);
  });

  it('passes an offered seat to the next when the hold runs out', async () => {
    const d = await book(on(person(4)));
    const e = await book(on(person(5)));
    expect([d.text, e.text].every((t) => t.includes("Sei in lista d'attesa"))).toBe(true);
    await manage(links.c!, 'annulla');
    expect((await manage(linkOf(d.text))).text).toContain('Posto libero da confermare');
    expect((await manage(linkOf(e.text))).text).toContain("In lista d'attesa");
    await sleep(HOLD_HOURS * 3_600_000 + 300);
    // Any request ends the holds that ran out (and so does the job, every minute).
    expect((await manage(linkOf(d.text))).text).toContain('Offerta scaduta');
    expect((await manage(linkOf(e.text))).text).toContain('Posto libero da confermare');
    const late = await manage(linkOf(d.text), 'conferma');
    expect(late.status).toBe(409);
    expect(late.text).toContain('il tempo per confermarlo è scaduto');
  });

  it('refuses an edit that moves or removes a session with active bookings, in Italian', async () => {
    const edit = (sessions: string[]) => cms.strapi.documents(WORKSHOP).update({ documentId: id, locale: 'it', data: { sessions: sessions.map((start) => ({ start })) } } as never);
    await expect(edit([inDays(11), inDays(17)])).rejects.toThrow(/^L'incontro del .* prenotazion[ei] attiv[ae]: non si può spostare né togliere/);
    await expect(edit([session, inDays(17), inDays(24)])).resolves.toBeTruthy();
  });

  it('keeps the personal link out of the log', () => {
    const tokens = Object.values(links).map((l) => l.split('/').pop()!);
    expect(logLines.some((line) => line.includes('/api/bookings/manage/…'))).toBe(true);
    for (const token of tokens) expect(logLines.filter((line) => line.includes(token))).toEqual([]);
    expect(logLines.filter((line) => line.includes('Persona di prova') || line.includes('persona1@example.org'))).toEqual([]);
  });

  it('is no public API: bookings cannot be listed or read', async () => {
    for (const url of ['/api/bookings', '/api/bookings/1', '/api/booking']) expect((await send(`${cms.url}${url}`)).status).toBe(404);
  });
});

it('deletes the bookings of sessions older than the retention, and keeps the others', async () => {
  const { createBookingService } = cmsModule<{ createBookingService(deps: object): { purgeOld(): Promise<number> } }>('features/bookings/service');
  const old = new Date();
  old.setUTCMonth(old.getUTCMonth() - 13);
  await cms.strapi.db.query(BOOKING).create({
    data: { code: 'VECCH1', state: 'confirmed', seats: 1, name: 'Persona di un anno fa', workshopTitle: 'Vecchio', workshopDocumentId: 'vecchio', sessionStart: old, sessionKey: `vecchio@${old.toISOString()}`, linkNonce: 'n'.repeat(22) },
  });
  const before = (await bookings()).length;
  const service = createBookingService({ strapi: cms.strapi, options: { retentionMonths: 12 }, salt: 'x', baseUrl: () => cms.url });
  expect(await service.purgeOld()).toBe(1);
  expect((await bookings()).map((b) => b.name)).not.toContain('Persona di un anno fa');
  expect((await bookings()).length).toBe(before - 1);
});

it('reminds who booked a session of tomorrow, once', async () => {
  const { createBookingService } = cmsModule<{ createBookingService(deps: object): { remind(): Promise<number> } }>('features/bookings/service');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  const id = await workshop('Laboratorio di domani per le prenotazioni', 5, [tomorrow]);
  const booked = await book({ workshop: id, session: tomorrow, ...person(50) });
  expect(booked.status, booked.text).toBe(201);
  const service = createBookingService({ strapi: cms.strapi, options: { retentionMonths: 12, holdMs: 1000 }, salt: 'x', baseUrl: () => cms.url });
  expect(await service.remind()).toBe(1);
  expect(await service.remind(), 'a second run sends nothing').toBe(0);
  await until('the reminder', async () => mailTo('persona50@example.org').some((m) => m.includes('ti ricordiamo che domani')), 10_000);
  expect(mailTo('persona50@example.org').filter((m) => m.includes('ti ricordiamo che domani'))).toHaveLength(1);
});

it('issues a tagged certificate to who attended enough sessions, verifiable by code with the initial and surname only', async () => {
  const sessions = [inDays(40), inDays(47), inDays(54)];
  const id = await workshop('Ciclo di restauro per gli attestati', 5, sessions);
  await cms.strapi.documents(WORKSHOP).update({ documentId: id, locale: 'it', status: 'published', data: { certificateSessions: 2, sessions: sessions.map((start) => ({ start, end: new Date(Date.parse(start) + 2.5 * 3_600_000).toISOString() })) } } as never);
  for (const session of sessions.slice(0, 2)) expect((await book({ workshop: id, session, ...person(60, { name: 'Marta Grazia Attestata' }) })).status).toBe(201);
  expect((await book({ workshop: id, session: sessions[0]!, ...person(61) })).status).toBe(201);
  // Attendance is marked by code on the day (its own tests): here the two sessions are already behind.
  await cms.strapi.db.query(BOOKING).updateMany({ where: { workshopDocumentId: id }, data: { attendedAt: new Date() } });

  type Issue = { outcome: string; issued?: number; total?: number; minSessions?: number };
  const { certificateService } = cmsModule<{ certificateService(deps: object): { issue(workshop: string): Promise<Issue> } }>('features/bookings/certificates');
  const { secret, cmsBaseUrl } = cmsModule<{ secret(name: string): string; cmsBaseUrl(strapi: unknown): string }>('platform/runtime');
  const siteUrl = 'http://127.0.0.1:4321';
  const service = certificateService({ strapi: cms.strapi, salt: secret('SUBMISSION_SALT'), baseUrl: () => cmsBaseUrl(cms.strapi), siteUrl });
  expect(await service.issue(id)).toEqual({ outcome: 'issued', issued: 1, total: 1, minSessions: 2 });
  expect(await service.issue(id), 'issued once').toEqual({ outcome: 'issued', issued: 0, total: 1, minSessions: 2 });

  const message = await until('the certificate message', async () => mailTo('persona60@example.org').find((m) => m.includes('attestato di partecipazione')), 10_000);
  const download = /(http:\/\/\S+\/api\/attestati\/scarica\/[A-Za-z0-9_.-]+)/.exec(message)![1]!;
  // The check is given at the site's address (the site proxies it to the CMS: public/certificate-ui.ts).
  const code = new RegExp(`${siteUrl}/attestati/(AT-[A-Z0-9]{4}-[A-Z0-9]{4})/`).exec(message)?.[1];
  expect(code, message).toBeDefined();
  const verify = `${cms.url}/api/attestati/${code}`;
  const pdf = await fetch(download);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  const report = await inspectPdf(new Uint8Array(await pdf.arrayBuffer()));
  expect(report).toMatchObject({ lang: 'it-IT', marked: true, structTreeRoot: true, title: 'Attestato di partecipazione – Ciclo di restauro per gli attestati' });
  expect(report.text).toContain('Si attesta che Marta Grazia Attestata ha partecipato');
  expect(report.text).toContain('2 su 3');
  expect(report.text).toContain('5 ore');
  expect(report.text.replace(/\s+/g, '')).toContain(`${siteUrl}/attestati/${code}/`);

  const page = await send(verify);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Attestato valido');
  expect(page.text).toContain('M. Grazia Attestata');
  expect(page.text).not.toContain('Marta');
  expect(page.text).not.toContain('persona60@example.org');
  const unknown = await send(`${cms.url}/api/attestati/AT-2345-6789`);
  expect(unknown.status).toBe(404);
  expect(unknown.text).toContain('Attestato non trovato');
  // The site's form: on to the page of the code as typed, in its stored form.
  const lookup = await sendRaw(`${cms.url}/api/attestati/verifica?codice=${encodeURIComponent(` ${code!.toLowerCase().replace(/-/g, ' ')} `)}`, { redirect: 'manual' });
  expect(lookup.status).toBe(303);
  expect(lookup.headers.get('location')).toBe(`${siteUrl}/attestati/${code}/`);
  expect((await send(`${download.slice(0, -3)}xyz`)).status).toBe(404);
  expect(logLines.filter((line) => line.includes(download.split('/').pop()!))).toEqual([]);
});

it('cancels a session for its organiser: its bookings cancelled and told, the session closed to bookings', async () => {
  const sessions = [inDays(33), inDays(34)];
  const id = await workshop('Incontro che salta per le prenotazioni', 4, sessions);
  expect((await book({ workshop: id, session: sessions[0]!, ...person(70) })).status).toBe(201);
  expect((await book({ workshop: id, session: sessions[0]!, ...person(71, { email: '', phone: '0161 707070' }) })).status).toBe(201);
  const { createBookingService } = cmsModule<{ createBookingService(deps: object): { cancelSession(workshop: string, start: string): Promise<unknown> } }>('features/bookings/service');
  const service = createBookingService({ strapi: cms.strapi, options: { retentionMonths: 12, holdMs: 1000 }, salt: 'x', baseUrl: () => cms.url });
  expect(await service.cancelSession(id, inDays(-1))).toEqual({ outcome: 'refused', message: 'Si annulla soltanto un incontro che deve ancora cominciare.' });
  expect(await service.cancelSession(id, sessions[0]!)).toEqual({ outcome: 'cancelled', told: 2 });
  const rows = (await bookings()).filter((b) => b.sessionKey.startsWith(id));
  expect(rows.map((b) => b.state)).toEqual(['cancelled', 'cancelled']);
  await until('the cancellation message', async () => mailTo('persona70@example.org').some((m) => m.includes("è stato annullato dall'organizzatore")), 10_000);
  const published = (await cms.strapi.documents(WORKSHOP).findOne({ documentId: id, status: 'published', populate: { sessions: true } } as never)) as unknown as { sessions: { start: string; cancelled: boolean }[] };
  expect(published.sessions.map((s) => s.cancelled)).toEqual([true, false]);
  expect((await seatsOf(id)).map((s) => s.start)).toEqual([sessions[1]]);
  const late = await send(`${cms.url}/api/bookings`, form({ workshop: id, session: sessions[0]!, ...person(72) }));
  expect(late.status).toBe(400);
  expect(late.text).toContain("Questo incontro non c'è più o non accetta prenotazioni");
});

it('counts a session\'s own seats when it has them, the workshop\'s otherwise', async () => {
  const sessions = [inDays(61), inDays(62)];
  const id = await workshop('Sala piccola per le prenotazioni', 5, sessions);
  await cms.strapi.documents(WORKSHOP).update({ documentId: id, locale: 'it', status: 'published', data: { sessions: [{ start: sessions[0], capacity: 1 }, { start: sessions[1] }] } } as never);
  expect((await seatsOf(id)).map((s) => s.capacity)).toEqual([1, 5]);
  expect((await book({ workshop: id, session: sessions[0]!, ...person(80) })).text).toContain('Prenotazione confermata');
  expect((await book({ workshop: id, session: sessions[0]!, ...person(81) })).text).toContain("Sei in lista d'attesa");
  expect((await book({ workshop: id, session: sessions[1]!, ...person(81) })).text).toContain('Prenotazione confermata');
});

it('gives exactly the seats that exist to 30 people booking at once', async () => {
  const session = inDays(20);
  const id = await workshop('Officina affollata per le prenotazioni', 10, [session]);
  // Each person reads their confirmation page; then all of them press «Conferma» at the same moment.
  const pages = await Promise.all(Array.from({ length: 30 }, (_, i) => send(`${cms.url}/api/bookings`, form({ workshop: id, session, ...person(100 + i) }))));
  const confirmations = pages.map((p) => hiddenFields(p.raw));
  await sleep(READ_MS + 50);
  const answers = await Promise.all(confirmations.map((fields) => send(`${cms.url}/api/bookings`, form(fields))));
  expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
  const rows = (await bookings()).filter((b) => b.sessionKey.startsWith(id));
  expect(rows.filter((b) => b.state === 'confirmed')).toHaveLength(10);
  expect(rows.filter((b) => b.state === 'waiting')).toHaveLength(20);
  expect((await seatsOf(id))[0]!.free).toBe(0);
});

it('books the same person once, also when both bookings are confirmed at the same moment, and knows them by e-mail or by phone', async () => {
  const session = inDays(25);
  const id = await workshop('Doppia prenotazione per le prenotazioni', 8, [session]);
  // The same person, from two tabs: two confirmation pages, both confirmed at once.
  const pages = await Promise.all([1, 2].map(() => send(`${cms.url}/api/bookings`, form({ workshop: id, session, ...person(200) }))));
  await sleep(READ_MS + 50);
  const answers = await Promise.all(pages.map((p) => send(`${cms.url}/api/bookings`, form(hiddenFields(p.raw)))));
  expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
  expect(answers.find((a) => a.status === 400)!.text).toContain('c’è già una prenotazione per questo incontro');
  // By phone alone, then with an e-mail and the same phone (spaces and all): the second is the same person.
  expect((await book({ workshop: id, session, name: 'Solo telefono', phone: '0161 555 0101', seats: '1', consent: 'on' })).status).toBe(201);
  const again = await book({ workshop: id, session, ...person(201, { phone: '0161555 0101' }) });
  expect(again.status).toBe(400);
  expect(again.text).toContain('c’è già una prenotazione per questo incontro');
  const rows = (await bookings()).filter((b) => b.sessionKey.startsWith(id));
  expect(rows).toHaveLength(2);
  expect((await seatsOf(id))[0]!.free).toBe(6);
  // Cancelled, the person may book again.
  const link = linkOf(answers.find((a) => a.status === 201)!.raw);
  expect((await manage(link, 'annulla')).status).toBe(200);
  expect((await book({ workshop: id, session, ...person(200) })).status).toBe(201);
});

it('takes bookings only between «Prenotazioni dal» and «Prenotazioni fino al», and refuses a window that closes before it opens', async () => {
  const session = inDays(30);
  const id = await workshop('Corso con le iscrizioni a date per le prenotazioni', 10, [session]);
  const setWindow = (bookingOpens: string | null, bookingCloses: string | null) =>
    cms.strapi.documents(WORKSHOP).update({ documentId: id, locale: 'it', status: 'published', data: { bookingOpens, bookingCloses } } as never);
  await setWindow(inDays(5, 9), null);
  const early = await send(`${cms.url}/api/bookings`, form({ workshop: id, session, ...person(300) }));
  expect(early.status).toBe(400);
  expect(early.text).toContain('Le prenotazioni si aprono il');
  expect((await seatsOf(id))[0]).toMatchObject({ free: 10, closed: expect.stringContaining('Le prenotazioni si aprono il') });
  await setWindow(inDays(-5, 9), inDays(-1, 18));
  const late = await send(`${cms.url}/api/bookings`, form({ workshop: id, session, ...person(300) }));
  expect(late.text).toContain('Le prenotazioni si sono chiuse il');
  await setWindow(inDays(-5, 9), inDays(20, 18));
  expect((await book({ workshop: id, session, ...person(300) })).status).toBe(201);
  await expect(setWindow(inDays(10, 9), inDays(2, 9))).rejects.toThrow('«Prenotazioni fino al»');
  expect((await bookings()).filter((b) => b.sessionKey.startsWith(id))).toHaveLength(1);
});

describe('the outcomes of a cycle', () => {
  const OUTCOME = 'api::workshop-outcome.workshop-outcome';
  const cycle = (workshop: string, counts: Record<string, number>, note?: string) =>
    cms.strapi.documents(OUTCOME).create({ data: { workshop, cycleStart: '2026-02-01', cycleEnd: '2026-04-30', fragileParticipants: 0, placements: 0, newVolunteers: 0, newArtisans: 0, itemsRepaired: 0, kgReused: 0, ...counts, note } } as never);
  let first = '';

  it('refuses counts that do not hold together, in Italian, and stores nothing', async () => {
    first = await workshop('Restauro con i risultati del ciclo', 8, [inDays(90)]);
    await expect(cycle(first, { participants: 6, fragileParticipants: 7 })).rejects.toThrow('sono più di quelle che hanno partecipato');
    await expect(cycle(first, { participants: 6, placements: 9 })).rejects.toThrow('I tirocini o lavori avviati (9)');
    await expect(cms.strapi.documents(OUTCOME).create({ data: { workshop: first, cycleStart: '2026-05-01', cycleEnd: '2026-04-01', participants: 6 } } as never)).rejects.toThrow('Il ciclo finisce');
    await expect(cms.strapi.documents(OUTCOME).create({ data: { cycleStart: '2026-02-01', cycleEnd: '2026-04-01', participants: 6 } } as never)).rejects.toThrow('Indica il laboratorio');
    expect(await cms.strapi.db.query(OUTCOME).count({})).toBe(0);
  });

  it('publishes per workshop and for the district, with no figure about people under the threshold, and never the cycles themselves', async () => {
    const second = await workshop('Sartoria con i risultati del ciclo', 8, [inDays(90)]);
    const third = await workshop('Ciclofficina con i risultati del ciclo', 8, [inDays(90)]);
    await cycle(first, { participants: 12, fragileParticipants: 6, placements: 3, itemsRepaired: 30, kgReused: 120.5 }, 'Nota riservata: Mario R. ha trovato lavoro in falegnameria');
    await cycle(first, { participants: 9, fragileParticipants: 4, placements: 2, itemsRepaired: 12, kgReused: 40 });
    await cycle(second, { participants: 15, fragileParticipants: 8, placements: 6, itemsRepaired: 50, kgReused: 20 });
    await cycle(third, { participants: 20, fragileParticipants: 10, placements: 7, itemsRepaired: 35, kgReused: 300 });
    const answer = await send(`${cms.url}/api/risultati-laboratori`);
    expect(answer.status).toBe(200);
    const [district, ...workshops] = answer.json.data as { workshop: { documentId: string } | null; cycles: number; minCell: number; figures: Record<string, { value: number | null; hidden?: string }> }[];
    expect(district!.workshop).toBeNull();
    expect(district!.figures.participants).toEqual({ value: 56 });
    expect(district!.figures.kgReused).toEqual({ value: 480.5 });
    const mine = workshops.find((w) => w.workshop?.documentId === first)!;
    expect(mine.cycles).toBe(2);
    expect(mine.figures.participants).toEqual({ value: 21 });
    expect(mine.figures.fragileParticipants).toEqual({ value: 10 });
    // 5 placements in all here is not under 5; the new artisans (0 everywhere) are.
    expect(mine.figures.placements).toEqual({ value: 5 });
    expect(mine.figures.newArtisans).toEqual({ value: null, hidden: 'small' });
    for (const w of [district!, ...workshops]) {
      for (const [key, figure] of Object.entries(w.figures)) if (figure.value !== null && !['itemsRepaired', 'kgReused'].includes(key)) expect(figure.value, key).toBeGreaterThanOrEqual(w.minCell);
    }
    expect(answer.text).not.toContain('Mario R.');
    expect(answer.text).not.toContain('Nota riservata');
    for (const url of ['/api/workshop-outcomes', '/api/workshop-outcome', '/api/workshop-outcomes/1']) expect((await send(`${cms.url}${url}`)).status).toBe(404);
  });
});

