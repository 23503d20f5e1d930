/**
 * The map of places in Chromium, as a citizen uses it: clusters that split when zooming, filters,
 * "Cerca in quest'area" against a real Meilisearch, the keyboard, the list kept in sync, the open-data
 * GeoJSON, the small maps, and what is left when the island or the search fails. Every request that
 * leaves loopback is aborted, so no map tile ever loads: the map must work without them.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DISTRICT_BBOX } from '@coesione/model';
import { createSearchClient, ensureSearchKey } from '@coesione/search';
import { serveStatic } from '../../scripts/src/lib/static-server.ts';
import { launchBrowser } from './support/browser.ts';
import { startSeededCms, type TestCms } from './support/cms.ts';
import { indexDemo, synced, until } from './support/indexed.ts';
import { startMeili, type TestMeili } from '../../scripts/src/lib/meili.ts';
import { buildSite } from './support/site.ts';

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { id: string; type: string; title: string; url: string; comune: string | null; istat: string | null; themes: string[]; open: boolean | null };
}

// The province of Vercelli, as [west, south, east, north]: the box the map frames and the CMS accepts points in.
const DISTRICT = DISTRICT_BBOX;

let meili: TestMeili;
let cms: TestCms;
let site: { url: string; close(): Promise<void> };
let siteDir: string;
let browser: Browser;
let features: Feature[];

beforeAll(async () => {
  meili = await startMeili();
  cms = await startSeededCms({ users: false }, { MEILISEARCH_URL: meili.url, MEILI_MASTER_KEY: meili.masterKey, SEARCH_SYNC_INTERVAL_MS: '100' });
  await indexDemo(cms, meili);
  await until('the demo content to be indexed', () => synced(cms, meili), 180_000); // generous: a loaded machine makes Meilisearch answer 408 for a while
  const key = await ensureSearchKey(createSearchClient(meili.url, meili.masterKey), meili.masterKey);
  siteDir = await buildSite({ CMS_URL: cms.url, PUBLIC_MEILISEARCH_URL: meili.url, PUBLIC_SEARCH_KEY: key, BUILD_NOW: '2026-11-24T10:00:00Z' });
  site = await serveStatic(siteDir);
  browser = await launchBrowser();
  features = (JSON.parse(fs.readFileSync(`${siteDir}/dati-aperti/luoghi.geojson`, 'utf8')) as { features: Feature[] }).features;
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  if (siteDir) fs.rmSync(siteDir, { recursive: true, force: true });
  await cms?.stop();
  await meili?.stop();
});

async function offlineContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', ...options });
  // No tile server, nothing beyond loopback.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return context;
}

async function openMap(context?: BrowserContext): Promise<Page> {
  const page = await (context ?? (await offlineContext())).newPage();
  await page.goto(`${site.url}/mappa/`);
  await page.locator('.map-explorer[data-ready="true"]').waitFor();
  return page;
}

const status = (page: Page) => page.locator('.map-status');
/** "12 luoghi nell'area visibile…": the first number of the status line. */
const inViewCount = async (page: Page) => Number(/^([\d.]+)/.exec((await status(page).textContent()) ?? '')?.[1]?.replace('.', ''));
const visibleListIds = (page: Page) => page.locator('#elenco-luoghi li[data-place-id]:not([hidden])').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.placeId ?? ''));
const focusedInfo = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { tag: el?.tagName ?? '', cls: el?.className ?? '', place: el?.dataset.placeId ?? '', href: el?.getAttribute('href') ?? '', text: el?.textContent ?? '', role: el?.getAttribute('role') ?? '' };
  });

