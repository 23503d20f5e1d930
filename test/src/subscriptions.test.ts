/**
 * Following a section by e-mail as a person does it, without an account: the form with a list's filters
 * filled in, the plain form post, the confirmation from the message received, a new entry that fits (one
 * message, with its link and a one-click unsubscribe) and one that does not (none); the weekly digest over
 * three weeks of a moved clock (three digests, none empty, none twice); the unsubscribe by a mail program's
 * one-click post, and links forged or used again; bad input, floods and stale confirmations refused in
 * Italian with nothing stored; no address in the log. A real Strapi on an empty database of its own
 * (SQLite, and PostgreSQL in that run) and a real SMTP listener on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUBSCRIPTION_ROUTES } from '@coesione/model';
import { cmsModule, recordLog, startCms, type TestCms } from './support/cms.ts';
import { decode } from './support/bookings.ts';
import { send as sendRaw } from './support/http.ts';
import { until } from './support/indexed.ts';
import { readable, startSmtp, type TestSmtp } from '@coesione/scripts/lib/smtp-sink.ts';

const OPPORTUNITY = 'api::opportunity.opportunity';
const DAY = 86_400_000;
const logLines: string[] = [];

let cms: TestCms;
let smtp: TestSmtp;
/** The CMS's subscription service, to move its clock and run its passes when a test says. */
let service: Record<'notify' | 'weekly' | 'scheduled' | 'needDigests' | 'purge', () => Promise<number>> & { clock: () => number };

const mailTo = (address: string) => smtp.messages.map(readable).filter((m) => m.includes(`To: ${address}`));
const linkIn = (message: string, route: string) => new RegExp(`${cms.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${route}/[0-9]+-[A-Za-z0-9_-]{32}`).exec(message)?.[0] ?? '';

