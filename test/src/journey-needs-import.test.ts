/**
 * A partner imports a month of need records from «Dati di bisogno», in Chromium, as the Partner: the file
 * is checked first (a preview that writes nothing), replaced only on confirmation, and the import can be
 * undone. A file with errors shows them in Italian, never repeats a codice fiscale, and changes nothing.
 * The database is read directly to prove what the page says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { codiceFiscaleCheck } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { signIn } from './support/admin.ts';
import { startSeededCms, type TestCms } from './support/cms.ts';

const RECORD = 'api::need-record.need-record';
const ORGANIZATION = 'aps-bottega-del-riuso';
const HEADER = 'mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno';
const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'screenshots');
const CF = (body15: string) => body15 + codiceFiscaleCheck(body15);

let cms: TestCms;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let organization = 0;
/** The partner's fullest month in the seed: the one the file replaces. */
let month = '';

/** The partner's records of `month`, as codes: what an undo must give back exactly. */
async function recordsOf(m: string): Promise<string[]> {
  const rows = (await cms.strapi.db.query(RECORD).findMany({ where: { organization: { id: organization }, month: m }, select: ['ageBand', 'household', 'personKey', 'source'], populate: { municipality: { select: ['istatCode'] }, categories: { select: ['slug'] } } })) as {
    ageBand: string; household: string; personKey: string | null; source: string; municipality: { istatCode: string } | null; categories: { slug: string }[];
  }[];
  return rows.map((r) => [r.ageBand, r.household, r.personKey, r.source, r.municipality?.istatCode, r.categories.map((c) => c.slug).sort().join('|')].join(';')).sort();
}

const bodyText = async () => (await page.locator('body').innerText()).replace(/\s+/g, ' ');

/** Chooses the file in the page's upload field and asks for the check, as the partner does. */
async function check(name: string, text: string): Promise<void> {
  await page.locator('#dati-bisogno-file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByRole('button', { name: 'Controlla il file' }).click();
  await page.getByRole('heading', { name: 'Anteprima dell’importazione' }).waitFor({ timeout: 30_000 });
}

beforeAll(async () => {
  cms = await startSeededCms({ today: new Date() }, {}, { admin: true });
  const org = await cms.strapi.db.query('api::organization.organization').findOne({ where: { slug: ORGANIZATION, publishedAt: null } });
  organization = org.id;
  const rows = (await cms.strapi.db.query(RECORD).findMany({ where: { organization: { id: organization } }, select: ['month'] })) as { month: string }[];
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.month, (counts.get(r.month) ?? 0) + 1);
  [month] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0].localeCompare(a[0]))[0]!;
  browser = await launchBrowser();
  context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
  page = await signIn(cms, context, DEMO_USERS.partner);
  await page.getByRole('link', { name: 'Dati di bisogno' }).first().click();
  await page.getByRole('heading', { name: 'Dati di bisogno', level: 1 }).waitFor({ timeout: 60_000 });
}, 240_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await cms?.stop();
});