describe('the open data of places', () => {
  it('is an RFC 7946 FeatureCollection, one point per place, [longitude, latitude] inside the district', () => {
    const geojson = JSON.parse(fs.readFileSync(`${siteDir}/dati-aperti/luoghi.geojson`, 'utf8')) as { type: string; bbox: number[]; features: Feature[] };
    expect(geojson.type).toBe('FeatureCollection');
    expect(features.length).toBeGreaterThan(50);
    const ids = new Set<string>();
    for (const f of features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lng, lat] = f.geometry.coordinates;
      // Longitude first: in the province of Vercelli longitudes are ≈ 8, latitudes ≈ 45.
      expect(lng, `${f.id} longitude`).toBeGreaterThanOrEqual(DISTRICT[0]!);
      expect(lng, `${f.id} longitude`).toBeLessThanOrEqual(DISTRICT[2]!);
      expect(lat, `${f.id} latitude`).toBeGreaterThanOrEqual(DISTRICT[1]!);
      expect(lat, `${f.id} latitude`).toBeLessThanOrEqual(DISTRICT[3]!);
      expect(['practice', 'opportunity', 'workshop', 'pact', 'organization']).toContain(f.properties.type);
      expect(f.properties.title).not.toBe('');
      expect(f.properties.istat).toMatch(/^\d{6}$/);
      expect(fs.existsSync(`${siteDir}${f.properties.url}index.html`), f.properties.url).toBe(true);
      if (f.properties.type === 'opportunity') expect(typeof f.properties.open).toBe('boolean');
      ids.add(f.id);
    }
    expect(ids.size).toBe(features.length);
    // The bbox is the features' extent.
    expect(geojson.bbox[0]).toBe(Math.min(...features.map((f) => f.geometry.coordinates[0])));
    expect(geojson.bbox[3]).toBe(Math.max(...features.map((f) => f.geometry.coordinates[1])));
  });

  it('gives an entry with two locations two features, and every type its places', async () => {
    const byUrl = new Map<string, number>();
    for (const f of features) byUrl.set(f.properties.url, (byUrl.get(f.properties.url) ?? 0) + 1);
    expect([...byUrl.values()].some((n) => n >= 2)).toBe(true);
    expect(new Set(features.map((f) => f.properties.type))).toEqual(new Set(['practice', 'opportunity', 'workshop', 'pact', 'organization']));
    // As many features as locations published in the CMS.
    let locations = 0;
    for (const [uid, field] of [['api::practice.practice', 'location'], ['api::opportunity.opportunity', 'locations'], ['api::workshop.workshop', 'location'], ['api::pact.pact', 'location'], ['api::organization.organization', 'sites']] as const) {
      const entries = (await cms.strapi.documents(uid).findMany({ status: 'published', populate: [field], limit: 1000 } as never)) as Record<string, unknown>[];
      for (const e of entries) locations += Array.isArray(e[field]) ? (e[field] as unknown[]).length : e[field] ? 1 : 0;
    }
    expect(features.length).toBe(locations);
  });

  it('is listed, with the feeds and the licence, on /dati-aperti/', async () => {
    const html = fs.readFileSync(`${siteDir}/dati-aperti/index.html`, 'utf8');
    for (const href of ['/dati-aperti/luoghi.geojson', '/buone-prassi/rss.xml', '/opportunita/rss.xml', '/calendario.ics', '/sitemap-index.xml']) expect(html).toContain(`href="${href}"`);
    expect(html).toContain('CC BY 4.0');
    const sitemap = fs.readFileSync(`${siteDir}/sitemap-0.xml`, 'utf8');
    expect(sitemap).toContain('/mappa/</loc>');
    expect(sitemap).toContain('/dati-aperti/</loc>');
  });
});

