/**
 * The Editor moderates citizens' contributions in the real admin, and every role opens every type it may
 * read: a seeded Strapi serving its built admin, driven in Debian's Chromium as the Editor and as a Partner
 * (never the super admin, who sees everything whatever the roles say).
 *
 * Why a browser: the admin's front end decides what a permission means for a page (the i18n plugin drops
 * a permission whose `locales` lacks the page's `?plugins[i18n][locale]=it`), so a role can read an entry
 * over HTTP and still meet «Non hai i permessi per vedere questo campo» on every field (STACK.md, third look).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { codiceFiscaleCheck } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { startSeededCms, type TestCms } from './support/cms.ts';
import { adminToken, mainText, signIn as signInAs } from './support/admin.ts';
import { bookSeat } from './support/bookings.ts';

const SUBMISSION = 'api::submission.submission';
const NEED_RECORD = 'api::need-record.need-record';
const BOOKING = 'api::booking.booking';
const WORKSHOP = 'api::workshop.workshop';
const OUTCOME = 'api::workshop-outcome.workshop-outcome';
const CM = 'plugin::content-manager.explorer';
const NOT_ALLOWED_FIELD = 'Non hai i permessi per vedere questo campo';
const NOT_ALLOWED_PAGE = 'Non hai i permessi per accedere a quel contenuto';
const LOCALE = 'plugins[i18n][locale]=it';
const SCREENSHOTS = path.resolve(import.meta.dirname, '../screenshots');

const RECEIPT = 'TEST-EDTR-0001';
const CITIZEN = { title: 'Panchine rotte ai giardini di via Dante', description: 'Tre panchine su cinque sono rotte da mesi: gli anziani non hanno dove sedersi.' };
const REPLY = 'Grazie: il Comune ripara le panchine entro marzo.';

type Role = 'editor' | 'partner';
interface Permission {
  action: string;
  subject: string | null;
  properties: { fields?: string[] };
}

let cms: TestCms;
let browser: Browser;
const tokens: Record<Role, string> = { editor: '', partner: '' };

/** Signed in as `user`; leaving a form with a change asks before unloading, and the sweep changes fields and moves on. */
async function signIn(context: BrowserContext, user: { email: string; password: string }): Promise<Page> {
  context.on('page', (page) => page.on('dialog', (dialog) => void dialog.accept()));
  return signInAs(cms, context, user);
}

/** Strapi draws a field the role may not read as an empty, disabled input with this placeholder. */
const notAllowedFields = (page: Page) => page.locator(`main input[placeholder="${NOT_ALLOWED_FIELD}"]`);

/**
 * Moves the admin to `pathname` as its own links do (history + popstate, which react-router follows):
 * the same route and query as a full load, without booting the whole admin bundle again for each page.
 */
async function visit(page: Page, pathname: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, pathname);
}

/**
 * What a role's permissions, as Strapi answers them to the role itself, let it do `action` on: each of our
 * content types with the fields it names.
 */
async function grants(role: Role, action: 'read' | 'update'): Promise<Map<string, Set<string>>> {
  const res = await cms.api('/admin/users/me/permissions', { token: tokens[role] });
  expect(res.status).toBe(200);
  const found = new Map<string, Set<string>>();
  for (const p of res.body.data as Permission[]) {
    if (p.action !== `${CM}.${action}` || !p.subject?.startsWith('api::')) continue;
    const fields = found.get(p.subject) ?? new Set<string>();
    // No `fields`: every field.
    for (const field of p.properties.fields ?? ['*']) fields.add(field.split('.')[0] ?? field);
    found.set(p.subject, fields);
  }
  return found;
}

