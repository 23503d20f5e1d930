/**
 * Where a place is, as Partners and Editors set it in the admin: a real, seeded Strapi serving its built
 * admin, driven in Debian's Chromium as each role.
 *
 * - the Partner creates a practice with a place: the comune chosen in the location's picker by typing its
 *   name (a relation inside a component: `/content-manager/relations/shared.location/municipality`, which
 *   the route guard refused to every role), the latitude typed with a dot and the longitude with a comma
 *   (the Italian admin read «45.3675» as 453675); an out-of-range latitude is refused in Italian and
 *   changes nothing;
 * - the Editor opens an entry whose place has a comune, sees it in the picker, changes it and saves.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { TYPES } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { startSeededCms, type TestCms } from './support/cms.ts';
import { mainText, signIn } from './support/admin.ts';

const PRACTICE = TYPES.practice.uid;
const SCREENSHOTS = path.join(import.meta.dirname, '..', 'screenshots');

interface Place {
  address: string;
  latitude: number;
  longitude: number;
  municipality: { name: string } | null;
}

let cms: TestCms;
let browser: Browser;

/** The draft's place, as the CMS holds it. */
async function placeOf(documentId: string): Promise<Place | null> {
  const entry = (await cms.strapi.documents(PRACTICE).findOne({ documentId, status: 'draft', populate: { location: { populate: { municipality: { fields: ['name'] } } } } } as never)) as unknown as { location: Place | null } | null;
  return entry?.location ?? null;
}

/** The comune picker inside the location component: Strapi's relation combobox, «Comune» or «Comune (1)» once set. */
const comunePicker = (page: Page): Locator => page.getByRole('combobox', { name: /^Comune( \(\d+\))?$/ });

/**
 * The comune the picker lists as set: Strapi shows an xToOne relation as an item under the box. Empty when
 * the nearest list is not the picker's own (its box and its list share a container no wider than the field).
 */
async function comuneShown(page: Page): Promise<string> {
  const field = comunePicker(page).locator('xpath=ancestor::div[.//li][1]');
  if ((await field.count()) === 0 || (await field.locator('input[name="location.latitude"]').count()) > 0) return '';
  return (await field.locator('li').allInnerTexts()).join(' | ');
}

async function chooseComune(page: Page, name: string): Promise<void> {
  const picker = comunePicker(page);
  await picker.click();
  await picker.fill(name.slice(0, 5));
  await page.getByRole('option', { name: new RegExp(`^${name}`) }).first().click({ timeout: 30_000 });
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Salva' }).click();
}

beforeAll(async () => {
  cms = await startSeededCms({ today: new Date() }, {}, { admin: true });
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await cms?.stop();
});

describe('the partner sets where its practice is', () => {
  let context: BrowserContext;
  let page: Page;
  let documentId = '';

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    page = await signIn(cms, context, DEMO_USERS.partner);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('chooses the comune by name and types the latitude with a dot, the longitude with a comma', async () => {
    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PRACTICE}/create?plugins[i18n][locale]=it`);
    await page.locator('input[name="title"]').waitFor({ timeout: 60_000 });
    await page.locator('input[name="title"]').fill('Orti condivisi di Santhià');
    await page.locator('textarea[name="summary"]').fill('Orti curati insieme da famiglie e volontari.');
    // The place is an optional component: the partner adds it first.
    const location = page.locator('input[name="location.address"]');
    const empty = page.getByRole('button', { name: /Ancora nessun elemento/ });
    await page.locator('div').filter({ has: page.getByText('Luogo principale', { exact: true }) }).filter({ has: empty }).last().locator(empty).click();
    await location.fill('Via Galileo Ferraris 12');
    await chooseComune(page, 'Santhià');
    await page.locator('input[name="location.latitude"]').fill('45.3675');
    await page.locator('input[name="location.longitude"]').fill('8,1734');
    // What the partner sees before saving: the comune in the picker, the coordinates as typed, no error.
    expect(await mainText(page)).not.toContain('Valore troppo alto');
    await page.locator('input[name="location.longitude"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'journey-places-partner.png'), fullPage: false });
    await save(page);
    await page.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
    documentId = page.url().split('?')[0]!.split('/').pop()!;

    const place = await placeOf(documentId);
    expect(place?.municipality?.name).toBe('Santhià');
    expect(place?.latitude).toBe(45.3675);
    expect(place?.longitude).toBe(8.1734);
    // Reopened, the picker shows the comune that was chosen.
    await page.reload();
    await page.locator('input[name="location.latitude"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('input[name="location.latitude"]').inputValue(), { timeout: 15_000 }).toBe('45.3675');
    await expect.poll(() => comuneShown(page), { timeout: 15_000 }).toContain('Santhià');
  });

  it('refuses a latitude out of range in Italian, and nothing changes', async () => {
    expect(documentId).not.toBe('');
    const before = await cms.strapi.documents(PRACTICE).findOne({ documentId, status: 'draft' } as never);
    const latitude = page.locator('input[name="location.latitude"]');
    await latitude.fill('145.2');
    await page.getByText('La latitudine 145,2 non è valida: deve essere tra -90 e 90 gradi').first().waitFor({ timeout: 15_000 });
    await save(page);
    // Still on the form with the Italian error; the draft as it was.
    await page.waitForTimeout(2_000);
    expect(await mainText(page)).toContain('deve essere tra -90 e 90 gradi');
    const place = await placeOf(documentId);
    expect(place?.latitude).toBe(45.3675);
    expect(place?.municipality?.name).toBe('Santhià');
    const after = await cms.strapi.documents(PRACTICE).findOne({ documentId, status: 'draft' } as never);
    expect((after as { updatedAt?: unknown } | null)?.updatedAt).toEqual((before as { updatedAt?: unknown } | null)?.updatedAt);
  });
});

describe('the editor', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    page = await signIn(cms, context, DEMO_USERS.editor);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('sees the comune of a place that has one, changes it and saves', async () => {
    const practices = (await cms.strapi.documents(PRACTICE).findMany({ status: 'draft', populate: { location: { populate: { municipality: { fields: ['name'] } } } } } as never)) as unknown as { documentId: string; location: Place | null }[];
    const entry = practices.find((p) => p.location?.municipality && p.location.municipality.name !== 'Gattinara');
    expect(entry, 'a seeded practice whose place has a comune').toBeDefined();
    const current = entry!.location!.municipality!.name;

    await page.goto(`${cms.url}/admin/content-manager/collection-types/${PRACTICE}/${entry!.documentId}?plugins[i18n][locale]=it`);
    await page.locator('input[name="location.address"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => comuneShown(page), { timeout: 30_000 }).toContain(current);

    await chooseComune(page, 'Gattinara');
    await expect.poll(() => comuneShown(page), { timeout: 15_000 }).toContain('Gattinara');
    expect(await comuneShown(page)).not.toContain(current);
    await save(page);
    await expect.poll(async () => (await placeOf(entry!.documentId))?.municipality?.name, { timeout: 30_000 }).toBe('Gattinara');
    const place = await placeOf(entry!.documentId);
    expect(place?.latitude).toBe(entry!.location!.latitude);
  });
});