describe('a partner imports a month of need records', () => {
  it('sees a file’s errors in Italian, with row and column, no codice fiscale repeated, and nothing changes', async () => {
    const before = await recordsOf(month);
    const pasted = CF('RSSMRA85T10A562');
    await check('errori.csv', [HEADER, `${month};002158;30-49;;;;casa;;no;;ERR-1`, `2026-13;002158;30-49;;;;casa;;no;;ERR-2`, `${month};${pasted};30-49;;;;casa;;forse;;ERR-3`].join('\n'));
    const text = await bodyText();
    expect(text).toContain('Il file ha 3 errori');
    expect(text).toContain('Nessun dato è stato modificato');
    expect(text).toContain('Righe lette 3, valide 1, con errori 2.');
    const table = (await page.locator('table').innerText()).replace(/\s+/g, ' ');
    expect(table).toContain('3 mese «2026-13» non è un mese');
    expect(table).toContain('4 comune Il valore (che sembra un codice fiscale, quindi non lo ripetiamo) non è un comune del distretto');
    expect(table).toContain('4 servizio_sociale «forse»: scrivi sì o no.');
    expect(text).not.toContain(pasted);
    expect(await page.getByRole('button', { name: 'Conferma e importa' }).count()).toBe(0);
    expect(await recordsOf(month)).toEqual(before);
  });

  it('previews the month it replaces, changes nothing until confirmed, replaces it on confirmation and undoes it', async () => {
    const before = await recordsOf(month);
    expect(before.length).toBeGreaterThan(5);
    const file = [HEADER,
      `${month};002158;30-49;monogenitore;femmina;extra UE;casa|lavoro;ascolto-e-orientamento;sì;${CF('TSTJRN80A01L750')};`,
      `${month};Santhià;65-79;persona sola;;;solitudine;;no;;JRN-2`,
      `${month};002016;80+;;;;non autosufficienza|solitudine;;no;;JRN-3`,
      `${month};002158;18-29;;;;lavoro;;no;;JRN-4`,
      `${month};002158;50-64;;;;reddito;;no;;JRN-5`,
    ].join('\r\n');

    // The trial run: the counts, and the month's line as the partner reads it.
    await check('mese.csv', file);
    let text = await bodyText();
    expect(text).toContain('Prova riuscita, nulla è stato ancora salvato');
    expect(text).toContain('Righe lette 5, valide 5, con errori 0.');
    expect(text).toContain(`${month}: 5 schede nuove al posto delle ${before.length} già presenti`);
    // The pointer off «Controlla il file»: the design system's hover colour (white on primary500, 3.2:1) is
    // Strapi's, and a partner reading the preview has moved on from the button.
    await page.mouse.move(0, 0);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'needs-import-preview.png'), fullPage: true });
    // The page's own part (Strapi's shell aside, as in admin.test.ts): the preview is read by everyone.
    const axe = await new AxeBuilder({ page }).include('main').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(await recordsOf(month)).toEqual(before);

    // Not imported: the month is as it was.
    await page.getByRole('button', { name: 'Non importare' }).click();
    await page.getByText('Importazione non eseguita: nessun dato è stato modificato.').waitFor();
    expect(await page.getByRole('heading', { name: 'Anteprima dell’importazione' }).count()).toBe(0);
    expect(await recordsOf(month)).toEqual(before);

    // Checked again and confirmed: the month holds the file's five records.
    await check('mese.csv', file);
    await page.getByRole('button', { name: 'Conferma e importa' }).click();
    await page.getByText(`Importate 5 schede (${month}), al posto delle ${before.length} già presenti per gli stessi mesi.`).waitFor({ timeout: 30_000 });
    const imported = await recordsOf(month);
    expect(imported).toHaveLength(5);
    expect(imported.every((r) => r.includes(';importazione;'))).toBe(true);

    // Undone: the month's records are back, every code as it was.
    await page.getByRole('button', { name: 'Annulla l’ultima importazione' }).click();
    await page.getByRole('button', { name: 'Sì, annulla l’importazione' }).click();
    await page.getByText(`Importazione annullata: ${month} torna com’era prima (${before.length} schede).`).waitFor({ timeout: 30_000 });
    expect(await recordsOf(month)).toEqual(before);
    // Only once: the undo is spent.
    text = await bodyText();
    expect(await page.getByRole('button', { name: 'Annulla l’ultima importazione' }).count()).toBe(0);
    expect(text).not.toContain('Annullare l’ultima importazione');
  });

  it('finds «Dati di bisogno» in the menu from any page it reloads, not only from the home page', async () => {
    for (const path of ['/admin/content-manager/collection-types/api::practice.practice', '/admin/dati-di-bisogno', '/admin/me']) {
      await page.goto(`${cms.url}${path}`);
      await page.getByRole('navigation').getByRole('link', { name: 'Dati di bisogno' }).first().waitFor({ timeout: 60_000 });
    }
  });
});