describe('the map page', () => {
  it('without JavaScript is a complete list of the places, grouped by comune', async () => {
    const context = await offlineContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/mappa/`);
    expect(await page.locator('#elenco-luoghi li[data-place-id]').count()).toBe(features.length);
    const vercelli = features.filter((f) => f.properties.comune === 'Vercelli').length;
    expect(await page.getByRole('heading', { level: 3, name: `Vercelli (${vercelli})` }).count()).toBe(1);
    expect(await page.locator('.map-canvas').count()).toBe(0);
    await context.close();
  });

  it('draws clusters with no tile loaded, under the Content-Security-Policy, and zooming splits them', async () => {
    const context = await offlineContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.text().includes('Content Security Policy') && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${site.url}/mappa/`);
    await page.locator('.map-explorer[data-ready="true"]').waitFor();
    expect(await page.locator('.leaflet-tile-loaded').count()).toBe(0);
    const clusters = page.locator('.map-cluster');
    expect(await clusters.count()).toBeGreaterThan(0);
    // Every place is in the district view: the clusters and single markers add up to all of them.
    const counted = (await clusters.locator('.map-cluster-count').allTextContents()).reduce((n, t) => n + Number(t), 0) + (await page.locator('.map-marker').count());
    expect(counted).toBe(features.length);
    expect(await inViewCount(page)).toBe(features.length);

    // Opening the biggest cluster zooms in: more, smaller groups or single places appear.
    const before = await page.locator('.leaflet-marker-icon').count();
    const sizes = (await clusters.locator('.map-cluster-count').allTextContents()).map(Number);
    await clusters.nth(sizes.indexOf(Math.max(...sizes))).click();
    await expect.poll(() => inViewCount(page)).toBeLessThan(features.length);
    await expect.poll(async () => (await page.locator('.map-marker').count()) + (await clusters.count())).toBeGreaterThan(0);
    const biggestAfter = Math.max(0, ...(await clusters.locator('.map-cluster-count').allTextContents()).map(Number));
    expect(biggestAfter).toBeLessThan(Math.max(...sizes));
    expect(before).toBeGreaterThan(0);
    // The list follows the map.
    expect((await visibleListIds(page)).length).toBe(await inViewCount(page));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters by type, theme, comune and open opportunities, and the count follows', async () => {
    const page = await openMap();
    const all = await inViewCount(page);
    await page.getByRole('group', { name: 'Tipo di luogo' }).getByLabel('Enti').check();
    const organizations = features.filter((f) => f.properties.type === 'organization').length;
    await expect.poll(() => inViewCount(page)).toBe(organizations);
    expect(organizations).toBeLessThan(all);
    expect(await page.locator('.leaflet-marker-pane .map-pin--practice').count()).toBe(0);
    expect(await page.locator('.leaflet-marker-pane .map-pin--organization').count()).toBeGreaterThan(0);
    await page.getByRole('group', { name: 'Tipo di luogo' }).getByLabel('Enti').uncheck();

    await page.getByLabel('Solo opportunità aperte').check();
    const open = features.filter((f) => f.properties.type === 'opportunity' && f.properties.open).length;
    await expect.poll(() => inViewCount(page)).toBe(open);
    const closedIds = features.filter((f) => f.properties.open === false).map((f) => f.id);
    expect(closedIds.length).toBeGreaterThan(0);
    expect((await visibleListIds(page)).filter((id) => closedIds.includes(id))).toEqual([]);
    await page.getByLabel('Solo opportunità aperte').uncheck();

    const theme = features[0]!.properties.themes[0]!;
    await page.getByLabel('Area tematica').selectOption(theme);
    await expect.poll(() => inViewCount(page)).toBe(features.filter((f) => f.properties.themes.includes(theme)).length);
    await page.getByLabel('Area tematica').selectOption('');

    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Santhià' });
    const santhia = features.filter((f) => f.properties.comune === 'Santhià').map((f) => f.id).sort();
    await expect.poll(async () => (await visibleListIds(page)).sort()).toEqual(santhia);
    await expect.poll(() => status(page).textContent()).toContain('che rispondono ai filtri');
    await page.context().close();
  });

  it('"Cerca in quest\'area" returns only places inside the box, with the text and the filters', async () => {
    const page = await openMap();
    // Bring Vercelli into view with the comune filter, then search the area for every comune.
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Vercelli' });
    await expect.poll(() => status(page).textContent()).toContain('che rispondono ai filtri');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Tutto il distretto' });
    await page.getByRole('button', { name: 'Cerca in quest’area' }).click();
    await expect.poll(() => page.locator('.map-explorer').getAttribute('data-area')).toBeTruthy();
    const box = ((await page.locator('.map-explorer').getAttribute('data-area')) ?? '').split(',').map(Number) as [number, number, number, number];
    const inside = (f: Feature) => {
      const [lng, lat] = f.geometry.coordinates;
      return lng >= box[0] && lng <= box[2] && lat >= box[1] && lat <= box[3];
    };
    await expect.poll(() => status(page).textContent()).toMatch(/trovat[oi] in quest’area/);
    const shown = await visibleListIds(page);
    expect(shown.length).toBeGreaterThan(0);
    const byId = new Map(features.map((f) => [f.id, f]));
    for (const id of shown) expect(inside(byId.get(id)!), id).toBe(true);
    // The box is smaller than the district: places outside it exist and are not shown.
    expect(features.filter((f) => !inside(f)).length).toBeGreaterThan(0);
    expect(await page.locator('path.map-area').count()).toBe(1);

    // With words: only what Meilisearch finds for them, still inside the box.
    const before = shown.length;
    await page.getByLabel('Parole da cercare (facoltativo)').fill('orti');
    await page.getByRole('button', { name: 'Cerca in quest’area' }).click();
    await expect.poll(() => status(page).textContent()).toContain('per «orti»');
    const withText = await visibleListIds(page);
    expect(withText.length).toBeLessThan(before);
    for (const id of withText) expect(inside(byId.get(id)!)).toBe(true);

    await page.getByRole('button', { name: 'Mostra di nuovo tutti i luoghi' }).click();
    await expect.poll(() => page.locator('path.map-area').count()).toBe(0);
    await page.context().close();
  });

  it('says in Italian that search is unreachable, and keeps the map working', async () => {
    const context = await offlineContext();
    await context.route(`${meili.url}/**`, (route) => route.abort('connectionrefused'));
    const page = await openMap(context);
    await page.getByRole('button', { name: 'Cerca in quest’area' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('La ricerca non è raggiungibile in questo momento');
    expect(await page.locator('.map-cluster').count()).toBeGreaterThan(0);
    expect(await inViewCount(page)).toBe(features.length);
    await context.close();
  });

  it('works from the keyboard: keys zoom the map, Tab reaches the places, Enter opens a popup link, Escape closes it', async () => {
    const page = await openMap();
    // The island's first tab stop skips its thirty-odd filter controls, straight to the map.
    const skip = 'Salta i filtri: vai ai luoghi sulla mappa';
    for (let i = 0; i < 40 && (await focusedInfo(page)).text !== skip; i++) await page.keyboard.press('Tab');
    expect((await focusedInfo(page)).text).toBe(skip);
    await page.keyboard.press('Enter');
    // The link moves the starting point of sequential focus to the map: one Tab (or none) lands on it.
    if ((await focusedInfo(page)).role !== 'region') await page.keyboard.press('Tab');
    expect((await focusedInfo(page)).cls).toContain('leaflet-container');
    const before = await inViewCount(page);
    await page.keyboard.press('Equal'); // Leaflet's zoom-in key (+ or =)
    await expect.poll(() => inViewCount(page)).toBeLessThan(before);

    // Tab to the first marker; Enter on a group zooms in and gives focus back to the map; repeat until a place.
    let info = await focusedInfo(page);
    for (let i = 0; i < 12 && !info.place; i++) {
      await page.keyboard.press('Tab');
      info = await focusedInfo(page);
      expect(info.cls).toMatch(/leaflet-marker-icon/);
      if (!info.place) {
        await page.keyboard.press('Enter');
        await expect.poll(async () => (await focusedInfo(page)).role).toBe('region');
      }
    }
    expect(info.place).not.toBe('');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusedInfo(page)).text).toMatch(/^Apri la scheda/);
    const link = await focusedInfo(page);
    const feature = features.find((f) => f.id === info.place)!;
    expect(link.href).toBe(feature.properties.url);
    expect(await page.locator('.leaflet-popup').textContent()).toContain(feature.properties.title);

    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(0);
    expect((await focusedInfo(page)).place).toBe(info.place);
    await page.context().close();
  });

  it('rings the place on the map when a list item gets focus', async () => {
    const page = await openMap();
    expect(await page.locator('path.map-halo').count()).toBe(0);
    await page.locator('#elenco-luoghi li[data-place-id] a').first().focus();
    await expect.poll(() => page.locator('path.map-halo').count()).toBe(1);
    await page.locator('#elenco-luoghi h2').click();
    await expect.poll(() => page.locator('path.map-halo').count()).toBe(0);
    await page.context().close();
  });

  it('has no axe violations, with a popup open', async () => {
    const page = await openMap();
    await page.locator('.map-marker').first().click();
    await page.locator('.leaflet-popup').waitFor();
    // Leaflet fades the popup in: measured half-faded, its link's contrast is the fade's, not the page's.
    await expect.poll(() => page.locator('.leaflet-popup').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.context().close();
  });

  it('leaves the list whole when the island fails', async () => {
    const context = await offlineContext();
    // A GeoJSON the map cannot draw (a feature without geometry) makes the island throw.
    await context.route(`${site.url}/dati-aperti/luoghi.geojson`, (route) =>
      route.fulfill({ contentType: 'application/geo+json', body: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'x', geometry: null, properties: {} }] }) }),
    );
    const page = await context.newPage();
    await page.goto(`${site.url}/mappa/`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('La mappa interattiva non è disponibile');
    expect(await page.locator('#elenco-luoghi li[data-place-id]:not([hidden])').count()).toBe(features.length);
    await context.close();
  });
});

