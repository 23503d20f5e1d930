/**
 * Participation as citizens, editors and partners meet it: a real Strapi (seeded, with search sync to a
 * real Meilisearch and notifications to a tiny SMTP listener on loopback), reached over HTTP.
 *
 * TRUST_PROXY is on, so each group of tests speaks from its own client address (X-Forwarded-For) and
 * the per-address limits of one group do not spill into another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSearchClient, INDEX_UID, type SearchDocument } from '@coesione/search';
import { DEMO_USERS, seed } from '@coesione/scripts/seed/seed.ts';
import { takeSnapshot } from '@coesione/cms-client';
import { recordLog, startCms, type TestCms } from './support/cms.ts';
import { send, type Answer } from './support/http.ts';
import { startSmtp, type TestSmtp } from '@coesione/scripts/lib/smtp-sink.ts';
import { outboxSize, searchIndex, until } from './support/indexed.ts';
import { startMeili, type TestMeili } from '@coesione/scripts/lib/meili.ts';

const SUBMISSION = 'api::submission.submission';
const MIN_FILL_MS = 1500;
const SITE = 'http://127.0.0.1:4321';

let cms: TestCms;
let meili: TestMeili;
let smtp: TestSmtp;
let practiceId: string;
let openPactId: string;
let closedPactId: string;
let draftPracticeId: string;
const logLines: string[] = [];

const request = (path: string, init: { method?: string; ip?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> =>
  send(`${cms.url}${path}`, { method: init.method ?? 'GET', headers: { ...(init.ip ? { 'x-forwarded-for': init.ip } : {}), ...init.headers }, body: init.body });

const postJson = (body: unknown, ip = '192.0.2.10', raw?: string) =>
  request('/api/submissions', { method: 'POST', ip, headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });

const postForm = (fields: Record<string, string>, ip = '192.0.2.20', referer = `${SITE}/partecipa/`) =>
  request('/api/submissions', {
    method: 'POST',
    ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', referer, accept: 'text/html' },
    body: new URLSearchParams(fields).toString(),
  });

/** Filled long enough ago to pass the minimum fill time. */
const started = () => Date.now() - 10_000;

const proposta = (extra: Record<string, unknown> = {}) => ({
  kind: 'proposta', target: 'practice', title: 'Orto condiviso nel cortile della scuola',
  description: 'Genitori e nonni curano un orto con i bambini.\n\nIl raccolto va alla mensa.', comune: '002158',
  consent: true, startedAt: started(), ...extra,
});
const segnalazione = (extra: Record<string, unknown> = {}) => ({
  kind: 'segnalazione', category: 'barriere', description: 'Marciapiede senza scivolo davanti alla farmacia.', comune: '002158',
  latitude: 45.3239, longitude: 8.4236, address: 'Corso Libertà 1', consent: true, startedAt: started(), ...extra,
});
const patto = (extra: Record<string, unknown> = {}) => ({
  kind: 'patto', title: 'Cura delle aiuole di piazza Mazzini', commonGood: 'Aiuole e panchine di piazza Mazzini', comune: '002158',
  address: 'Piazza Mazzini', description: 'Innaffiare, pulire e piantare fiori di stagione.', participants: 'Il comitato di quartiere e la scuola media.',
  contactName: 'Carla Esempio', email: 'carla.esempio@example.org', phone: '0161 000000', consent: true, startedAt: started(), ...extra,
});
/** A contribution to the public notice of the pact `targetDocumentId`. */
const osservazione = (targetDocumentId: string, extra: Record<string, unknown> = {}) => ({
  kind: 'osservazione', targetDocumentId, noticeContribution: 'integrativa', description: 'Aggiungere una bacheca per gli orari.', consent: true, startedAt: started(), ...extra,
});
const valutazione = (extra: Record<string, unknown> = {}) => ({
  kind: 'valutazione', targetType: 'practice', targetDocumentId: practiceId, stars: 4, consent: true, startedAt: started(), ...extra,
});

const stored = () => cms.strapi.db.query(SUBMISSION).count();
const byReceipt = (receipt: string) => cms.strapi.db.query(SUBMISSION).findOne({ where: { receipt } }) as Promise<Record<string, unknown> & { documentId: string }>;

