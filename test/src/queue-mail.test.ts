/**
 * The work queue by e-mail: each morning, one message to each editor and partner with the items where they
 * must act, each with the admin link where to act, through a real SMTP listener on loopback. A pact's
 * answer due in 3 days reaches the office, a draft returned with a note (and, the next day, a refused need
 * import) reaches its partner; a second run the same day sends nothing, a user who chose «mai» gets nothing,
 * a day with nothing due sends nothing, and no address reaches the log. A real Strapi on an empty database of its own (SQLite, and PostgreSQL in
 * that run); the job is the feature's own function, called with the day it runs for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, romeDay } from '@coesione/model';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { adminToken } from './support/admin.ts';
import { cmsModule, recordLog, startCms, type TestCms } from './support/cms.ts';
import { until } from './support/indexed.ts';
import { readable, startSmtp, type TestSmtp } from '@coesione/scripts/lib/smtp-sink.ts';

const PACT = 'api::pact.pact';
const PRACTICE = 'api::practice.practice';
const EDITOR = { email: 'ufficio.coda@coesione.example', password: 'Ufficio-Coda-2026' };
const QUIET_EDITOR = { email: 'ufficio.silenzio@coesione.example', password: 'Ufficio-Silenzio-2026' };
const PARTNER = { email: 'ente.coda@coesione.example', password: 'Ente-Coda-2026' };
/** Another organisation's partner: nothing of the first's drafts, imports or reporting may reach it. */
const OTHER = { email: 'altro.ente@coesione.example', password: 'Altro-Ente-2026' };
const PACT_TITLE = 'Cura condivisa del giardino di via Dante';
const DRAFT_TITLE = 'Doposcuola solidale di Santhià';
const NOTE = 'Aggiungete gli orari di apertura e un recapito.';
const ME = '/admin/coesione/notifications/me';

interface Run {
  sent: number;
  already: number;
  optedOut: number;
}
const { sendQueueMail } = cmsModule<{ sendQueueMail(strapi: unknown, options?: { now?: Date }): Promise<Run> }>('features/queue-mail/index');
const { cmsBaseUrl } = cmsModule<{ cmsBaseUrl(strapi: unknown): string }>('platform/runtime');

let cms: TestCms;
let smtp: TestSmtp;
const logLines: string[] = [];
const tokens = { quiet: '', partner: '' };
const ids = { pact: '', draft: '' };
// The day the job runs for: the pact below was received 27 days before, so its answer is due in 3 days.
const NOW = new Date();

const mailTo = (address: string) => smtp.messages.map(readable).filter((m) => m.includes(`To: ${address}`));

async function adminUser(user: { email: string; password: string }, roleCode: string, firstname: string): Promise<void> {
  const role = await cms.strapi.service('admin::role').findOne({ code: roleCode });
  await cms.strapi.service('admin::user').create({ ...user, firstname, lastname: 'Prova', isActive: true, registrationToken: null, roles: [role.id] });
}

beforeAll(async () => {
  smtp = await startSmtp(await freePort());
  cms = await startCms({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_INTERVAL_MS: '150', MAIL_RETRY_MS: '200' });
  recordLog(cms.strapi, logLines);
  await adminUser(EDITOR, 'strapi-editor', 'Ufficio');
  await adminUser(QUIET_EDITOR, 'strapi-editor', 'Silenzio');
  await adminUser(PARTNER, 'coesione-partner', 'Ente');
  const organization = (await cms.strapi.documents('api::organization.organization').create({
    data: { name: 'APS Coda di prova', slug: 'aps-coda-di-prova', summary: 'Un ente di prova.', kind: 'cooperativa_sociale' },
  } as never)) as { documentId: string };
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER.email, organization: organization.documentId } } as never);
  await adminUser(OTHER, 'coesione-partner', 'Altro');
  const other = (await cms.strapi.documents('api::organization.organization').create({
    data: { name: 'ODV Altro ente di prova', slug: 'odv-altro-ente-di-prova', summary: 'Un altro ente di prova.', kind: 'cooperativa_sociale' },
  } as never)) as { documentId: string };
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: OTHER.email, organization: other.documentId } } as never);
  tokens.quiet = await adminToken(cms, QUIET_EDITOR.email, QUIET_EDITOR.password);
  tokens.partner = await adminToken(cms, PARTNER.email, PARTNER.password);
}, 300_000);

afterAll(async () => {
  await cms?.stop();
  await smtp?.close();
});