async function send(url: string, init: Parameters<typeof sendRaw>[1] = {}) {
  const answer = await sendRaw(url, init);
  return { ...answer, raw: answer.text, text: decode(answer.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')) };
}
const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
const subscribe = (fields: Record<string, string>) => send(`${cms.url}${SUBSCRIPTION_ROUTES.form}`, form(fields));
const rows = () => cms.strapi.db.connection('coesione_subscriptions').select('*') as Promise<{ id: number; email: string; state: string; frequency: string }[]>;

async function opportunity(title: string, comune: 'vercelli' | 'trino' | null, theme: 'lavoro' | 'casa'): Promise<string> {
  const [municipality] = comune ? ((await cms.strapi.documents('api::municipality.municipality').findMany({ filters: { slug: comune } } as never)) as { documentId: string }[]) : [];
  const [topic] = (await cms.strapi.documents('api::theme.theme').findMany({ filters: { slug: theme }, locale: 'it' } as never)) as { documentId: string }[];
  const created = (await cms.strapi.documents(OPPORTUNITY).create({
    data: { title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-'), summary: `${title}: un’opportunità di prova.`, kind: 'tirocinio', themes: [topic!.documentId], municipalities: municipality ? [municipality.documentId] : [] },
    locale: 'it',
    status: 'published',
  } as never)) as { documentId: string };
  return created.documentId;
}

/** Confirms from the message the address got: the page's button, as a person presses it. */
async function confirmFromMail(address: string): Promise<string> {
  const message = await until(`the confirmation to ${address}`, async () => mailTo(address).find((m) => m.includes('Conferma la tua iscrizione')));
  const link = linkIn(message, SUBSCRIPTION_ROUTES.confirm);
  expect(link, message).not.toBe('');
  const page = await send(link);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Sì, conferma l’iscrizione');
  const done = await send(link, { method: 'POST' });
  expect(done.status, done.text).toBe(200);
  expect(done.text).toContain('Fatto: da ora ricevi gli aggiornamenti');
  return link;
}

beforeAll(async () => {
  smtp = await startSmtp();
  cms = await startCms({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_INTERVAL_MS: '100', MAIL_RETRY_MS: '200', SUBSCRIPTION_INTERVAL_MS: '100', SUBSCRIPTION_RATE_LIMIT: '1000' });
  recordLog(cms.strapi, logLines);
  const { subscriptionsOf } = cmsModule<{ subscriptionsOf(strapi: unknown): { service: typeof service } }>('features/subscriptions/index');
  service = subscriptionsOf(cms.strapi).service;
  const db = cms.strapi.db;
  for (const [name, slug, istatCode] of [['Vercelli', 'vercelli', '002158'], ['Trino', 'trino', '002148']]) await db.query('api::municipality.municipality').create({ data: { name, slug, istatCode, province: 'VC', latitude: 45.3, longitude: 8.4 } });
  for (const [name, slug] of [['Lavoro', 'lavoro'], ['Casa', 'casa']]) await cms.strapi.documents('api::theme.theme').create({ data: { name, slug }, locale: 'it' } as never);
  await cms.strapi.documents('api::target-group.target-group').create({ data: { name: 'Giovani', slug: 'giovani' }, locale: 'it' } as never);
});

afterAll(async () => {
  await cms?.stop();
  await smtp?.close();
});

describe('the form', () => {
  it('opens with a list’s filters chosen, and says which filter names nothing', async () => {
    const page = await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}?tipo=opportunity&comune=002158&tema=lavoro`);
    expect(page.status).toBe(200);
    expect(page.raw).toContain('<option value="opportunity" selected>');
    expect(page.raw).toContain('<option value="002158" selected>Vercelli</option>');
    expect(page.raw).toContain('<option value="lavoro" selected>Lavoro</option>');
    const wrong = await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}?tipo=opportunity&comune=Atlantide`);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Il comune «Atlantide» non è tra i comuni del distretto.');
    const section = await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}?tipo=ricette`);
    expect(section.status).toBe(400);
    expect(section.text).toContain('La sezione «ricette» non esiste');
  });

  it('refuses what is wrong in Italian, beside its field, and stores nothing', async () => {
    for (const [fields, message] of [
      [{ tipo: 'opportunity', email: 'non-un-indirizzo', frequenza: 'immediate' }, 'Questo indirizzo e-mail non sembra valido'],
      [{ tipo: 'opportunity', email: '', frequenza: 'immediate' }, 'Scrivi il tuo indirizzo e-mail'],
      [{ tipo: 'ricette', email: 'a@example.org', frequenza: 'immediate' }, 'La sezione «ricette» non esiste'],
      [{ tipo: 'opportunity', tema: 'astronomia', email: 'a@example.org', frequenza: 'immediate' }, 'L’area tematica «astronomia» non esiste.'],
      [{ tipo: 'regulation', tipologia: 'tirocinio', email: 'a@example.org', frequenza: 'immediate' }, 'non ha tipologie'],
      [{ tipo: 'opportunity', email: 'a@example.org', frequenza: 'ogni ora' }, 'Scegli ogni quanto'],
    ] as const) {
      const answer = await subscribe(fields);
      expect(answer.status, message).toBe(400);
      expect(answer.text).toContain(message);
      expect(answer.raw, 'the address typed is kept in the form').toContain(`value="${fields.email}"`);
    }
    expect(await rows()).toEqual([]);
    expect((await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(415);
  });
});

describe('an immediate subscription to opportunities in Vercelli about work', () => {
  const address = 'giulia.prova@example.org';
  let manageLink = '';

  it('is stored only once confirmed from the message', async () => {
    const answer = await subscribe({ tipo: 'opportunity', comune: '002158', tema: 'lavoro', frequenza: 'immediate', email: address });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toContain('Controlla la posta');
    expect(answer.text).toContain('Opportunità · a Vercelli · area tematica Lavoro');
    expect((await rows()).map((r) => r.state)).toEqual(['pending']);
    const link = await confirmFromMail(address);
    expect((await rows()).map((r) => r.state)).toEqual(['active']);
    expect((await send(link, { method: 'POST' })).text, 'a second press').toContain('Questa iscrizione era già confermata');
  });

  it('gets one message for a new entry that fits, none for one that does not, and none for an edit published again', async () => {
    const fits = await opportunity('Tirocinio in falegnameria a Vercelli', 'vercelli', 'lavoro');
    await opportunity('Tirocinio in vivaio a Trino', 'trino', 'lavoro');
    await opportunity('Alloggi in affitto calmierato a Vercelli', 'vercelli', 'casa');
    const districtWide = await opportunity('Tirocini per tutto il distretto', null, 'lavoro');
    await until('two messages', async () => mailTo(address).filter((m) => m.includes('Opportunità: ')).length >= 2);
    await cms.strapi.documents(OPPORTUNITY).update({ documentId: fits, data: { summary: 'Ora con il pranzo incluso.' }, locale: 'it', status: 'published' } as never);
    await new Promise((r) => setTimeout(r, 1000));
    const news = mailTo(address).filter((m) => m.includes('Opportunità: '));
    expect(news.map((m) => /Subject: (.*)/.exec(m)?.[1]).sort()).toEqual(['Opportunità: Tirocini per tutto il distretto', 'Opportunità: Tirocinio in falegnameria a Vercelli']);
    const message = news.find((m) => m.includes('falegnameria'))!;
    expect(message).toMatch(/https?:\/\/[^/\s]+\/opportunita\/tirocinio-in-falegnameria-a-vercelli\//);
    expect(message).toMatch(/List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/api\/iscrizioni\/annulla\/\d+-[A-Za-z0-9_-]{32}>/);
    expect(message).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(message, 'no tracking: the only links are the entry’s and the subscription’s').not.toMatch(/<img|utm_/);
    manageLink = linkIn(message, SUBSCRIPTION_ROUTES.manage);
    expect(districtWide).toBeTruthy();
  });

  it('shows the address’s subscriptions from a message’s link, and nobody’s from a forged one', async () => {
    const page = await send(manageLink);
    expect(page.status).toBe(200);
    expect(page.text).toContain(address);
    expect(page.text).toContain('Opportunità · a Vercelli · area tematica Lavoro');
    const forged = manageLink.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await send(forged)).status).toBe(404);
    expect((await send(manageLink.replace(/\/(\d+)-/, (_m, id: string) => `/${Number(id) + 1}-`))).status, 'another id with this signature').toBe(404);
  });

  it('ends with a mail program’s one-click post: no more messages, and the link used again finds nothing', async () => {
    const message = mailTo(address).find((m) => m.includes('falegnameria'))!;
    const unsubscribe = /List-Unsubscribe: <([^>]+)>/.exec(message)![1]!;
    const answer = await send(unsubscribe, form({ 'List-Unsubscribe': 'One-Click' }));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('L’iscrizione è annullata');
    expect(await rows(), 'the address goes with its last subscription').toEqual([]);
    const before = mailTo(address).length;
    await opportunity('Tirocinio in tipografia a Vercelli', 'vercelli', 'lavoro');
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailTo(address).length).toBe(before);
    expect((await send(unsubscribe, form({ 'List-Unsubscribe': 'One-Click' }))).status, 'used again').toBe(404);
    expect((await send(manageLink)).status).toBe(404);
  });
});

describe('a weekly digest', () => {
  const address = 'marco.settimanale@example.org';
  const monday = (weeks: number) => {
    const d = new Date();
    d.setUTCHours(0, 0, 0, 0);
    return d.getTime() - ((d.getUTCDay() + 6) % 7) * DAY + weeks * 7 * DAY;
  };

  it('goes out once a week for three weeks, never empty and never twice', async () => {
    const real = service.clock;
    try {
      service.clock = () => monday(1) + DAY;
      await subscribe({ tipo: 'opportunity', tema: 'lavoro', frequenza: 'weekly', email: address });
      await confirmFromMail(address);
      const digests = () => mailTo(address).filter((m) => m.includes('Le novità della settimana'));
      for (const week of [1, 2, 3]) {
        service.clock = () => monday(week) + 2 * DAY;
        await opportunity(`Tirocinio della settimana ${week}`, 'trino', 'lavoro');
        await opportunity(`Casa della settimana ${week}`, 'trino', 'casa');
        service.clock = () => monday(week + 1) + 8 * 3_600_000;
        expect(await service.weekly()).toBe(1);
        expect(await service.weekly(), 'the same week again').toBe(0);
        await until(`digest ${week}`, async () => digests().length === week);
        expect(digests()[week - 1]).toContain(`Tirocinio della settimana ${week}`);
        expect(digests()[week - 1]).not.toContain(`Casa della settimana ${week}`);
      }
      service.clock = () => monday(5) + 8 * 3_600_000;
      expect(await service.weekly(), 'a week with nothing new sends nothing').toBe(0);
      await new Promise((r) => setTimeout(r, 500));
      expect(digests().length).toBe(3);
      expect(digests()[0]).toContain('Subject: Le novità della settimana: 1 scheda (Opportunità)');
    } finally {
      service.clock = real;
    }
  });
});

describe('following one thing', () => {
  const follow = async (param: string, target: string, address: string) => {
    const form = await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}?${param}=${target}`);
    expect(form.status, form.text).toBe(200);
    const answer = await subscribe({ [param]: target, email: address });
    expect(answer.status, answer.text).toBe(200);
    await confirmFromMail(address);
    return form.text;
  };
  const inRomeDays = (days: number) => new Date(Date.now() + days * DAY).toLocaleDateString('en-CA', { timeZone: 'Europe/Rome' });

  it('tells a pact’s follower each new stage once, and nothing for an edit', async () => {
    const pacts = cms.strapi.documents('api::pact.pact');
    const pact = (await pacts.create({ data: { title: 'Orti condivisi di prova', slug: 'orti-condivisi-di-prova', summary: 'Un patto di prova.', commonGood: 'Gli orti di via Prova', kind: 'ordinario', stage: 'proposta' }, locale: 'it', status: 'published' } as never)) as { documentId: string };
    const form = await follow('patto', pact.documentId, 'segue.il.patto@example.org');
    expect(form).toContain('Vuoi seguire il patto «Orti condivisi di prova»?');
    await pacts.update({ documentId: pact.documentId, data: { stage: 'istruttoria' }, locale: 'it', status: 'published' } as never);
    const stage = await until('the stage message', async () => mailTo('segue.il.patto@example.org').find((m) => m.includes('è ora:')));
    expect(stage).toContain('Subject: Il patto «Orti condivisi di prova» è ora: Istruttoria');
    expect(stage).toMatch(/\/patti\/orti-condivisi-di-prova\//);
    await pacts.update({ documentId: pact.documentId, data: { summary: 'Un patto di prova, riletto.' }, locale: 'it', status: 'published' } as never);
    await new Promise((r) => setTimeout(r, 800));
    expect(mailTo('segue.il.patto@example.org').filter((m) => m.includes('è ora:'))).toHaveLength(1);
  });

  it('tells a workshop’s follower of a new session', async () => {
    const workshops = cms.strapi.documents('api::workshop.workshop');
    const soon = new Date(Date.now() + 10 * DAY).toISOString();
    const workshop = (await workshops.create({ data: { title: 'Ciclofficina da seguire', slug: 'ciclofficina-da-seguire', summary: 'Un laboratorio di prova.', format: 'laboratorio', audience: 'tutti', craft: 'riparazione_biciclette', artisanName: 'Mastro di prova', sessions: [{ start: soon }] }, locale: 'it', status: 'published' } as never)) as { documentId: string };
    await follow('laboratorio', workshop.documentId, 'segue.il.laboratorio@example.org');
    const later = new Date(Date.now() + 17 * DAY).toISOString();
    await workshops.update({ documentId: workshop.documentId, data: { sessions: [{ start: soon }, { start: later }] }, locale: 'it', status: 'published' } as never);
    const news = await until('the new session', async () => mailTo('segue.il.laboratorio@example.org').find((m) => m.includes('Nuovo incontro')));
    expect(news).toContain('Subject: Nuovo incontro: Ciclofficina da seguire');
    await new Promise((r) => setTimeout(r, 800));
    expect(mailTo('segue.il.laboratorio@example.org').filter((m) => m.includes('Nuovo incontro')), 'the first session was there before').toHaveLength(1);
  });

  it('reminds of a deadline once, a few days before, and refuses what has none or is past', async () => {
    const closing = await opportunity('Borsa lavoro in scadenza', 'vercelli', 'lavoro');
    await cms.strapi.documents(OPPORTUNITY).update({ documentId: closing, data: { deadline: inRomeDays(2) }, locale: 'it', status: 'published' } as never);
    const far = await opportunity('Borsa lavoro lontana', 'vercelli', 'lavoro');
    await cms.strapi.documents(OPPORTUNITY).update({ documentId: far, data: { deadline: inRomeDays(30) }, locale: 'it', status: 'published' } as never);
    await follow('scadenza', closing, 'ricordami@example.org');
    await subscribe({ scadenza: far, email: 'ricordami.dopo@example.org' });
    await confirmFromMail('ricordami.dopo@example.org');
    expect(await service.scheduled()).toBe(1);
    expect(await service.scheduled(), 'once').toBe(0);
    const reminder = await until('the reminder', async () => mailTo('ricordami@example.org').find((m) => m.includes('Subject: Scade')));
    expect(reminder).toContain('Borsa lavoro in scadenza');
    expect(mailTo('ricordami.dopo@example.org').filter((m) => m.includes('Subject: Scade'))).toEqual([]);
    const none = await opportunity('Sportello senza scadenza', 'vercelli', 'lavoro');
    const refused = await send(`${cms.url}${SUBSCRIPTION_ROUTES.form}?scadenza=${none}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('non ha una scadenza');
    expect((await subscribe({ scadenza: 'nonesiste', email: 'x@example.org' })).text).toContain('L’opportunità indicata non è pubblicata.');
  });

  it('sends a comune’s need figures once per quarter made final, hidden figures as the site shows them', async () => {
    await follow('cifre', '002158', 'cifre.vercelli@example.org');
    const cell = (category: string, people: number | null, suppressed?: 'primary' | 'secondary') => ({ area: '002158', category, ageBand: 'tutte', people, multiBody: null, ...(suppressed ? { suppressed } : {}) });
    await cms.strapi.db.query('api::need-figure.need-figure').create({
      data: { quarter: '2026-T3', level: 'comune', minCell: 5, quarters: 4, frozen: true, computedAt: new Date().toISOString(), cells: [cell('tutte', 42), cell('casa', null, 'primary'), cell('lavoro', null, 'secondary'), cell('reddito', 17), { ...cell('casa', 3), area: '002148' }] },
    });
    expect(await service.needDigests()).toBe(1);
    expect(await service.needDigests(), 'once per quarter').toBe(0);
    const digest = await until('the need digest', async () => mailTo('cifre.vercelli@example.org').find((m) => m.includes('Bisogni rilevati')));
    expect(digest).toContain('Subject: Bisogni rilevati a Vercelli: 3º trimestre 2026');
    for (const line of ['In tutto: 42', 'Casa: meno di 5', 'Lavoro: non pubblicato', 'Reddito: 17']) expect(digest).toContain(line);
    expect(digest, 'never a 0 for a hidden figure').not.toMatch(/: 0\b/);
    expect(digest).toMatch(/\/bisogni\/sintesi\/comuni\/vercelli\//);
  });
});

describe('while the mail server is down', () => {
  it('keeps the news queued, tries again, and delivers it once when the server is back', async () => {
    const address = 'durante.il.guasto@example.org';
    await subscribe({ tipo: 'opportunity', parole: 'guasto', frequenza: 'immediate', email: address });
    await confirmFromMail(address);
    const port = smtp.port;
    await smtp.close();
    try {
      await opportunity('Tirocinio durante il guasto', null, 'lavoro');
      const outbox = () => cms.strapi.db.connection('coesione_mail_outbox').where('to_address', address).whereLike('subject', '%guasto%').select('attempts', 'sent_at') as Promise<{ attempts: number; sent_at: number | null }[]>;
      await until('two failed deliveries', async () => ((await outbox())[0]?.attempts ?? 0) >= 2);
    } finally {
      smtp = await startSmtp(port);
    }
    const news = () => mailTo(address).filter((m) => m.includes('Tirocinio durante il guasto'));
    await until('the message, once the server is back', async () => news().length === 1);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(news(), 'delivered once').toHaveLength(1);
  });
});

describe('floods and stale links', () => {
  it('refuses a fourth sign-up of one address within the hour, storing nothing', async () => {
    const address = 'tante.volte@example.org';
    for (const tema of ['lavoro', 'casa', '']) expect((await subscribe({ tipo: 'practice', tema, frequenza: 'immediate', email: address })).status).toBe(200);
    const refused = await subscribe({ tipo: 'workshop', frequenza: 'immediate', email: address });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('troppe iscrizioni');
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await rows()).filter((r) => r.email === address)).toHaveLength(3);
  });

  it('lets a confirmation run out after 7 days: the link says so, and the address is deleted', async () => {
    const address = 'in.ritardo@example.org';
    await subscribe({ tipo: 'regulation', frequenza: 'immediate', email: address });
    const message = await until('the confirmation', async () => mailTo(address)[0]);
    const link = linkIn(message, SUBSCRIPTION_ROUTES.confirm);
    const real = service.clock;
    try {
      service.clock = () => Date.now() + 8 * DAY;
      const late = await send(link, { method: 'POST' });
      expect(late.status).toBe(410);
      expect(late.text).toContain('Il link di conferma è scaduto');
      expect((await rows()).some((r) => r.email === address)).toBe(false);
      const outbox = (to: string) => cms.strapi.db.connection('coesione_mail_outbox').where('to_address', to).select('id');
      expect(await outbox(address), 'nor is the confirmation sent to it remembered').toEqual([]);
      expect(await outbox('tante.volte@example.org')).not.toEqual([]);
      expect(await service.purge(), 'the other unconfirmed ones go at the nightly purge').toBeGreaterThan(0);
      expect(await outbox('tante.volte@example.org'), 'their addresses with them').toEqual([]);
    } finally {
      service.clock = real;
    }
  });

  it('never writes an address to the log, and masks the links’ tokens', () => {
    const all = logLines.join('\n');
    expect(all).not.toMatch(/@example\.org/);
    expect(all).not.toMatch(/\/api\/iscrizioni\/(conferma|annulla|gestisci)\/\d+-[A-Za-z0-9_-]{32}/);
  });
});