async function adminToken(email: string, password: string, ip = '192.0.2.99'): Promise<string> {
  const res = await request('/admin/login', { method: 'POST', ip, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  expect(res.status, res.text).toBe(200);
  return res.json.data.token ?? res.json.data.accessToken;
}

beforeAll(async () => {
  smtp = await startSmtp();
  meili = await startMeili();
  cms = await startCms({
    MEILISEARCH_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    SEARCH_SYNC_INTERVAL_MS: '100',
    TRUST_PROXY: 'true',
    SUBMISSION_MIN_FILL_MS: String(MIN_FILL_MS),
    SUBMISSION_RATE_LIMIT: '5',
    SITE_URL: SITE,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SUBMISSION_NOTIFY_TO: 'redazione@coesione.example',
  });
  recordLog(cms.strapi, logLines);
  await seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z') });
  const practice = await cms.strapi.documents('api::practice.practice').findFirst({ status: 'published', fields: ['documentId'] } as never);
  practiceId = practice!.documentId;
  const comune = await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } });
  const draft = await cms.strapi.documents('api::practice.practice').create({
    data: { title: 'Bozza non valutabile', slug: 'bozza-non-valutabile', summary: 'Una bozza.', location: { address: 'Via Roma 1', municipality: comune!.documentId, latitude: 45.32, longitude: 8.42 } },
  } as never);
  draftPracticeId = draft.documentId;
  // A complex pact whose public notice opened today, and a pact in implementation (no notice open).
  const today = new Date().toISOString();
  const open = await cms.strapi.documents('api::pact.pact').create({
    data: {
      title: 'Patto con avviso aperto', slug: 'patto-con-avviso-aperto', summary: 'Un patto di prova.', commonGood: 'Giardino di prova', kind: 'complesso',
      stageHistory: [{ stage: 'proposta', at: today, role: 'proponente' }, { stage: 'istruttoria', at: today, role: 'ufficio' }, { stage: 'avviso_pubblico', at: today, role: 'ufficio' }],
    },
    status: 'published',
  } as never);
  openPactId = open.documentId;
  closedPactId = (await cms.strapi.documents('api::pact.pact').findFirst({ filters: { stage: 'in_attuazione' }, status: 'published', fields: ['documentId'] } as never))!.documentId;
});

afterAll(async () => {
  await cms?.stop();
  await meili?.stop();
  await smtp?.close();
});