describe('the daily e-mail of the work queue', () => {
  it('sends nothing on a day with nothing due', async () => {
    expect(await sendQueueMail(cms.strapi, { now: NOW })).toEqual({ sent: 0, already: 0, optedOut: 0 });
  });

  it('keeps each user’s own choice, «ogni giorno» until they pick «mai»', async () => {
    const before = await cms.api(ME, { token: tokens.quiet });
    expect(before.body).toEqual({ choice: 'ogni_giorno', chosen: false, applies: true });
    const refused = await cms.api(ME, { method: 'PUT', token: tokens.quiet, body: { choice: 'qualche volta' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toBe('Scegli «ogni giorno» oppure «mai».');
    const saved = await cms.api(ME, { method: 'PUT', token: tokens.quiet, body: { choice: 'mai' } });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ choice: 'mai', chosen: true, applies: true });
    expect((await cms.api(ME, { token: tokens.quiet })).body.choice).toBe('mai');
    // Another user's choice is untouched.
    expect((await cms.api(ME, { token: tokens.partner })).body).toEqual({ choice: 'ogni_giorno', chosen: false, applies: true });
  });

  it('sends the office the pact answer due in 3 days and the partner its returned draft, once each, with the admin links', async () => {
    const receivedAt = new Date(NOW.getTime() - 27 * 86_400_000).toISOString();
    ids.pact = ((await cms.strapi.documents(PACT).create({
      data: { title: PACT_TITLE, slug: 'cura-giardino-via-dante', summary: 'Un patto di prova.', commonGood: 'Giardino di via Dante', kind: 'ordinario', receivedAt },
      locale: 'it',
    } as never)) as { documentId: string }).documentId;
    const pact = (await cms.strapi.db.query(PACT).findOne({ where: { documentId: ids.pact }, select: ['answerDue'] })) as { answerDue: string };
    expect(pact.answerDue).toBe(addDays(romeDay(NOW), 3));

    const organization = (await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'aps-coda-di-prova' } } as never))!;
    ids.draft = ((await cms.strapi.documents(PRACTICE).create({
      data: { title: DRAFT_TITLE, slug: 'doposcuola-solidale-santhia', summary: 'Una proposta di prova.', state: 'attiva', evidenceLevel: 'descrittiva', proposedBy: organization.documentId },
      locale: 'it',
    } as never)) as { documentId: string }).documentId;
    await cms.strapi.db.query(PRACTICE).update({ where: { documentId: ids.draft, publishedAt: null }, data: { reviewNote: NOTE, returnedAt: new Date(NOW.getTime() - 86_400_000) } });

    expect(await sendQueueMail(cms.strapi, { now: NOW })).toEqual({ sent: 2, already: 0, optedOut: 1 });
    await until('both messages delivered', async () => mailTo(EDITOR.email).length === 1 && mailTo(PARTNER.email).length === 1, 15_000);

    const admin = `${cmsBaseUrl(cms.strapi)}/admin`;
    const office = mailTo(EDITOR.email)[0]!;
    expect(office).toContain('Subject: Coesione: 1 attività da fare');
    expect(office).toContain('Patti: risposte in scadenza');
    expect(office).toContain(PACT_TITLE);
    expect(office).toMatch(/risposta dovuta entro il \d+ \w+ \d{4} \(tra 3 giorni\)/);
    expect(office).toContain(`${admin}/content-manager/collection-types/${PACT}/${ids.pact}?plugins[i18n][locale]=it`);
    // The returned draft waits for its partner, not for the office.
    expect(office).not.toContain(DRAFT_TITLE);
    expect(office).toContain('scegli «mai» nel riquadro «E-mail delle attività»');

    const partner = mailTo(PARTNER.email)[0]!;
    expect(partner).toContain('Proposte rimandate dalla redazione');
    expect(partner).toContain(DRAFT_TITLE);
    expect(partner).toContain(`Nota della redazione: ${NOTE}`);
    expect(partner).toContain(`${admin}/content-manager/collection-types/${PRACTICE}/${ids.draft}?plugins[i18n][locale]=it`);
    expect(partner).not.toContain(PACT_TITLE);

    expect(mailTo(QUIET_EDITOR.email)).toEqual([]);
    expect(mailTo(OTHER.email), 'another organisation hears nothing of this one’s drafts or imports').toEqual([]);
  });

  it('sends nothing more when run again the same day', async () => {
    expect(await sendQueueMail(cms.strapi, { now: new Date(NOW.getTime() + 60_000) })).toEqual({ sent: 0, already: 2, optedOut: 1 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.messages).toHaveLength(2);
  });

  it('tells the partner, the next day, that its last need import was refused, with the link to «Dati di bisogno»', async () => {
    const file = () => {
      const form = new FormData();
      form.append('file', new Blob(['mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno\n2026-13;Milano;30-49;;;;casa;;no;;Q-1\n'], { type: 'text/csv' }), 'dati.csv');
      return form;
    };
    const headers = { authorization: `Bearer ${tokens.partner}` };
    const preview = await fetch(`${cms.url}/coesione-needs/import/preview`, { method: 'POST', headers, body: file() });
    expect(preview.status).toBe(200);
    const { plan } = (await preview.json()) as { plan: string };
    expect((await fetch(`${cms.url}/coesione-needs/import?plan=${plan}`, { method: 'POST', headers, body: file() })).status).toBe(422);

    const tomorrow = new Date(NOW.getTime() + 86_400_000);
    expect((await sendQueueMail(cms.strapi, { now: tomorrow })).sent).toBe(2);
    await until('the next day’s messages delivered', async () => mailTo(PARTNER.email).length === 2, 15_000);
    const partner = mailTo(PARTNER.email)[1]!;
    expect(partner).toContain('Subject: Coesione: 2 attività da fare');
    expect(partner).toContain('L’ultima importazione dei dati di bisogno non è andata a buon fine');
    expect(partner).toContain(`${cmsBaseUrl(cms.strapi)}/admin/dati-di-bisogno`);
    expect(partner).toContain(DRAFT_TITLE);
    // The office's answer is now due in 2 days.
    expect(mailTo(EDITOR.email)[1]).toContain('(tra 2 giorni)');
    expect(mailTo(QUIET_EDITOR.email)).toEqual([]);
  });

  it('names no address in the log', () => {
    expect(logLines.some((l) => l.includes('queue-mail: 2 daily messages queued'))).toBe(true);
    for (const user of [EDITOR, QUIET_EDITOR, PARTNER, OTHER]) expect(logLines.filter((l) => l.includes(user.email))).toEqual([]);
  });
});
