/**
 * A Partner works with its own organisation and its own pacts, in the real admin (Debian's Chromium,
 * an English-speaking browser, the Italian admin):
 *
 * - it proposes a practice, picks its own organisation in the «Enti promotori» picker (which read «No
 *   relations available»: the organisation was the seed's, and the Partner read only what it created),
 *   adds a cover through the media library, saves, and finds the draft in «Le tue proposte»;
 * - it switches off the daily e-mail of its work («E-mail delle attività» on the home page) and finds its
 *   choice again after a reload;
 * - its pact list shows the pact its organisation is a party to (it read «Nessuna voce»), read-only;
 * - a Partner of another organisation sees neither that draft nor that pact;
 * - at the door of its own workshop it marks present by code whoever booked; another partner cannot;
 * - it reports what a cycle of its organisation's workshop produced (a workshop the office created: it
 *   read none of those), corrects counts the form refuses, and the public reads the figures with the small
 *   ones hidden; another organisation's workshop is not offered, and its report would be refused.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TYPES } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { startSeededCms, type TestCms } from './support/cms.ts';
import { adminToken, mainText, signIn } from './support/admin.ts';
import { bookSeat } from './support/bookings.ts';

const PRACTICE = TYPES.practice.uid;
const PACT = TYPES.pact.uid;
const PARTNER_B = { email: 'ente.b.percorso@coesione.example', password: 'Ente-B-Percorso-2026' };
const OWN_ORGANIZATION = 'APS La Bottega del Riuso';
const TITLE = 'Sportello del riuso di Borgosesia';
// The seed's pact with the demo partner's organisation among its parties (scripts/src/seed/pacts.ts).
const PACT_TITLE = 'L’ex lavatoio di Gattinara come spazio di comunità';
const SCREENSHOTS = new URL('../screenshots/', import.meta.url);

let cms: TestCms;
let browser: Browser;
const tokens = { partner: '', partnerB: '' };

beforeAll(async () => {
  cms = await startSeededCms({ today: new Date() }, {}, { admin: true });
  const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
  await cms.strapi.service('admin::user').create({ ...PARTNER_B, firstname: 'Ente', lastname: 'B', isActive: true, registrationToken: null, roles: [role.id] });
  const orgB = await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'odv-voci-amiche' } } as never);
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER_B.email, organization: orgB!.documentId } } as never);
  tokens.partner = await adminToken(cms, DEMO_USERS.partner.email, DEMO_USERS.partner.password);
  tokens.partnerB = await adminToken(cms, PARTNER_B.email, PARTNER_B.password);
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('a partner with its own organisation and its own pacts', () => {
  let context: BrowserContext;
  let page: Page;
  let practiceId = '';
  let pactId = '';

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    page = await signIn(cms, context, DEMO_USERS.partner);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('proposes a practice promoted by its own organisation, with a cover from the media library', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PRACTICE}/create?plugins[i18n][locale]=it`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60_000 });
    await page.locator('input[name="title"]').fill(TITLE);
    await page.locator('textarea[name="summary"]').fill('Uno sportello dove riparare e scambiare oggetti invece di buttarli.');

    // The promoters' picker offers the partner's own organisation.
    const promoters = page.getByRole('combobox', { name: /Enti promotori/ });
    await promoters.click();
    const option = page.getByRole('option', { name: new RegExp(OWN_ORGANIZATION) });
    await option.waitFor({ timeout: 15_000 });
    await option.click();
    await expect.poll(() => page.getByText(OWN_ORGANIZATION).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // A cover made here, uploaded through the media library dialog.
    const file = join(tmpdir(), `copertina-percorso-${process.pid}.png`);
    await writeFile(file, await sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 40, g: 120, b: 90 } } }).png().toBuffer());
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.getByText(/Clicca per aggiungere un file|Click to add an asset/).first().click();
    const addAssets = page.getByRole('button', { name: /^(Aggiungi file|Carica i primi file…|Add new assets)$/ });
    await addAssets.first().click();
    await page.locator('input[type="file"]').first().setInputFiles(file);
    await page.getByRole('button', { name: /Upload 1 asset|Carica 1 file/ }).click();
    await page.getByRole('button', { name: /^(Fine|Finish)$/ }).click({ timeout: 30_000 });
    await page.locator('img[src*="copertina"]').first().waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Salva' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    practiceId = page.url().split('?')[0]!.split('/').pop()!;
    await expect.poll(() => page.locator('input[name="slug"]').inputValue(), { timeout: 15_000 }).toBe('sportello-del-riuso-di-borgosesia');
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('partner-practice.png', SCREENSHOTS).pathname, fullPage: true });

    // What was stored is what the partner chose.
    const stored = (await cms.strapi.documents(PRACTICE).findOne({ documentId: practiceId, status: 'draft', populate: { promoters: { fields: ['name'] }, cover: { fields: ['name'] } } } as never)) as unknown as {
      promoters: { name: string }[];
      cover: { name: string } | null;
    };
    expect(stored.promoters.map((p) => p.name)).toEqual([OWN_ORGANIZATION]);
    expect(stored.cover?.name).toMatch(/copertina-percorso/);
  });

  it('finds the draft in «Le tue proposte»', async () => {
    await page.goto(`${cms.url}/admin`);
    const item = page.locator('ul[aria-label="Le tue proposte"] li', { hasText: TITLE });
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toContain('In attesa della redazione');
    // The work first: its proposals open the home page, before Strapi's generic widgets.
    const widgets = await page.locator('[data-strapi-widget-id]').evaluateAll((all) => all.map((w) => w.getAttribute('data-strapi-widget-id')));
    expect(widgets.slice(0, 2)).toEqual(['global::partner-proposals', 'global::how-to-propose']);
    // Which other bodies sent their need records is the office's to know.
    expect(await page.getByText('Invii dei dati di bisogno').count()).toBe(0);
  });

  it('switches off the daily e-mail of its work in «E-mail delle attività», and finds its choice again after a reload', async () => {
    await page.goto(`${cms.url}/admin`);
    const choice = () => page.getByRole('radiogroup', { name: 'Ricevi per e-mail le attività da fare' });
    await choice().waitFor({ timeout: 30_000 });
    await expect.poll(() => choice().getByRole('radio', { name: 'ogni giorno' }).getAttribute('aria-checked')).toBe('true');
    await choice().getByRole('radio', { name: 'mai' }).click();
    await page.getByText('Scelta salvata: mai.').waitFor({ timeout: 15_000 });
    await mkdir(SCREENSHOTS, { recursive: true });
    await page.locator('[data-strapi-widget-id="global::queue-mail"]').screenshot({ path: new URL('partner-queue-mail.png', SCREENSHOTS).pathname });
    await page.reload();
    await choice().waitFor({ timeout: 30_000 });
    await expect.poll(() => choice().getByRole('radio', { name: 'mai' }).getAttribute('aria-checked')).toBe('true');
    expect(await choice().getByRole('radio', { name: 'ogni giorno' }).getAttribute('aria-checked')).toBe('false');
    // Its own choice only: the other organisation's partner still has the default.
    expect((await cms.api('/admin/coesione/notifications/me', { token: tokens.partnerB })).body).toMatchObject({ choice: 'ogni_giorno', chosen: false });
  });

  it('finds in its pact list the pact its organisation is a party to, read-only', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PACT}?plugins[i18n][locale]=it`);
    const row = page.getByRole('row', { name: new RegExp(PACT_TITLE) });
    await row.waitFor({ timeout: 30_000 });
    expect(await mainText(page)).not.toContain('Nessuna voce');
    await row.getByText(PACT_TITLE).click();
    await page.locator('input[name="title"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('input[name="title"]').inputValue()).toBe(PACT_TITLE);
    pactId = page.url().split('?')[0]!.split('/').pop()!;
    // Only the office changes it: a save is refused, and nothing changes.
    const res = await cms.api(`/content-manager/collection-types/${PACT}/${pactId}?locale=it`, { method: 'PUT', token: tokens.partner, body: { title: 'Riscritto dal partner' } });
    expect(res.status).toBe(403);
    expect(((await cms.strapi.documents(PACT).findOne({ documentId: pactId, status: 'draft' } as never)) as unknown as { title: string }).title).toBe(PACT_TITLE);
  });

  it('shows another organisation’s partner neither the draft nor the pact', async () => {
    const otherContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    try {
      const other = await signIn(cms, otherContext, PARTNER_B);
      await other.goto(`${cms.url}/admin/content-manager/collection-types/${PACT}?plugins[i18n][locale]=it`);
      await other.getByRole('heading', { name: /Patti di collaborazione|Patto di collaborazione/ }).first().waitFor({ timeout: 30_000 });
      await other.waitForLoadState('networkidle');
      expect(await mainText(other)).not.toContain(PACT_TITLE);
      await other.goto(`${cms.url}/admin/content-manager/collection-types/${PRACTICE}?plugins[i18n][locale]=it`);
      await other.getByRole('heading', { name: /Buone prassi|Buona prassi/ }).first().waitFor({ timeout: 30_000 });
      await other.waitForLoadState('networkidle');
      expect(await mainText(other)).not.toContain(TITLE);
      await other.goto(`${cms.url}/admin`);
      await other.getByText('Le tue proposte').first().waitFor({ timeout: 60_000 });
      await other.waitForLoadState('networkidle');
      expect(await mainText(other)).not.toContain(TITLE);
    } finally {
      await otherContext.close();
    }
    // Over the API too: the entries and the relation picker's list.
    expect((await cms.api(`/content-manager/collection-types/${PACT}/${pactId}?locale=it`, { token: tokens.partnerB })).status).toBe(403);
    expect((await cms.api(`/content-manager/collection-types/${PRACTICE}/${practiceId}?locale=it`, { token: tokens.partnerB })).status).toBe(403);
    const picker = await cms.api(`/content-manager/relations/${PRACTICE}/promoters?locale=it`, { token: tokens.partnerB });
    expect(picker.status).toBe(200);
    expect(picker.body.results.map((r: { name?: string }) => r.name)).toEqual(['ODV Voci Amiche']);
  });
});

describe('a partner at the door of its own workshop', () => {
  const WORKSHOP = TYPES.workshop.uid;

  it('marks present by code, or by name from the roll call, whoever booked its workshop for today; another partner cannot', async () => {
    // Its workshop, proposed from the admin with room for 6 and a session later today, then published by the office.
    const today = new Date(Date.now() + 5 * 60_000).toISOString();
    const created = await cms.api(`/content-manager/collection-types/${WORKSHOP}?locale=it`, {
      method: 'POST',
      token: tokens.partner,
      body: { title: 'Riparare le sedie impagliate insieme', slug: 'riparare-sedie-impagliate-insieme', summary: 'Un pomeriggio per rimettere in sesto una sedia.', craft: 'restauro_mobili', artisanName: 'Maestra impagliatrice', capacity: 6, sessions: [{ start: today }] },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const workshopId = created.body.data.documentId as string;
    await cms.strapi.documents(WORKSHOP).publish({ documentId: workshopId, locale: 'it' } as never);
    const { code } = await bookSeat(cms.url, { workshop: workshopId, session: today, name: 'Dario Presente (dato sintetico)', email: 'dario.presente@example.org' }, 3100);
    await bookSeat(cms.url, { workshop: workshopId, session: today, name: 'Elena Senza Codice (dato sintetico)', email: 'elena.senzacodice@example.org', seats: 2 }, 3100);

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    try {
      const page = await signIn(cms, context, DEMO_USERS.partner);
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${WORKSHOP}/${workshopId}?plugins[i18n][locale]=it`);
      const panel = page.locator('aside').filter({ hasText: 'Prenotazioni' });
      await panel.getByText('3 di 6 posti prenotati').waitFor({ timeout: 60_000 });
      await panel.getByLabel('Codice della prenotazione').fill(code);
      await panel.getByLabel('Codice della prenotazione').press('Enter');
      await panel.getByText('Presente: Dario Presente (dato sintetico) (1 posto).').waitFor();
      // Who forgot the code is found by name in the roll call.
      await panel.getByRole('button', { name: 'Elenco per l’appello' }).first().click();
      const roll = panel.getByRole('list', { name: 'Elenco per l’appello' });
      await roll.locator('li', { hasText: 'Dario Presente' }).getByText('presente', { exact: true }).waitFor();
      await roll.getByRole('button', { name: 'Segna presente Elena Senza Codice (dato sintetico)' }).click();
      await roll.locator('li', { hasText: 'Elena Senza Codice' }).getByText('presente', { exact: true }).waitFor();
      await panel.getByText(/3 presenti/).waitFor();
      await page.screenshot({ path: new URL('ente-presenze.png', SCREENSHOTS).pathname });
    } finally {
      await context.close();
    }
    // Another organisation's partner: the counts are refused, the code is as unknown.
    expect((await cms.api(`/admin/coesione/bookings/workshop/${workshopId}`, { token: tokens.partnerB })).status).toBe(403);
    const other = await cms.api('/admin/coesione/bookings/attendance', { method: 'POST', token: tokens.partnerB, body: { code } });
    expect(other.body).toEqual({ outcome: 'refused', message: `Nessuna prenotazione con il codice ${code} tra i laboratori che organizzi.` });
  });
});

describe('a partner reports what a cycle of its workshop produced', () => {
  const OUTCOME = 'api::workshop-outcome.workshop-outcome';
  // The seed's workshop of the demo partner's organisation, created by the seed (not by the partner).
  const OWN_WORKSHOP = 'Ridare vita a un vecchio mobile: laboratorio di restauro';
  const OTHER_WORKSHOP = "L'orto d'inverno";

  it('enters the counts in the admin, is told in Italian what does not hold together, and the public reads the figures', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    try {
      const page = await signIn(cms, context, DEMO_USERS.partner);
      await page.goto(`${cms.url}/admin/content-manager/collection-types/${OUTCOME}/create`);
      const picker = page.getByRole('combobox', { name: /Laboratorio/ });
      await picker.waitFor({ timeout: 60_000 });
      await picker.click();
      await page.getByRole('option', { name: new RegExp(OWN_WORKSHOP.slice(0, 30)) }).waitFor({ timeout: 15_000 });
      // Only its organisation's workshops are offered.
      const offered = await page.getByRole('option').allInnerTexts();
      expect(offered.some((text) => text.includes('Orto'))).toBe(false);
      await page.getByRole('option', { name: new RegExp(OWN_WORKSHOP.slice(0, 30)) }).click();

      for (const [label, value] of [['Inizio del ciclo', '12/01/2026'], ['Fine del ciclo', '30/03/2026']] as const) {
        const input = page.getByRole('combobox', { name: new RegExp(label) });
        await input.fill(value);
        await input.press('Enter');
      }
      const count = (name: string) => page.locator(`input[name="${name}"]`);
      await count('participants').fill('7');
      await count('fragileParticipants').fill('9');
      await count('itemsRepaired').fill('18');
      await page.getByRole('button', { name: 'Salva' }).click();
      await page.getByText(/sono più di quelle che hanno partecipato/).first().waitFor({ timeout: 15_000 });
      expect(await cms.strapi.db.query(OUTCOME).count({ where: { note: 'Dal percorso del partner' } })).toBe(0);

      await count('fragileParticipants').fill('3');
      await page.locator('textarea[name="note"]').fill('Dal percorso del partner');
      await page.getByRole('button', { name: 'Salva' }).click();
      await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
      await page.screenshot({ path: new URL('ente-risultati-ciclo.png', SCREENSHOTS).pathname, fullPage: true });
    } finally {
      await context.close();
    }
    const stored = (await cms.strapi.db.query(OUTCOME).findOne({ where: { note: 'Dal percorso del partner' }, populate: { workshop: { select: ['title'] } } })) as { participants: number; fragileParticipants: number; cycleStart: string; label: string; workshop: { title: string } };
    expect(stored).toMatchObject({ participants: 7, fragileParticipants: 3, workshop: { title: OWN_WORKSHOP }, label: `${OWN_WORKSHOP} (2026-01-12 – 2026-03-30)` });
    expect(String(stored.cycleStart)).toContain('2026-01-12');

    // The public reads the workshop's cycles summed, the small counts hidden, and no note.
    const answer = await fetch(`${cms.url}/api/risultati-laboratori`);
    const text = await answer.text();
    const figures = (JSON.parse(text).data as { workshop: { title: string } | null; cycles: number; figures: Record<string, { value: number | null }> }[]).find((f) => f.workshop?.title === OWN_WORKSHOP)!;
    expect(figures.cycles).toBeGreaterThanOrEqual(1);
    expect(figures.figures.newArtisans!.value === null || figures.figures.newArtisans!.value >= 5).toBe(true);
    expect(text).not.toContain('Dal percorso del partner');

    // Another organisation's workshop, named by hand through the API, is refused.
    const other = (await cms.strapi.documents(TYPES.workshop.uid).findFirst({ filters: { title: { $startsWith: OTHER_WORKSHOP } }, fields: ['documentId'] } as never)) as { documentId: string } | null;
    const foreign = await cms.api(`/content-manager/collection-types/${OUTCOME}`, { method: 'POST', token: tokens.partner, body: { workshop: { connect: [{ documentId: other!.documentId }] }, cycleStart: '2026-01-01', cycleEnd: '2026-02-01', participants: 8 } });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).toContain('Questo laboratorio non è del tuo ente');
    // And the other partner does not read this report.
    const list = await cms.api(`/content-manager/collection-types/${OUTCOME}`, { token: tokens.partnerB });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('Dal percorso del partner');
  });
});

