/**
 * Booking a workshop's session as a person on the site does it, with no account: the plain form post,
 * its confirmation page, the booked page with the code and the personal link; the waiting list, a
 * cancellation that offers the seat on, a hold that runs out and passes to the next; bad input and
 * duplicates refused with Italian messages and nothing stored; concurrent bookings that never get more
 * seats than exist. A real Strapi on an empty database of its own (SQLite, and PostgreSQL in that run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCms, type TestCms } from './support/cms.ts';
import { send as sendRaw } from './support/http.ts';

const WORKSHOP = 'api::workshop.workshop';
const BOOKING = 'api::booking.booking';
const READ_MS = 200;
const HOLD_HOURS = 1.5 / 3600;
const logLines: string[] = [];

let cms: TestCms;

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** An answer with its page's text decoded (what a person reads); `raw` keeps the markup. */
async function send(url: string, init: Parameters<typeof sendRaw>[1] = {}) {
  const answer = await sendRaw(url, init);
  return { ...answer, raw: answer.text, text: decode(answer.text) };
}
const hiddenFields = (raw: string) => Object.fromEntries([...raw.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [m[1]!, decode(m[2]!)]));
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
  cms = await startCms({ SUBMISSION_MIN_FILL_MS: String(READ_MS), BOOKING_HOLD_HOURS: String(HOLD_HOURS), BOOKING_RATE_LIMIT: '1000', PUBLIC_URL: '' });
  const log = cms.strapi.log as unknown as Record<'info' | 'http' | 'warn' | 'error', (message: unknown) => void>;
  for (const level of ['info', 'http', 'warn', 'error'] as const) {
    const original = log[level].bind(log);
    log[level] = (message: unknown) => {
      logLines.push(String(typeof message === 'string' ? message : JSON.stringify(message)));
      original(message);
    };
  }
});

afterAll(async () => {
  await cms?.stop();
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
    expect(seats).toEqual([{ start: session, capacity: 3, free: 3 }, { start: inDays(17), capacity: 3, free: 3 }]);
    expect((await send(`${cms.url}/api/bookings/seats/nessunlaboratorio`)).status).toBe(404);
  });

  it('books two seats after a confirmation page, with a code and a personal link', async () => {
    const booked = await book(on(person(1, { seats: '2', phone: '0161 123456', accessibility: 'Arrivo con il passeggino' })));
    expect(booked.status, booked.text).toBe(201);
    expect(booked.text).toContain('Prenotazione confermata');
    expect(booked.text).toContain('Hai 2 posti');
    expect(booked.headers.get('referrer-policy')).toBe('no-referrer');
    links.a = linkOf(booked.text);
    expect(links.a).toMatch(/\/api\/bookings\/manage\/[A-Za-z0-9_-]{43}$/);
    expect(codeOf(booked.text)).toMatch(/^[2-9A-Z]{6}$/);
    expect((await seatsOf(id))[0]!.free).toBe(1);
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

    const offered = await manage(links.b!);
    expect(offered.text).toContain('Posto libero da confermare');
    expect(offered.text).toContain('Conferma il posto');
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