describe('small maps', () => {
  it('show the places of a detail page and of a comune, with the address as text', async () => {
    const opportunity = features.find((f) => f.properties.type === 'opportunity')!;
    const page = await (await offlineContext()).newPage();
    await page.goto(`${site.url}${opportunity.properties.url}`);
    const figure = page.locator('figure.small-map');
    await figure.scrollIntoViewIfNeeded();
    // Single places and groups (places that would cover each other) add up to the entry's places.
    const drawn = async () =>
      (await page.locator('figure.small-map .map-marker').count()) +
      (await page.locator('figure.small-map .map-cluster-count').allTextContents()).reduce((n, t) => n + Number(t), 0);
    const expected = features.filter((f) => f.properties.url === opportunity.properties.url).length;
    await expect.poll(drawn, { timeout: 15_000 }).toBe(expected);
    expect(await figure.locator('.map-attribution').textContent()).toContain('OpenStreetMap');
    expect(await figure.locator('figcaption').textContent()).toContain(opportunity.properties.comune!);

    // A comune's places.
    await page.goto(`${site.url}/comuni/vercelli/`);
    await page.locator('figure.small-map').scrollIntoViewIfNeeded();
    await expect.poll(drawn, { timeout: 15_000 }).toBe(features.filter((f) => f.properties.comune === 'Vercelli').length);
    await page.context().close();
  });

  it('are absent, with no JavaScript at all, from a page without a place', () => {
    const dir = `${siteDir}/normativa`;
    const slug = fs.readdirSync(dir).find((d) => d !== 'pagina' && fs.existsSync(`${dir}/${d}/index.html`))!;
    const html = fs.readFileSync(`${dir}/${slug}/index.html`, 'utf8');
    expect(html).not.toContain('<figure class="small-map');
    expect(html).not.toMatch(/<script[^>]+src=|astro-island/);
  });
});