describe('POST /api/submissions (JSON, as the islands send it)', () => {
  it('stores a proposal, a report and a rating, each with a fresh receipt in state «ricevuta»', async () => {
    const before = await stored();
    const receipts: string[] = [];
    for (const [index, data] of [proposta(), segnalazione({ email: 'mario.rossi@example.org' }), valutazione()].entries()) {
      const res = await postJson({ data }, `192.0.2.${30 + index}`);
      expect(res.status, res.text).toBe(201);
      expect(res.json.data).toEqual({ receipt: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/), state: 'ricevuta', stateLabel: 'Ricevuta' });
      receipts.push(res.json.data.receipt);
    }
    expect(await stored()).toBe(before + 3);
    expect(new Set(receipts).size).toBe(3);
    const report = await byReceipt(receipts[1]!);
    expect(report).toMatchObject({ kind: 'segnalazione', state: 'ricevuta', category: 'barriere', email: 'mario.rossi@example.org', address: 'Corso Libertà 1' });
  });

  it('stores a pact proposal with its contacts in private fields, and a contribution to an open public notice', async () => {
    const res = await postJson({ data: patto() }, '192.0.2.36');
    expect(res.status, res.text).toBe(201);
    expect(await byReceipt(res.json.data.receipt)).toMatchObject({
      kind: 'patto', commonGood: 'Aiuole e panchine di piazza Mazzini', participants: 'Il comitato di quartiere e la scuola media.',
      contactName: 'Carla Esempio', phone: '0161 000000', showName: false,
    });
    const note = await postJson({ data: osservazione(openPactId) }, '192.0.2.37');
    expect(note.status, note.text).toBe(201);
    expect(await byReceipt(note.json.data.receipt)).toMatchObject({ kind: 'osservazione', targetDocumentId: openPactId, noticeContribution: 'integrativa' });
  });

  it('takes a plain form post through a confirmation page, then stores it and shows the receipt', async () => {
    const before = await stored();
    const form = {
      kind: 'segnalazione', category: 'solitudine', description: 'Anziani soli nel quartiere Isola.', comune: '002158',
      latitude: '', longitude: '', address: '', email: '', website: '', consent: 'on',
    };
    const confirm = await postForm(form);
    expect(confirm.status).toBe(200);
    expect(confirm.headers.get('content-type')).toMatch(/text\/html/);
    expect(confirm.text).toContain('<html lang="it">');
    expect(confirm.text).toMatch(/<h1>Controlla e conferma l&#39;invio<\/h1>|<h1>Controlla e conferma l'invio<\/h1>/);
    expect(confirm.text).toContain('Anziani soli nel quartiere Isola.');
    // The category as the form names it: one label on both sides.
    expect(confirm.text).toContain('<dd>Solitudine e isolamento</dd>');
    expect(confirm.text).toContain('Vercelli');
    expect(await stored()).toBe(before);

    const hidden = Object.fromEntries([...confirm.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"')]));
    expect(hidden).toMatchObject({ kind: 'segnalazione', consent: 'true', returnTo: `${SITE}/partecipa/`, confirmToken: expect.stringMatching(/^[A-Za-z0-9_-]{22}\.\d+\.[A-Za-z0-9_-]{43}$/) });

    // Confirmed at once: too fast for a person reading the page.
    const early = await postForm(hidden, '192.0.2.20', cms.url);
    expect(early.status).toBe(400);
    expect(early.text).toContain('Invio troppo rapido');
    expect(await stored()).toBe(before);

    await new Promise((r) => setTimeout(r, MIN_FILL_MS + 100));
    const done = await postForm(hidden, '192.0.2.20', cms.url);
    expect(done.status, done.text).toBe(201);
    const receipt = /class="receipt">([0-9A-Z-]{14})</.exec(done.text)?.[1];
    expect(receipt).toBeDefined();
    expect(done.text).toContain(`${SITE}/partecipa/stato/?codice=${receipt}`);
    expect(done.text).toContain('Cosa succede adesso');
    expect(await stored()).toBe(before + 1);
    expect(await byReceipt(receipt!)).toMatchObject({ kind: 'segnalazione', category: 'solitudine', latitude: null });
  });

  it('accepts a confirmation page once, for the content it showed, from the address it was shown to', async () => {
    const before = await stored();
    const ip = '192.0.2.22';
    const form = { kind: 'proposta', target: 'workshop', title: 'Corso di cucina per papà', description: 'Il giovedì sera in oratorio.', comune: '002158', consent: 'on' };
    const confirm = await postForm(form, ip);
    expect(confirm.status).toBe(200);
    const hidden = Object.fromEntries([...confirm.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'")]));
    await new Promise((r) => setTimeout(r, MIN_FILL_MS + 100));

    // The same token for other content, or from another address, confirms nothing.
    for (const [fields, from] of [[{ ...hidden, description: 'Tutt’altro testo, mai mostrato.' }, ip], [{ ...hidden, kind: 'segnalazione', category: 'altro' }, ip], [hidden, '192.0.2.23']] as const) {
      const res = await postForm(fields, from, cms.url);
      expect(res.status, res.text).toBe(400);
      expect(res.text).toContain('La conferma non è valida o è scaduta');
    }
    expect(await stored()).toBe(before);

    // A double click: two posts of the page at once store one contribution.
    const both = await Promise.all([postForm(hidden, ip, cms.url), postForm(hidden, ip, cms.url)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(await stored()).toBe(before + 1);

    // Sent again later (the back button, a replay): refused, with the way forward.
    const again = await postForm(hidden, ip, cms.url);
    expect(again.status).toBe(400);
    expect(again.text).toContain('<html lang="it">');
    expect(again.text).toContain('già stata inviata');
    expect(again.text).toContain('torna al modulo e ricomincia');
    expect(await stored()).toBe(before + 1);
  });

  it('answers a form post with errors as an Italian page that names each field and links back to the form', async () => {
    const before = await stored();
    const res = await postForm({ kind: 'proposta', target: 'practice', title: '<b>Titolo</b>', description: '', consent: '' }, '192.0.2.21', `${SITE}/partecipa/#proponi`);
    expect(res.status).toBe(400);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain('<title>Il modulo contiene errori · Coesione</title>');
    expect(res.text).toContain('<strong>Titolo</strong>');
    expect(res.text).toContain('<strong>Descrizione</strong>');
    expect(res.text).toContain('<strong>Consenso al trattamento dei dati</strong>');
    expect(res.text).toContain(`href="${SITE}/partecipa/#proponi"`);
    expect(await stored()).toBe(before);
  });

  it('sends the editors an e-mail naming the receipt and nothing the sender wrote', async () => {
    const res = await postJson({ data: proposta({ title: 'Biciclette riparate insieme', email: 'giulia@example.org' }) }, '192.0.2.40');
    expect(res.status).toBe(201);
    const message = await until('the notification', async () => smtp.messages.find((m) => m.includes(res.json.data.receipt)), 10_000);
    expect(message).toContain('redazione@coesione.example');
    expect(message).not.toContain('giulia@example.org');
    expect(message).not.toContain('Biciclette');
  });
});

describe('bad input', () => {
  const over = (n: number) => 'a'.repeat(n);
  // [name, body (object, or raw text), expected status, field path expected in the errors (if any), content type]
  const cases: [string, () => unknown, number, string?, string?][] = [
    ['missing consent', () => ({ data: proposta({ consent: undefined }) }), 400, 'consent'],
    ['consent false', () => ({ data: proposta({ consent: false }) }), 400, 'consent'],
    ['unknown kind', () => ({ data: proposta({ kind: 'reclamo' }) }), 400, 'kind'],
    ['missing kind', () => ({ data: proposta({ kind: undefined }) }), 400, 'kind'],
    ['HTML in the title', () => ({ data: proposta({ title: 'Un <b>titolo</b> in grassetto' }) }), 400, 'title'],
    ['a script in the description', () => ({ data: proposta({ description: 'Ciao <script>alert(1)</script>' }) }), 400, 'description'],
    ['a javascript: URL', () => ({ data: segnalazione({ description: 'Vedi javascript:alert(1)' }) }), 400, 'description'],
    ['an HTML entity', () => ({ data: proposta({ title: 'Titolo &#60;b&#62;' }) }), 400, 'title'],
    ['a control character', () => ({ data: proposta({ title: 'Titolo\u0000nascosto' }) }), 400, 'title'],
    ['a title over 200 characters', () => ({ data: proposta({ title: over(201) }) }), 400, 'title'],
    ['a title under 3 characters', () => ({ data: proposta({ title: 'ab' }) }), 400, 'title'],
    ['a description over 5,000 characters', () => ({ data: proposta({ description: over(5001) }) }), 400, 'description'],
    ['a body over 32 KB', () => ({ data: proposta({ description: over(40_000) }) }), 413],
    ['a body that is not JSON', () => '{"data": {"kind": "proposta",', 400, 'data'],
    ['a text/plain body', () => 'kind=proposta', 415, undefined, 'text/plain'],
    ['data that is not an object', () => ({ data: 'proposta' }), 400, 'data'],
    ['a JSON array', () => [proposta()], 400, 'data'],
    ['stars as a string', () => ({ data: valutazione({ stars: '5' }) }), 400, 'stars'],
    ['six stars', () => ({ data: valutazione({ stars: 6 }) }), 400, 'stars'],
    ['half a star', () => ({ data: valutazione({ stars: 2.5 }) }), 400, 'stars'],
    ['a latitude without longitude', () => ({ data: segnalazione({ longitude: undefined }) }), 400, 'longitude'],
    ['coordinates outside the district (Milan)', () => ({ data: segnalazione({ latitude: 45.4642, longitude: 9.19 }) }), 400, 'latitude'],
    ['a latitude as text in JSON', () => ({ data: segnalazione({ latitude: '45.3' }) }), 400, 'latitude'],
    ['an unknown comune', () => ({ data: segnalazione({ comune: '999999' }) }), 400, 'comune'],
    ['a malformed comune', () => ({ data: proposta({ comune: '12AB' }) }), 400, 'comune'],
    ['a report without comune', () => ({ data: segnalazione({ comune: undefined }) }), 400, 'comune'],
    ['an unknown category', () => ({ data: segnalazione({ category: 'traffico' }) }), 400, 'category'],
    ['an unknown proposal target', () => ({ data: proposta({ target: 'regulation' }) }), 400, 'target'],
    ['the honeypot filled', () => ({ data: proposta({ website: 'http://spam.example' }) }), 400, 'website'],
    ['a form sent too fast', () => ({ data: proposta({ startedAt: Date.now() }) }), 400, 'startedAt'],
    ['no start time', () => ({ data: proposta({ startedAt: undefined }) }), 400, 'startedAt'],
    ['a start time in the future', () => ({ data: proposta({ startedAt: Date.now() + 3_600_000 }) }), 400, 'startedAt'],
    ['a start time of 0', () => ({ data: proposta({ startedAt: 0 }) }), 400, 'startedAt'],
    ['a start time of −1', () => ({ data: proposta({ startedAt: -1 }) }), 400, 'startedAt'],
    ['a start time over 24 hours ago', () => ({ data: proposta({ startedAt: Date.now() - 25 * 3_600_000 }) }), 400, 'startedAt'],
    ['a start time that is not a whole number', () => ({ data: proposta({ startedAt: started() + 0.5 }) }), 400, 'startedAt'],
    ['a start time as text', () => ({ data: proposta({ startedAt: String(started()) }) }), 400, 'startedAt'],
    ['a start time 3 minutes ahead', () => ({ data: proposta({ startedAt: Date.now() + 3 * 60_000 }) }), 400, 'startedAt'],
    ['an invalid e-mail', () => ({ data: proposta({ email: 'mario@' }) }), 400, 'email'],
    ['a rating of an unknown entry', () => ({ data: valutazione({ targetDocumentId: 'abcdefghijklmnopqrstuvwx' }) }), 400, 'targetDocumentId'],
    ['a rating of a draft', () => ({ data: valutazione({ targetDocumentId: draftPracticeId }) }), 400, 'targetDocumentId'],
    ['a pact proposal without its bene comune', () => ({ data: patto({ commonGood: undefined }) }), 400, 'commonGood'],
    ['a pact proposal without comune', () => ({ data: patto({ comune: undefined }) }), 400, 'comune'],
    ['a pact proposal with no way to answer', () => ({ data: patto({ email: undefined, phone: undefined }) }), 400, 'email'],
    ['a pact proposal with a phone made of words', () => ({ data: patto({ phone: 'chiamatemi' }) }), 400, 'phone'],
    ['a pact proposal placed in Milan', () => ({ data: patto({ latitude: 45.4642, longitude: 9.19 }) }), 400, 'latitude'],
    ['a notice contribution to a pact with no open notice', () => ({ data: osservazione(closedPactId) }), 400, 'targetDocumentId'],
    ['a notice contribution of an unknown kind', () => ({ data: osservazione(openPactId, { noticeContribution: 'reclamo' }) }), 400, 'noticeContribution'],
  ];

  it('has at least 25 cases', () => expect(cases.length).toBeGreaterThanOrEqual(25));

  it.each(cases)('refuses %s with a clear message, storing nothing', async (_name, body, status, path, type = 'application/json') => {
    const before = await stored();
    const value = body();
    const raw = typeof value === 'string' ? value : JSON.stringify(value);
    const res = await request('/api/submissions', { method: 'POST', ip: '192.0.2.50', headers: { 'content-type': type }, body: raw });
    expect(res.status, res.text).toBe(status);
    expect(res.json?.data).toBeNull();
    expect(res.json.error.status).toBe(status);
    expect(res.json.error.message).toMatch(/[a-zàèéìòù]{4,}/i);
    if (path) {
      const fields = res.json.error.details.errors.map((e: { path: string[] }) => e.path[0]);
      expect(fields).toContain(path);
      for (const e of res.json.error.details.errors) expect(e.message.length).toBeGreaterThan(10);
    }
    expect(await stored()).toBe(before);
  });

  it('refuses a forged confirmation of a plain form post', async () => {
    const before = await stored();
    const res = await postForm({ kind: 'segnalazione', category: 'altro', description: 'Prova', comune: '002158', consent: 'true', confirmToken: `${Date.now() - 60_000}.${'A'.repeat(43)}` }, '192.0.2.51');
    expect(res.status).toBe(400);
    expect(res.text).toContain('La conferma non è valida o è scaduta');
    expect(await stored()).toBe(before);
  });

  it('gives 429 with Retry-After past the per-address limit, for that address only', async () => {
    const before = await stored();
    for (let i = 0; i < 5; i++) expect((await postJson({ data: proposta() }, '203.0.113.7')).status).toBe(201);
    const flood = await postJson({ data: proposta() }, '203.0.113.7');
    expect(flood.status).toBe(429);
    expect(Number(flood.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(flood.json.error.message).toMatch(/^Hai già inviato 5 contributi negli ultimi 10 minuti: riprova tra \d+ minut/);
    expect(await stored()).toBe(before + 5);
    expect((await postJson({ data: proposta() }, '203.0.113.8')).status).toBe(201);
  });

  it('does not count refused submissions against the limit', async () => {
    for (let i = 0; i < 8; i++) expect((await postJson({ data: proposta({ consent: false }) }, '203.0.113.9')).status).toBe(400);
    expect((await postJson({ data: proposta() }, '203.0.113.9')).status).toBe(201);
  });
});

describe('under load', () => {
  it('stores 200 concurrent submissions from 200 addresses under 200 distinct receipts', async () => {
    const before = await stored();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => postJson({ data: i % 2 ? segnalazione() : proposta({ title: `Proposta concorrente ${i}` }) }, `10.20.${Math.floor(i / 250)}.${i % 250}`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(200).fill(201));
    expect(new Set(answers.map((a) => a.json.data.receipt)).size).toBe(200);
    expect(await stored()).toBe(before + 200);
  });
});

describe('GET /api/submissions/status', () => {
  let receipt: string;
  beforeAll(async () => {
    receipt = (await postJson({ data: segnalazione({ email: 'anna@example.org', description: 'Lampione spento in via Dante.' }) }, '192.0.2.60')).json.data.receipt;
  });

  it('returns only the state and the public reply', async () => {
    const res = await request(`/api/submissions/status/${receipt}`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { receipt, kind: 'segnalazione', state: 'ricevuta', stateLabel: 'Ricevuta', reply: null, updatedAt: expect.any(String), pact: null } });
    const doc = await byReceipt(receipt);
    await cms.strapi.documents(SUBMISSION).update({ documentId: doc.documentId, data: { state: 'respinta', reasonCode: 'fuori_ambito', publicReply: 'Segnalazione girata al Comune di Vercelli.' } } as never);
    const after = await request(`/api/submissions/status?codice=${receipt.toLowerCase().replace(/-/g, ' ')}`);
    expect(after.json.data).toMatchObject({ state: 'respinta', stateLabel: 'Respinta', reply: 'Segnalazione girata al Comune di Vercelli.' });
    expect(after.text).not.toContain('anna@example.org');
    expect(after.text).not.toContain('Lampione');
  });

  it('answers an HTML page to a browser form', async () => {
    const res = await request(`/api/submissions/status?codice=${receipt}`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain(`<h1>Stato del contributo ${receipt}</h1>`);
    expect(res.text).toContain('Respinta');
  });

  it('answers 404 with an Italian message to a random or malformed code', async () => {
    const random = await request('/api/submissions/status/ZZZZ-ZZZZ-ZZZZ');
    expect(random.status).toBe(404);
    expect(random.json.error.message).toContain('Nessun contributo con il codice ZZZZ-ZZZZ-ZZZZ');
    const malformed = await request('/api/submissions/status/not-a-code');
    expect(malformed.status).toBe(404);
    expect(malformed.json.error.message).toMatch(/^Il codice non è valido/);
    const page = await request('/api/submissions/status?codice=UUUU', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(page.text).toContain('<html lang="it">');
  });
});

describe('privacy', () => {
  it('gives the public no way to list or read submissions', async () => {
    const some = await cms.strapi.db.query(SUBMISSION).findOne({ where: {} });
    for (const path of ['/api/submissions', `/api/submissions/${some.documentId}`, '/api/submissions?populate=*', '/api/submission']) {
      const res = await request(path);
      expect([403, 404, 405], path).toContain(res.status);
      expect(res.text).not.toContain(some.receipt);
    }
    const roles = await cms.strapi.db.query('plugin::users-permissions.role').findMany({ populate: ['permissions'] });
    for (const role of roles) for (const p of role.permissions) expect(p.action).not.toMatch(/submission|partner-account/);
  });

  it('never indexes a submission, also once accepted', async () => {
    const marker = 'Zafferanosolidale';
    const res = await postJson({ data: proposta({ title: `Mercato ${marker} del sabato`, description: `Un mercato ${marker}.` }) }, '192.0.2.70');
    const doc = await byReceipt(res.json.data.receipt);
    await cms.strapi.documents(SUBMISSION).update({ documentId: doc.documentId, data: { state: 'accettata' } } as never);
    await until('the search outbox to drain', async () => (await outboxSize(cms)) === 0, 20_000);
    const index = createSearchClient(meili.url, meili.masterKey).index<SearchDocument>(INDEX_UID);
    expect((await index.search(marker)).hits).toHaveLength(0);
    const { results } = await index.getDocuments({ limit: 100000 });
    expect(JSON.stringify(results)).not.toContain(marker);
  });

  it('never reaches what the site is built from (the snapshot of everything the build reads)', async () => {
    const marker = 'Melagranaprivata';
    const res = await postJson({ data: segnalazione({ description: `Segnalazione ${marker}.`, email: 'nascosta@example.org' }) }, '192.0.2.71');
    // Everything the site build reads from the CMS (content, uploads, ratings), as `npm run snapshot` writes it.
    const snapshot = JSON.stringify(await takeSnapshot(cms.url));
    for (const secret of [marker, 'nascosta@example.org', res.json.data.receipt, 'Zafferanosolidale', 'Orto condiviso nel cortile']) expect(snapshot).not.toContain(secret);
  });

  it('logs a submission request without personal data or the receipt', async () => {
    logLines.length = 0;
    const res = await postJson({ data: segnalazione({ email: 'privata.persona@example.org', description: 'Testo riservato Quercia42.', address: 'Via Segreta 7' }) }, '198.51.100.23');
    expect(res.status).toBe(201);
    await request(`/api/submissions/status/${res.json.data.receipt}`);
    await request(`/api/submissions/status?codice=${res.json.data.receipt}`);
    await new Promise((r) => setTimeout(r, 200));
    const log = logLines.join('\n');
    expect(log).toContain('POST /api/submissions');
    expect(log).toContain('GET /api/submissions/status/…');
    for (const secret of ['privata.persona@example.org', 'Quercia42', 'Via Segreta', '198.51.100.23', res.json.data.receipt]) expect(log).not.toContain(secret);
  });
});

describe('moderation', () => {
  it('accepting a proposal creates one draft of the proposed type, prefilled, whatever the editor saves next', async () => {
    const res = await postJson({ data: proposta({ target: 'workshop', title: 'Laboratorio di cucito per ragazzi', organization: 'APS Filo Rosso', comune: '002158' }) }, '192.0.2.80');
    const doc = await byReceipt(res.json.data.receipt);
    const editor = await adminToken(DEMO_USERS.editor.email, DEMO_USERS.editor.password);
    const cm = `/content-manager/collection-types/${SUBMISSION}/${doc.documentId}`;
    const save = (data: Record<string, unknown>) =>
      request(cm, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}` }, body: JSON.stringify(data) });

    // The editor reads it in the admin, contact included.
    const read = await request(cm, { headers: { authorization: `Bearer ${editor}` } });
    expect(read.status, read.text).toBe(200);
    expect(read.json.data).toMatchObject({ title: 'Laboratorio di cucito per ragazzi', organizationName: 'APS Filo Rosso', state: 'ricevuta' });

    expect((await save({ state: 'accettata', publicReply: 'Grazie, la prepariamo.' })).status).toBe(200);
    const accepted = await byReceipt(res.json.data.receipt);
    expect(accepted.createdDraftType).toBe('api::workshop.workshop');
    const draftId = accepted.createdDraftDocumentId as string;
    const draft = (await cms.strapi.documents('api::workshop.workshop').findOne({ documentId: draftId, populate: { location: { populate: ['municipality'] } } } as never)) as unknown as Record<string, unknown> & { location: { municipality: { istatCode: string } } };
    expect(draft).toMatchObject({ title: 'Laboratorio di cucito per ragazzi', publishedAt: null, craft: 'altro' });
    expect(draft.slug).toBe('laboratorio-di-cucito-per-ragazzi');
    expect(draft.location.municipality.istatCode).toBe('002158');
    expect(JSON.stringify(draft.body)).toContain('APS Filo Rosso');
    expect(await cms.strapi.documents('api::workshop.workshop').findOne({ documentId: draftId, status: 'published' } as never)).toBeNull();

    // Saved again (with a stale, empty draft field), rejected and accepted again: still one draft.
    expect((await save({ state: 'accettata', createdDraftDocumentId: '', publicReply: 'Aggiornata.' })).status).toBe(200);
    await save({ state: 'respinta' });
    await save({ state: 'accettata' });
    expect((await byReceipt(res.json.data.receipt)).createdDraftDocumentId).toBe(draftId);
    expect(await cms.strapi.documents('api::workshop.workshop').count({ filters: { title: 'Laboratorio di cucito per ragazzi' } } as never)).toBe(1);
  });

  it('accepting a pact proposal opens the pact dated from the proposal; once the office publishes it the status links it, and the proposer stays private', async () => {
    const res = await postJson({ data: patto({ title: 'Cura del cortile della scuola Ferrari', organization: 'Comitato genitori Ferrari' }) }, '192.0.2.81');
    const receipt = res.json.data.receipt as string;
    const doc = await byReceipt(receipt);
    const editor = await adminToken(DEMO_USERS.editor.email, DEMO_USERS.editor.password);
    const auth = { 'content-type': 'application/json', authorization: `Bearer ${editor}` };
    const cm = (uid: string, id: string, action = '') => `/content-manager/collection-types/${uid}/${id}${action}`;
    const put = (uid: string, id: string, data: Record<string, unknown>) => request(cm(uid, id), { method: 'PUT', headers: auth, body: JSON.stringify(data) });

    expect((await put(SUBMISSION, doc.documentId, { state: 'accettata', publicReply: 'Grazie: apriamo l’istruttoria.' })).status).toBe(200);
    const accepted = await byReceipt(receipt);
    expect(accepted.createdDraftType).toBe('api::pact.pact');
    const pactId = accepted.createdDraftDocumentId as string;
    const pact = (await cms.strapi.documents('api::pact.pact').findOne({ documentId: pactId } as never)) as unknown as Record<string, unknown>;
    expect(pact).toMatchObject({ stage: 'proposta', publicProposer: 'Comitato genitori Ferrari', proposerName: 'Carla Esempio', sourceReceipt: receipt });
    expect(new Date(pact.receivedAt as string).getTime()).toBe(new Date(doc.createdAt as string).getTime());
    expect((await request(`/api/submissions/status/${receipt}`)).json.data.pact).toBeNull(); // a draft is not in the register

    const P = 'api::pact.pact';
    expect((await put(P, pactId, { stage: 'istruttoria', stageNote: 'Avviata l’istruttoria.' })).status).toBe(200);
    const publish = await request(cm(P, pactId, '/actions/publish'), { method: 'POST', headers: auth, body: JSON.stringify({}) });
    expect(publish.status, publish.text).toBe(200);
    const status = await request(`/api/submissions/status/${receipt}`);
    expect(status.json.data.pact).toEqual({ title: 'Cura del cortile della scuola Ferrari', path: `/patti/${pact.slug}/`, stage: 'Istruttoria' });
    // Accepting a pact proposal opens its istruttoria: the proposer must not read "approved".
    expect(status.json.data.stateLabel).toBe('Presa in carico: il patto è in istruttoria');
    const page = await request(`/api/submissions/status?codice=${receipt}`, { headers: { accept: 'text/html' } });
    expect(page.text).toContain(`<a href="${SITE}/patti/${pact.slug}/">Cura del cortile della scuola Ferrari</a> (fase: Istruttoria)`);

    const api = await request(`/api/pacts?filters[slug][$eq]=${pact.slug}&populate=*`);
    expect(api.json.data).toHaveLength(1);
    // Published, the pact is indexed: with none of the proposer's data; nor is any of it in the logs.
    await until('the pact in the index', async () => (await searchIndex(meili).search('cortile della scuola Ferrari')).hits.some((h) => h.slug === pact.slug), 20_000);
    const indexed = JSON.stringify((await searchIndex(meili).getDocuments({ limit: 100000 })).results);
    for (const secret of ['Carla Esempio', 'carla.esempio@example.org', '0161 000000', receipt]) {
      expect(api.text).not.toContain(secret);
      expect(indexed).not.toContain(secret);
      expect(logLines.join('\n')).not.toContain(secret);
    }
  });

  it('counts ratings only once accepted, and shows them only from three', async () => {
    const target = (await cms.strapi.documents('api::opportunity.opportunity').findFirst({ status: 'published', fields: ['documentId'] } as never))!.documentId;
    const rate = async (stars: number, i: number) =>
      (await postJson({ data: valutazione({ targetType: 'opportunity', targetDocumentId: target, stars, comment: 'Servizio utile.' }) }, `192.0.2.${90 + i}`)).json.data.receipt as string;
    const receipts = [await rate(5, 0), await rate(4, 1), await rate(4, 2), await rate(1, 3)];
    const ratingOf = async () => (await request('/api/ratings')).json.data.find((r: { targetDocumentId: string }) => r.targetDocumentId === target);
    expect(await ratingOf()).toBeUndefined();

    const setState = async (receipt: string, state: string) =>
      cms.strapi.documents(SUBMISSION).update({ documentId: (await byReceipt(receipt)).documentId, data: { state } } as never);
    await setState(receipts[0]!, 'accettata');
    await setState(receipts[1]!, 'accettata');
    await setState(receipts[3]!, 'respinta');
    expect(await ratingOf()).toBeUndefined();
    await setState(receipts[2]!, 'accettata');
    expect(await ratingOf()).toEqual({ targetType: 'opportunity', targetDocumentId: target, average: 4.3, count: 3 });
  });
});

describe('partners', () => {
  it('links what a partner creates to its organisation, privately, and the partner cannot choose another', async () => {
    const partner = await adminToken(DEMO_USERS.partner.email, DEMO_USERS.partner.password);
    const other = await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'odv-voci-amiche' } } as never);
    const comune = await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } });
    const res = await request('/content-manager/collection-types/api::practice.practice?locale=it', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${partner}` },
      body: JSON.stringify({
        title: 'Ciclofficina del sabato', slug: 'ciclofficina-del-sabato', summary: 'Riparazioni insieme.', state: 'attiva', evidenceLevel: 'descrittiva',
        location: { address: 'Via Dante 3', municipality: comune!.documentId, latitude: 45.32, longitude: 8.42 },
        proposedBy: other!.documentId,
      }),
    });
    expect(res.status, res.text).toBe(201);
    const documentId = res.json.data.documentId as string;
    expect(res.json.data.publishedAt).toBeNull();

    const stored = (await cms.strapi.documents('api::practice.practice').findOne({ documentId, populate: { proposedBy: { fields: ['slug'] } } } as never)) as unknown as { proposedBy: { slug: string } | null };
    expect(stored.proposedBy?.slug).toBe('aps-bottega-del-riuso');

    // Editors see it in the admin.
    const editor = await adminToken(DEMO_USERS.editor.email, DEMO_USERS.editor.password);
    const relation = await request(`/content-manager/relations/api::practice.practice/${documentId}/proposedBy?locale=it`, { headers: { authorization: `Bearer ${editor}` } });
    expect(relation.status, relation.text).toBe(200);
    expect(JSON.stringify(relation.json)).toContain('Bottega del Riuso');

    // Published, it never shows who proposed it, also when asked.
    await cms.strapi.documents('api::practice.practice').publish({ documentId } as never);
    const pub = await request(`/api/practices/${documentId}`);
    expect(pub.status).toBe(200);
    expect(pub.json.data).not.toHaveProperty('proposedBy');
    expect((await request(`/api/practices?filters[proposedBy][slug][$eq]=aps-bottega-del-riuso`)).status).toBe(400);
  });

  it('an editor creating an entry sets no proposer', async () => {
    const created = await cms.strapi.documents('api::practice.practice').create({ data: { title: 'Scheda redazionale', slug: 'scheda-redazionale', summary: 'x' } } as never);
    const stored = (await cms.strapi.documents('api::practice.practice').findOne({ documentId: created.documentId, populate: ['proposedBy'] } as never)) as unknown as { proposedBy: unknown };
    expect(stored.proposedBy).toBeNull();
  });
});

describe('hardening', () => {
  it('limits failed logins per address, whatever e-mail each attempt uses', async () => {
    const attempt = (i: number, ip: string) =>
      request('/admin/login', { method: 'POST', ip, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: `ospite${i}@example.org`, password: 'sbagliata-123' }) });
    for (let i = 0; i < 10; i++) expect((await attempt(i, '203.0.113.50')).status).toBe(400);
    const blocked = await attempt(99, '203.0.113.50');
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.message).toMatch(/^Troppi tentativi di accesso/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    const blockedApi = await request('/api/auth/local', { method: 'POST', ip: '203.0.113.50', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'x@example.org', password: 'y' }) });
    expect(blockedApi.status).toBe(429);
    expect((await attempt(100, '203.0.113.51')).status).toBe(400);
  });

  it('lets the site origin POST JSON across origins, and no other origin', async () => {
    const preflight = (origin: string) =>
      request('/api/submissions', { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    const allowed = await preflight('http://127.0.0.1:4321');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    const denied = await preflight('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });

  it('sends security headers and never caches submission answers', async () => {
    const res = await postJson({ data: proposta({ consent: false }) }, '192.0.2.120');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