beforeAll(async () => {
  cms = await startSeededCms({ today: new Date() }, { SUBMISSION_MIN_FILL_MS: '0' }, { admin: true });
  tokens.editor = await adminToken(cms, DEMO_USERS.editor.email, DEMO_USERS.editor.password);
  tokens.partner = await adminToken(cms, DEMO_USERS.partner.email, DEMO_USERS.partner.password);
  // What a citizen sent from /partecipa/: a report waiting for moderation.
  await cms.strapi.documents(SUBMISSION).create({ data: { receipt: RECEIPT, kind: 'segnalazione', state: 'ricevuta', category: 'barriere', ...CITIZEN } } as never);
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('the Editor moderates a contribution', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1440, height: 1000 } });
    page = await signIn(context, DEMO_USERS.editor);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('opens it from the home page, reads what the citizen wrote, accepts it with a reply the citizen then reads', async () => {
    await page.goto(`${cms.url}/admin`);
    const widget = page.locator('ul[aria-label="Contributi da moderare"]');
    await widget.waitFor({ timeout: 60_000 });
    // The work first: the office's queues open the home page, Strapi's generic widgets come after them.
    const widgets = await page.locator('[data-strapi-widget-id]').evaluateAll((all) => all.map((w) => w.getAttribute('data-strapi-widget-id')));
    expect(widgets.slice(0, 5)).toEqual(['global::contributions', 'global::partner-drafts', 'global::closing-soon', 'global::need-reporting', 'global::not-verified']);
    await widget.getByRole('link', { name: CITIZEN.title }).click();
    await page.locator('textarea[name="publicReply"]').waitFor({ timeout: 30_000 });
    // What the citizen sent, readable and not rewritable; no field hidden from the moderator.
    const title = page.getByLabel('Titolo proposto', { exact: true });
    const text = page.getByLabel('Testo del cittadino', { exact: true });
    await expect.poll(() => text.inputValue(), { timeout: 15_000 }).toBe(CITIZEN.description);
    expect(await title.inputValue()).toBe(CITIZEN.title);
    expect(await title.isEditable()).toBe(false);
    expect(await text.isEditable()).toBe(false);
    expect(await notAllowedFields(page).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-contribution.png'), fullPage: true });

    // The states read in Italian, as the citizen will read them.
    await page.getByRole('combobox', { name: /^Stato/ }).click();
    expect(await page.getByRole('option').allInnerTexts()).toEqual(expect.arrayContaining(['Ricevuta', 'In revisione', 'Accettata', 'Respinta']));
    await page.getByRole('option', { name: 'Accettata', exact: true }).click();
    await page.locator('textarea[name="publicReply"]').fill(REPLY);
    const save = page.getByRole('button', { name: 'Salva' });
    // The form enables «Salva» once it has taken the change in.
    await expect.poll(() => save.isEnabled(), { timeout: 15_000 }).toBe(true);
    await save.click();
    await page.getByText(/Salvato|Salvataggio riuscito|Documento salvato/).first().waitFor({ timeout: 30_000 });

    // What the site's /partecipa/stato/ page asks with the receipt code.
    const status = await cms.api(`/api/submissions/status/${RECEIPT}`);
    expect(status.status).toBe(200);
    expect(status.body.data).toMatchObject({ receipt: RECEIPT, state: 'accettata', stateLabel: 'Accettata', reply: REPLY });
  });

  it('moves a pact to its next stage, choosing among only the stages the regulation allows, by their Italian names', async () => {
    const pact = (await cms.strapi.db.query('api::pact.pact').findOne({ where: { slug: 'biblioteca-di-condominio-santhia', publishedAt: null } })) as { documentId: string; stage: string };
    expect(pact.stage).toBe('istruttoria');
    // The list names stages and kinds as the site does, never by their codes.
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::pact.pact?plugins[i18n][locale]=it`);
    const rows = page.locator('tbody tr');
    await rows.first().waitFor({ timeout: 60_000 });
    const table = await page.locator('tbody').innerText();
    expect(table).toMatch(/In attuazione/);
    expect(table).toMatch(/Patto complesso/);
    // No cell holding only a code (cells are tab-separated in the table's text).
    expect(table).not.toMatch(/in_attuazione|avviso_pubblico|non_ammesso|coprogettazione|(^|\t)(istruttoria|ordinario|complesso)(\t|$)/m);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-pact-list.png'), fullPage: true });
    await page.goto(`${cms.url}/admin/content-manager/collection-types/api::pact.pact/${pact.documentId}?plugins[i18n][locale]=it`);
    const stage = page.getByRole('combobox', { name: /^Fase/ });
    await stage.waitFor({ timeout: 60_000 });
    await stage.click();
    // An ordinary pact under review: admitted to co-design, not admitted, or withdrawn; nothing else, no codes.
    expect(await page.getByRole('option').allInnerTexts()).toEqual(['Istruttoria (fase attuale)', 'Co-progettazione', 'Non ammesso', 'Ritirato']);
    await page.getByRole('option', { name: 'Co-progettazione', exact: true }).click();
    await page.locator('textarea[name="stageNote"]').fill('Ammesso: il locale comune è disponibile.');
    const save = page.getByRole('button', { name: 'Salva' });
    await expect.poll(() => save.isEnabled(), { timeout: 15_000 }).toBe(true);
    await save.click();
    await expect
      .poll(async () => ((await cms.strapi.db.query('api::pact.pact').findOne({ where: { documentId: pact.documentId, publishedAt: null } })) as { stage: string }).stage, { timeout: 30_000 })
      .toBe('coprogettazione');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'editor-pact-stage.png'), fullPage: true });
  });

  it('marks present, from the workshop\'s panel, the person who shows the code of a booking for today, issues the certificate, and cancels a session', async () => {
    // A session later today (Rome), booked on the site by a person.
    const workshop = (await cms.strapi.documents(WORKSHOP).findFirst({ status: 'published', filters: { capacity: { $gt: 0 } }, populate: { sessions: true } } as never)) as unknown as { documentId: string; title: string; sessions: { start: string; end?: string | null; note?: string | null }[] };
    const today = new Date(Date.now() + 5 * 60_000).toISOString();
    const sessions = [...workshop.sessions.map(({ start, end, note }) => ({ start, end, note })), { start: today }];
    for (const status of ['draft', 'published'] as const) {
      await cms.strapi.documents(WORKSHOP).update({ documentId: workshop.documentId, locale: 'it', status, data: { sessions } } as never);
    }
    const { code } = await bookSeat(cms.url, { workshop: workshop.documentId, session: today, name: 'Carla Presente (dato sintetico)', email: 'carla.presente@example.org', seats: 2 });

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${WORKSHOP}/${workshop.documentId}?${LOCALE}`);
    const panel = page.locator('aside').filter({ hasText: 'Prenotazioni' });
    await panel.getByText(/2 di \d+ posti prenotati/).waitFor({ timeout: 60_000 });
    await panel.getByLabel('Codice della prenotazione').fill(code.toLowerCase());
    await panel.getByRole('button', { name: 'Segna presente' }).click();
    await panel.getByText('Presente: Carla Presente (dato sintetico) (2 posti).').waitFor();
    await panel.getByText(/2 presenti/).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'redazione-presenze.png') });
    // The same code again says so; a code that is nobody's is refused in Italian.
    await panel.getByLabel('Codice della prenotazione').fill(code);
    await panel.getByRole('button', { name: 'Segna presente' }).click();
    await panel.getByText(/era già segnata presente/).waitFor();
    await panel.getByLabel('Codice della prenotazione').fill('ZZZZZZ');
    await panel.getByRole('button', { name: 'Segna presente' }).click();
    await panel.getByText('Nessuna prenotazione con il codice ZZZZZZ tra i laboratori che organizzi.').waitFor();
    const row = (await cms.strapi.db.query(BOOKING).findOne({ where: { code } })) as { attendedAt: string | null };
    expect(row.attendedAt).not.toBeNull();

    // One session earns the certificate here: the office issues it from the same panel.
    await cms.strapi.documents(WORKSHOP).update({ documentId: workshop.documentId, locale: 'it', data: { certificateSessions: 1 } } as never);
    await page.reload();
    await panel.getByText('Attestato a chi ha frequentato almeno 1 incontro. Rilasciati finora: 0.').waitFor({ timeout: 60_000 });
    await panel.getByRole('button', { name: 'Rilascia gli attestati' }).click();
    await panel.getByText('Rilasciato 1 attestato: chi ha lasciato l’e-mail riceve il link per scaricarlo.').waitFor();
    await panel.getByText('Rilasciati finora: 1.', { exact: false }).waitFor();

    // A session of the cycle is off: the office cancels it from the panel, in two steps.
    await panel.getByRole('button', { name: 'Annulla l’incontro' }).first().click();
    // Only the session asked about shows the second step.
    await panel.getByRole('button', { name: 'Conferma: annulla e avvisa chi ha prenotato' }).click();
    await panel.getByText(/^Incontro annullato: \d+ prenotazion/).waitFor();
    await panel.getByText(/: annullato$/).first().waitFor();
  });

  it('sees on the home page which bodies sent their need records, and which to remind, by name', async () => {
    await page.goto(`${cms.url}/admin`);
    // The seed's synthetic arrival days make some bodies late for the third quarter (due by the 15th).
    const remind = page.locator('ul[aria-label="Enti da sollecitare, 3º trimestre 2026"] li');
    await remind.first().waitFor({ timeout: 60_000 });
    expect(await remind.first().innerText()).toMatch(/^.+: .*(arrivato il \d{1,2} [a-z]+ \d{4}|mancante)/);
    expect(await page.getByText(/\d+ enti su \d+ hanno inviato tutti i mesi scaduti, \d+ entro la scadenza\./).count()).toBeGreaterThan(0);
  });
});