describe('the map of needs (/bisogni/)', () => {
  async function openNeeds(pathname: string, context?: BrowserContext): Promise<Page> {
    const page = await (context ?? (await offlineContext())).newPage();
    await page.goto(`${site.url}${pathname}`);
    await page.locator('.need-map[data-ready="true"]').waitFor();
    return page;
  }
  const tableRows = (page: Page) =>
    page.locator('#tabella-bisogni tbody tr').evaluateAll((rows) => rows.map((r) => ({ istat: (r as HTMLElement).dataset.istat ?? '', text: r.querySelector('[data-people]')?.textContent?.trim() ?? '' })));
  const symbols = (page: Page) =>
    page.locator('.leaflet-marker-pane .need-symbol').evaluateAll((els) => els.map((e) => ({ istat: (e as HTMLElement).dataset.istat ?? '', text: (e as HTMLElement).dataset.text ?? '', spoken: e.textContent ?? '' })));

  it('draws one proportional symbol per row of its table twin, with the same figure; suppressed ones read «meno di N»', async () => {
    for (const pathname of ['/bisogni/casa/', '/bisogni/tutte/2025-t1/', '/bisogni/violenza/']) {
      const page = await openNeeds(pathname);
      const rows = await tableRows(page);
      const drawn = await symbols(page);
      expect(rows.length, pathname).toBeGreaterThan(0);
      const byIstat = (list: { istat: string; text: string }[]) => [...list].map(({ istat, text }) => ({ istat, text })).sort((a, b) => a.istat.localeCompare(b.istat));
      expect(byIstat(drawn), pathname).toEqual(byIstat(rows));
      for (const d of drawn) {
        expect(d.text, pathname).not.toBe('0');
        if (d.text.startsWith('meno di')) expect(d.spoken).toMatch(/: meno di \d+$/);
      }
      // Bigger figures, bigger symbols.
      const sizes = await page.locator('.leaflet-marker-pane .need-symbol:not(.need-symbol--suppressed)').evaluateAll((els) =>
        els.map((e) => ({ n: Number(((e as HTMLElement).dataset.text ?? '').replace(/\./g, '')), w: (e as HTMLElement).offsetWidth })),
      );
      const sorted = [...sizes].sort((a, b) => a.n - b.n);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.w).toBeGreaterThanOrEqual(sorted[i - 1]!.w);
      await page.context().close();
    }
    const page = await openNeeds('/bisogni/violenza/');
    expect((await symbols(page)).some((s) => s.text.startsWith('meno di'))).toBe(true);
    await page.context().close();
  });

  it('is complete without JavaScript: the table, the choices and the notice', async () => {
    const context = await offlineContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}/bisogni/casa/`);
    expect(await page.locator('#tabella-bisogni tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.leaflet-container').count()).toBe(0);
    expect(await page.getByRole('note').textContent()).toContain('Dati sintetici dimostrativi');
    expect(await page.getByRole('navigation', { name: 'Scegli il trimestre' }).getByRole('link').count()).toBeGreaterThan(1);
    await context.close();
  });

  it('chooses a category and a quarter with the keyboard, then reaches a comune on the map and opens it', async () => {
    const page = await openNeeds('/bisogni/tutte/');
    const focused = () => page.evaluate(() => ({ text: document.activeElement?.textContent?.trim() ?? '', cls: (document.activeElement as HTMLElement | null)?.className ?? '', role: document.activeElement?.getAttribute('role') ?? '' }));
    const tabTo = async (text: string) => {
      for (let i = 0; i < 80 && (await focused()).text !== text; i++) await page.keyboard.press('Tab');
      expect((await focused()).text).toBe(text);
    };
    await tabTo('Casa');
    await Promise.all([page.waitForURL(/\/bisogni\/casa\/$/), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Mappa dei bisogni: Casa');
    const older = (await page.getByRole('navigation', { name: 'Scegli il trimestre' }).getByRole('link').nth(1).textContent())?.trim() ?? '';
    await tabTo(older);
    await Promise.all([page.waitForURL(/\/bisogni\/casa\/\d{4}-t\d\/$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('navigation', { name: 'Scegli il trimestre' }).locator('[aria-current="page"]').textContent()).toBe(older);
    expect(await page.getByRole('navigation', { name: 'Scegli il bisogno' }).locator('[aria-current="page"]').textContent()).toBe('Casa');
    expect(await page.locator('caption#tabella-comuni').textContent()).toContain(older);

    // On to the map: Tab reaches the symbols, Enter opens the popup's link, Escape gives focus back.
    await page.locator('.need-map[data-ready="true"]').waitFor();
    for (let i = 0; i < 120 && !(await focused()).cls.includes('need-symbol-host'); i++) await page.keyboard.press('Tab');
    const marker = await focused();
    expect(marker.cls).toContain('need-symbol-host');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused()).text).toMatch(/^Apri la pagina del comune/);
    const comune = marker.text.split(':')[0]!;
    expect(await page.locator('.leaflet-popup').textContent()).toContain(comune);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.leaflet-popup').count()).toBe(0);
    expect((await focused()).cls).toContain('need-symbol-host');
    await page.context().close();
  });

  it('has no axe violations, with a popup open', async () => {
    const page = await openNeeds('/bisogni/casa/');
    await page.locator('.leaflet-marker-pane .need-symbol-host').last().click();
    await page.locator('.leaflet-popup').waitFor();
    // Leaflet fades the popup in: measured half-faded, its link's contrast is the fade's, not the page's.
    await expect.poll(() => page.locator('.leaflet-popup').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    await page.context().close();
  });
});