describe('every role opens every type it may read', () => {
  /** One entry of `uid` the role may open: the first of its list, or a new one of its own. */
  async function entryOf(role: Role, uid: string): Promise<string> {
    const list = await cms.api(`/content-manager/collection-types/${uid}?page=1&pageSize=1`, { token: tokens[role] });
    expect(list.status, `${role} lists ${uid}`).toBe(200);
    if (list.body.results.length > 0) return list.body.results[0].documentId;
    // Bookings are made by people on the site, never in the admin.
    if (uid === BOOKING) {
      const workshop = (await cms.strapi.documents(WORKSHOP).findFirst({ status: 'published', filters: { capacity: { $gt: 0 } }, populate: { sessions: true } } as never)) as unknown as { documentId: string; sessions: { start: string }[] };
      const session = workshop.sessions.map((s) => s.start).find((start) => Date.parse(start) > Date.now())!;
      await bookSeat(cms.url, { workshop: workshop.documentId, session: new Date(session).toISOString(), name: 'Persona di prova (dato sintetico)', email: 'sweep@example.org' });
      return ((await cms.api(`/content-manager/collection-types/${uid}?page=1&pageSize=1`, { token: tokens[role] })).body.results[0] as { documentId: string }).documentId;
    }
    // The seed writes as nobody: a partner's own entries are the ones it creates.
    const config = await cms.api(`/content-manager/content-types/${uid}/configuration`, { token: tokens[role] });
    const body = uid === NEED_RECORD ? await needRecord() : uid === OUTCOME ? await outcome() : { [config.body.data.contentType.settings.mainField]: `Prova di ${role}` };
    const created = await cms.api(`/content-manager/collection-types/${uid}`, { method: 'POST', token: tokens[role], body });
    expect(created.status, `${role} creates ${uid}: ${JSON.stringify(created.body)}`).toBe(201);
    return created.body.data.documentId;
  }

  /** A cycle's outcomes of a workshop of the demo partner's organisation (the seed's). */
  async function outcome(): Promise<Record<string, unknown>> {
    const workshop = await cms.strapi.documents(WORKSHOP).findFirst({ filters: { slug: 'restauro-mobili-borgosesia' } } as never);
    return { workshop: { connect: [{ documentId: workshop!.documentId }] }, cycleStart: '2026-01-10', cycleEnd: '2026-03-10', participants: 8 };
  }

  async function needRecord(): Promise<Record<string, unknown>> {
    const comune = await cms.strapi.documents('api::municipality.municipality').findFirst({});
    const category = await cms.strapi.documents('api::need-category.need-category').findFirst({});
    const first15 = 'PRVNDT75B41L750';
    return { month: '2026-11', ageBand: 'eta_30_49', municipality: comune!.documentId, categories: [category!.documentId], codiceFiscale: first15 + codiceFiscaleCheck(first15) };
  }

  /** Checks an edit view once its fields are drawn; where the role may update, changes a field (left unsaved). */
  async function checkEditView(page: Page, where: string, readable: Set<string>, mayUpdate: boolean, problems: string[]): Promise<void> {
    const save = page.getByRole('button', { name: 'Salva' });
    try {
      await page.locator('main form input, main form textarea, main form [role="combobox"]').first().waitFor({ timeout: 30_000 });
      await save.waitFor({ timeout: 15_000 });
    } catch {
      problems.push(`${where}: no edit form (${(await mainText(page)).slice(0, 200)})`);
      return;
    }
    // A field the role's permission withholds on purpose (a partner's server-set or inverse relations) may
    // say so; one its permission grants may not.
    const hidden = (await notAllowedFields(page).evaluateAll((inputs) => inputs.map((input) => input.id))).filter((name) => readable.has('*') || readable.has(name));
    if (hidden.length > 0) problems.push(`${where}: ${hidden.join(', ')} read «${NOT_ALLOWED_FIELD}»`);
    if (!mayUpdate) return;
    // Not a date picker's box (a combobox) nor a number's (inputmode): typed letters change nothing there.
    const input = page.locator('main form :is(input[type="text"], input[type="email"], textarea):not([disabled]):not([readonly]):not([role="combobox"]):not([inputmode])').first();
    if ((await input.count()) === 0) {
      problems.push(`${where}: no field to change`);
      return;
    }
    await input.press('End');
    await input.pressSequentially(' x');
    await expect.poll(() => save.isEnabled(), { timeout: 5_000 }).toBe(true).catch(() => problems.push(`${where}: «Salva» stays disabled after a change`));
  }

  async function sweep(role: Role, user: { email: string; password: string }): Promise<{ readable: string[]; problems: string[] }> {
    const reads = await grants(role, 'read');
    const readable = [...reads.keys()].sort();
    // Where the role's daily work starts: the office's contributions, a partner's need records.
    const firstType = readable.includes(SUBMISSION) ? SUBMISSION : NEED_RECORD;
    const updatable = await grants(role, 'update');
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1440, height: 1000 } });
    const problems: string[] = [];
    try {
      const page = await signIn(context, user);
      await page.goto(`${cms.url}/admin/content-manager`);
      const menu = page.getByRole('navigation').filter({ hasText: /Tipi di contenuto/i });
      await menu.getByRole('link').first().waitFor({ timeout: 60_000 });
      const types = (await cms.api('/content-manager/content-types', { token: tokens[role] })).body.data as { uid: string; info: { displayName: string } }[];
      for (const uid of readable) {
        const name = types.find((t) => t.uid === uid)?.info.displayName ?? uid;
        if ((await menu.getByRole('link', { name, exact: true }).count()) === 0) problems.push(`${role}: «${name}» (${uid}) is not in the content-type menu`);
      }
      for (const uid of readable) {
        const documentId = await entryOf(role, uid);
        const base = `/admin/content-manager/collection-types/${uid}`;
        // The list as the admin's own links open it (with the locale parameter).
        const list = `${base}?${LOCALE}&page=1&pageSize=10`;
        const row = page.locator('main tbody tr').first();
        const openList = async () => {
          await visit(page, list);
          await row.waitFor({ timeout: 30_000 });
        };
        try {
          await openList();
        } catch {
          problems.push(`${role} ${uid} list: no rows (${(await mainText(page)).slice(0, 200)})`);
          continue;
        }
        if ((await mainText(page)).includes(NOT_ALLOWED_PAGE)) problems.push(`${role} ${uid} list: «${NOT_ALLOWED_PAGE}»`);
        // The edit view's own address without the locale parameter, as a bookmark or a home widget's link
        // names it: every field the role reads must be there. The type the role's work starts from is loaded
        // anew, the whole admin booting on that address; the others are opened in the app from their list (the
        // same route and query, drawn afresh, without booting the admin again for each).
        const entry = `${base}/${documentId}`;
        if (uid === firstType) await page.goto(`${cms.url}${entry}`);
        else await visit(page, entry);
        await checkEditView(page, `${role} ${uid} edit URL`, reads.get(uid)!, false, problems);
        // Then the list's first row, the way the menu and the home page's widgets lead there: reached in the
        // app, the role changes a field and «Salva» must follow (the change is left behind).
        await openList();
        await row.locator('td').nth(1).click();
        await page.waitForURL((url) => /\/collection-types\/[^/]+\/[^/?]+/.test(url.pathname), { timeout: 30_000 });
        await checkEditView(page, `${role} ${uid} from the list`, reads.get(uid)!, updatable.has(uid), problems);
      }
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${firstType}?${LOCALE}`);
      await page.locator('main tbody tr').first().waitFor({ timeout: 30_000 }).catch(() => undefined);
      await page.screenshot({ path: path.join(SCREENSHOTS, `sweep-${role}.png`) });
    } finally {
      await context.close();
    }
    return { readable, problems };
  }

  it('as the Editor: contributions and partner accounts included, need records never', async () => {
    const { readable, problems } = await sweep('editor', DEMO_USERS.editor);
    expect(readable).toContain(SUBMISSION);
    expect(readable).not.toContain(NEED_RECORD);
    expect(problems).toEqual([]);
  }, 900_000);

  it('as a Partner: its own records included, contributions never', async () => {
    const { readable, problems } = await sweep('partner', DEMO_USERS.partner);
    expect(readable).toContain(NEED_RECORD);
    expect(readable).not.toContain(SUBMISSION);
    // The API agrees with the menu: a partner reads no contribution, an editor no need record.
    expect((await cms.api(`/content-manager/collection-types/${SUBMISSION}?page=1&pageSize=1`, { token: tokens.partner })).status).toBe(403);
    expect((await cms.api(`/content-manager/collection-types/${NEED_RECORD}?page=1&pageSize=1`, { token: tokens.editor })).status).toBe(403);
    expect(problems).toEqual([]);
  }, 900_000);
});
