/**
 * The search page in Chromium, as a citizen uses it: typing, facets, the URL, the back button, the
 * keyboard, and the message when the search server cannot be reached; the CMS's results page without
 * JavaScript, and the reduced results when Meilisearch is down. Real Meilisearch, real CMS, the site
 * built with the search-only key; no network beyond loopback.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { layoutShift } from '../support/layout-shift.ts';
import { browser, cms, DRAFT_EDIT_WORD, DRAFT_WORD, meili, site, siteDir } from '../support/public-stack.ts';

async function openSearch(query = ''): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome' });
  // No request leaves loopback: anything else fails the test.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${site.url}/cerca/${query}`);
  await page.getByRole('heading', { name: 'Risultati' }).waitFor();
  return page;
}

const status = (page: Page) => page.getByRole('status').first();
const resultTitles = (page: Page) => page.locator('.result h3').allTextContents();
const count = async (page: Page, legend: string, label: string) => {
  const text = await page.getByRole('group', { name: legend }).getByText(label, { exact: false }).first().locator('..').textContent();
  return Number(/\((\d+)\)/.exec(text ?? '')?.[1]);
};

describe('the search page', () => {
  it('runs under the site\'s Content-Security-Policy, with no inline script allowed but by hash', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
    const response = await page.goto(`${site.url}/cerca/?q=orti`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toMatch(/script-src 'self' 'sha256-/);
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain(`connect-src 'self' ${meili.url}`);
    await expect.poll(() => page.locator('.result h3').count()).toBeGreaterThan(0);
    expect(violations).toEqual([]);
    await context.close();
    // The page carries the search-only key, never the master key.
    expect(fs.readFileSync(`${siteDir}/cerca/index.html`, 'utf8')).not.toContain(meili.masterKey);
  });

  it('shows results as you type, with the matches highlighted, and says how many', async () => {
    const page = await openSearch();
    await page.getByLabel('Cosa cerchi?').fill('orti sociali');
    await expect.poll(() => resultTitles(page)).toContain('Orti sociali nella cascina di Caresana');
    await expect.poll(() => status(page).textContent()).toMatch(/^\d+ risultat[oi] per «orti sociali»\.$/);
    expect(await page.locator('.result h3 mark').first().textContent()).toMatch(/orti/i);
    expect(page.url()).toContain('q=orti+sociali');
    await page.context().close();
  });

  it('filters by a facet, updates the other counts and the URL, and the back button undoes it', async () => {
    const page = await openSearch('?q=anziani');
    await expect.poll(() => resultTitles(page)).not.toHaveLength(0);
    const allResults = Number(/^(\d+)/.exec((await status(page).textContent()) ?? '')?.[1]);
    const opportunities = await count(page, 'Tipo di contenuto', 'Opportunità');
    expect(opportunities).toBeGreaterThan(0);
    expect(opportunities).toBeLessThan(allResults);

    await page.getByRole('group', { name: 'Tipo di contenuto' }).getByLabel(/Opportunità/).check();
    await expect.poll(() => status(page).textContent()).toMatch(new RegExp(`^${opportunities} risultat`));
    expect(page.url()).toContain('tipo=opportunity');
    // Other facets now count only opportunities; the type facet still offers the other types.
    expect(await count(page, 'Tipo di contenuto', 'Buone prassi')).toBeGreaterThan(0);
    const kinds = await page.getByRole('group', { name: 'Genere' }).locator('.count').allTextContents();
    const kindTotal = kinds.map((k) => Number(/\d+/.exec(k)?.[0])).reduce((a, b) => a + b, 0);
    expect(kindTotal).toBe(opportunities);
    // The search can be followed by e-mail, with its section and words, as the page without JavaScript offers.
    const follow = page.getByRole('link', { name: 'Ricevi per e-mail le novità di questa ricerca' });
    expect(await follow.getAttribute('href')).toMatch(/\/api\/iscrizioni\?tipo=opportunity&parole=anziani$/);

    await page.goBack();
    await expect.poll(() => status(page).textContent()).toMatch(new RegExp(`^${allResults} risultat`));
    expect(page.url()).not.toContain('tipo=');
    expect(await follow.getAttribute('href')).toMatch(/\/api\/iscrizioni\?parole=anziani$/);
    await page.context().close();
  });

  it('shortens a long facet to the values with most results, and «Mostra tutti» opens the whole list', async () => {
    const page = await openSearch();
    const comuni = page.getByRole('group', { name: 'Comune' });
    await expect.poll(() => comuni.getByRole('checkbox').count()).toBe(8);
    const more = comuni.getByRole('button', { name: /^Mostra tutti \((\d+)\)$/ });
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const all = Number(/\((\d+)\)/.exec((await more.textContent()) ?? '')?.[1]);
    expect(all).toBeGreaterThan(20);
    await more.click();
    expect(await comuni.getByRole('checkbox').count()).toBe(all);
    expect(await comuni.getByRole('button', { name: 'Mostra meno' }).getAttribute('aria-expanded')).toBe('true');
    await page.context().close();
  });

  it('keeps only open opportunities, and shows closed ones as closed', async () => {
    const page = await openSearch('?tipo=opportunity');
    await expect.poll(() => page.locator('.result-state', { hasText: 'Chiusa il' }).count()).toBeGreaterThan(0);
    await page.getByLabel('Solo opportunità aperte').check();
    await expect.poll(() => page.locator('.result-state', { hasText: 'Chiusa il' }).count()).toBe(0);
    expect(await page.locator('.result-state', { hasText: 'Aperta fino al' }).count()).toBeGreaterThan(0);
    expect(page.url()).toContain('aperte=1');
    await page.context().close();
  });

  it('finds places near a comune', async () => {
    const page = await openSearch();
    await page.getByLabel('Vicino a un comune').selectOption({ label: 'Alagna Valsesia' });
    await expect.poll(() => status(page).textContent()).toMatch(/vicino a Alagna Valsesia\.$/);
    // The status names the comune as soon as it is chosen; the results follow when Meilisearch answers.
    await expect.poll(async () => (await page.locator('.result-place').allTextContents()).join(' '), { timeout: 15_000 }).not.toMatch(/Vercelli|Santhià|Trino/); // all far more than 15 km away
    expect(await page.locator('.result-place').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('works from the keyboard alone', async () => {
    const page = await openSearch();
    const focused = () => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.id ?? ''} ${document.activeElement?.textContent ?? ''}`);
    await page.keyboard.press('Tab');
    expect(await focused()).toContain('Vai al contenuto');
    // The skip link jumps past the header; past the breadcrumb's Home link, Tab reaches the page's own search field.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^A .*Home/);
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^INPUT (?!site-search)/);
    await page.keyboard.type('bici');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Risultati');
    await expect.poll(() => resultTitles(page)).toEqual(expect.arrayContaining([expect.stringMatching(/bici/i)]));
    await page.context().close();
  });

  it('says so in Italian, and offers the lists, when neither the search server nor the CMS can be reached', async () => {
    const context = await browser.newContext({ locale: 'it-IT' });
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    await context.route(`${meili.url}/**`, (route) => route.abort('connectionrefused'));
    await context.route(`${cms.url}/api/cerca**`, (route) => route.abort('connectionrefused'));
    const page = await context.newPage();
    await page.goto(`${site.url}/cerca/?q=orti`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('La ricerca non è disponibile in questo momento');
    expect(await alert.getByRole('link', { name: 'Opportunità' }).getAttribute('href')).toBe('/opportunita/');
    await context.close();
  });
});

describe('layout shift on a phone', () => {
  it('stays at or under 0.05 (CLS) on the home, a list, a detail page, /cerca/ and /mappa/, with the fonts arriving late', { timeout: 120_000 }, async () => {
    const practice = fs.readdirSync(`${siteDir}/buone-prassi`).find((f) => fs.existsSync(`${siteDir}/buone-prassi/${f}/index.html`) && f !== 'pagina');
    const pages = ['/', '/buone-prassi/', `/buone-prassi/${practice}/`, '/cerca/?q=orti', '/mappa/'];
    const measured: Record<string, number> = {};
    const shifts: Record<string, string[]> = {};
    for (const pathname of pages) {
      const result = await layoutShift(browser, `${site.url}${pathname}`);
      expect(result.webFontLoaded, pathname).toBe(true);
      measured[pathname] = Number(result.cls.toFixed(4));
      shifts[pathname] = result.shifts;
    }
    for (const pathname of pages) expect(measured[pathname], `${pathname}: ${JSON.stringify(shifts[pathname])}`).toBeLessThanOrEqual(0.05);
  });
});

/** A page of the CMS's search route as a browser with no JavaScript gets it. */
async function noScriptPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'it-IT', javaScriptEnabled: false });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  return context.newPage();
}

const cerca = async (query: string, accept = 'application/json') => {
  const res = await fetch(`${cms.url}/api/cerca${query}`, { headers: { accept } });
  return { status: res.status, text: await res.text() };
};

describe('search without JavaScript', () => {
  it('submits the /cerca/ form to the CMS, which answers the results as an Italian page linking to the site', async () => {
    const page = await noScriptPage();
    await page.goto(`${site.url}/cerca/`);
    const form = page.locator('main form[role="search"]');
    await form.getByLabel('Cosa cerchi?').fill('riparazione');
    await form.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(`${cms.url}/api/cerca?q=riparazione`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Risultati per «riparazione»');
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    const links = page.locator('ol.results h2 a');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().getAttribute('href')).toMatch(new RegExp(`^${site.url}/`));
    expect(await page.getByText('Risultati ridotti').count()).toBe(0);
    // Refining keeps the words and filters by type.
    await page.getByLabel('Tipo di contenuto').selectOption({ label: 'Laboratori' });
    await page.getByRole('button', { name: 'Cerca' }).click();
    await page.waitForURL(/tipo=workshop/);
    expect(await page.locator('ol.results .type').allTextContents()).toEqual(expect.arrayContaining(['Laboratorio']));
    expect(new Set(await page.locator('ol.results .type').allTextContents())).toEqual(new Set(['Laboratorio']));
    await page.context().close();
  });

  it('refuses a query too long or an unknown type with a clear Italian page, and JSON for the island', async () => {
    const long = await cerca(`?q=${'a'.repeat(201)}`, 'text/html');
    expect(long.status).toBe(400);
    expect(long.text).toContain('La ricerca è troppo lunga: al massimo 200 caratteri (ne hai scritti 201).');
    const type = await cerca('?q=orti&tipo=submission', 'text/html');
    expect(type.status).toBe(400);
    expect(type.text).toContain('Tipo di contenuto sconosciuto: «submission»');
    const json = JSON.parse((await cerca('?tipo=segreto')).text);
    expect(json.error).toMatchObject({ status: 400, name: 'ValidationError' });
  });

  it('never shows a draft, nor the draft text of a published entry, and answers public fields only', async () => {
    for (const word of [DRAFT_WORD, DRAFT_EDIT_WORD]) {
      const { data } = JSON.parse((await cerca(`?q=${word}`)).text);
      expect(data.totalHits).toBe(0);
    }
    const { data } = JSON.parse((await cerca('?q=orti')).text);
    expect(data.hits.length).toBeGreaterThan(0);
    for (const hit of data.hits) expect(Object.keys(hit).sort()).toEqual(['deadline', 'municipalityNames', 'nextSession', 'summary', 'title', 'type', 'url']);
  });
});

describe('with Meilisearch stopped', () => {
  beforeAll(async () => {
    await meili.kill();
  });
  afterAll(async () => {
    await meili.restart();
  });

  it('the page without JavaScript still finds a published title, and says the results are reduced', async () => {
    const page = await noScriptPage();
    await page.goto(`${cms.url}/api/cerca?q=orti+sociali`);
    expect(await page.getByRole('status').textContent()).toMatch(/^Risultati ridotti: il motore di ricerca non è raggiungibile/);
    expect(await page.locator('ol.results h2 a').allTextContents()).toContain('Orti sociali nella cascina di Caresana');
    await page.context().close();
  });

  it('the island falls back to the same search and says the results are reduced', async () => {
    const page = await openSearch('?q=orti');
    await expect.poll(() => resultTitles(page), { timeout: 15_000 }).toContain('Orti sociali nella cascina di Caresana');
    expect(await page.locator('.search-reduced').textContent()).toMatch(/^Risultati ridotti/);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.context().close();
  });

  it('finds entries holding either of two words, those with more of them first, and forgives a slip', async () => {
    // No entry holds both words: each is found, never nothing.
    const either = JSON.parse((await cerca('?q=orti+puncetto')).text).data;
    const titles: string[] = either.hits.map((h: { title: string }) => h.title);
    expect(titles, titles.join(' | ')).toContain('Orti sociali nella cascina di Caresana');
    expect(titles.some((t) => /puncetto/i.test(t)), titles.join(' | ')).toBe(true);
    const slip = JSON.parse((await cerca('?q=riparazone+biciclette&tipo=workshop')).text).data;
    expect(slip.hits.length, 'a workshop for «riparazone biciclette»').toBeGreaterThan(0);
    expect(slip.hits[0].title).toMatch(/bici|ciclofficina/i);
  });

  it('still never shows drafts, and filters by type and comune', async () => {
    for (const word of [DRAFT_WORD, DRAFT_EDIT_WORD]) expect(JSON.parse((await cerca(`?q=${word}`)).text).data).toMatchObject({ totalHits: 0, reduced: true });
    const { data } = JSON.parse((await cerca('?q=orti&tipo=practice&comune=Caresana')).text);
    expect(data.reduced).toBe(true);
    expect(data.hits.map((h: { title: string }) => h.title)).toContain('Orti sociali nella cascina di Caresana');
    for (const hit of data.hits) expect(hit).toMatchObject({ type: 'practice', municipalityNames: expect.arrayContaining(['Caresana']) });
  });
});

describe('a citizen on a phone (390 × 844)', () => {
  const phone = async (javaScriptEnabled = true): Promise<Page> => {
    const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, javaScriptEnabled });
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    return context.newPage();
  };

  it('reaches an open opportunity from the home page in two taps', async () => {
    const page = await phone();
    await page.goto(`${site.url}/`);
    await page.getByRole('link', { name: 'Opportunità aperte' }).first().tap();
    await page.waitForURL(`${site.url}/opportunita/`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Opportunità');
    const first = page.locator('main .it-card').first();
    expect(await first.locator('.state-line').getAttribute('class')).toContain('is-open');
    const title = (await first.locator('.it-card-title a').textContent())!;
    await first.locator('.it-card-title a').tap();
    // The tap starts a navigation: the heading is read once the opportunity's page has loaded.
    await page.waitForURL((url) => url.pathname !== '/opportunita/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.locator('main').textContent()).toMatch(/Aperta fino al/);
    fs.mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/cittadino-opportunita-aperta.png' });
    await page.context().close();
  });

  it('lands on results from the header search box without JavaScript', async () => {
    const page = await phone(false);
    await page.goto(`${site.url}/laboratori/`);
    await page.locator('header').getByLabel('Cerca nel sito').fill('riparazione biciclette');
    await page.locator('header').getByRole('button', { name: 'Cerca' }).tap();
    await page.waitForURL(/\/api\/cerca\?q=riparazione\+biciclette/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Risultati per «riparazione biciclette»');
    expect(await page.locator('ol.results h2 a').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('filters a section list by comune without JavaScript, and reaches a theme’s part of that section', async () => {
    const page = await phone(false);
    await page.goto(`${site.url}/opportunita/`);
    await page.getByText('Filtra le schede').tap();
    const filters = page.locator('details.section-filters');
    await filters.getByLabel('Comune').selectOption({ value: 'Vercelli' });
    await filters.getByRole('button', { name: 'Cerca tra le opportunità' }).tap();
    await page.waitForURL(/\/api\/cerca\?tipo=opportunity&q=&comune=Vercelli/);
    // Opportunities only, and fewer than the section holds: the comune filtered them.
    const links = await page.locator('ol.results h2 a').evaluateAll((all) => all.map((a) => (a as HTMLAnchorElement).pathname));
    expect(links.length).toBeGreaterThan(0);
    for (const href of links) expect(href).toMatch(/^\/opportunita\/[^/]+\/$/);
    const shown = Number(/^(\d+)/.exec((await page.getByText(/^\d+ risultat/).first().textContent()) ?? '')?.[1]);
    const all = Number(/(\d+) schede/.exec(fs.readFileSync(`${siteDir}/opportunita/index.html`, 'utf8'))?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);

    await page.goto(`${site.url}/opportunita/`);
    await page.getByText('Filtra le schede').tap();
    const theme = page.locator('.section-filter-themes a').first();
    const name = (await theme.textContent()) ?? '';
    await theme.tap();
    await page.waitForURL(/\/temi\/[^/]+\/#gruppo-opportunity$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.locator('#gruppo-opportunity').count()).toBe(1);
    await page.context().close();
  });

  // Two typos Meilisearch cannot forgive in «viciclete» (one on the first letter counts double): it answers
  // the repairs of «riparazone» alone, and no result holds both words.
  it('is offered «Forse cercavi» when typos lose a word, and finds the bicycle workshop by following it', async () => {
    const page = await phone();
    await page.goto(`${site.url}/cerca/`);
    // Typed once the island has hydrated (under load it may come seconds after the page), as a citizen would.
    await page.waitForFunction(() => document.querySelector('astro-island[ssr]') === null, undefined, { timeout: 60_000 });
    const field = page.getByLabel('Cosa cerchi?');
    await field.fill('riparazone viciclete');
    const region = status(page);
    const suggestion = region.getByRole('link', { name: 'riparazione biciclette' });
    await expect.poll(() => suggestion.count(), { timeout: 30_000 }).toBe(1);
    expect(await region.textContent()).toMatch(/^\d+ risultat[oi] per «riparazone viciclete»\.Forse cercavi: riparazione biciclette\?$/);
    // Announced, not focused: the citizen can go on typing.
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await suggestion.getAttribute('href')).toBe('?q=riparazione+biciclette');
    const bicycles = /bici|ciclofficina/i;
    expect((await resultTitles(page)).slice(0, 3).join(' | ')).not.toMatch(bicycles);
    await page.screenshot({ path: 'screenshots/cittadino-forse-cercavi.png' });

    await suggestion.tap();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Risultati');
    expect(page.url()).toContain('?q=riparazione+biciclette');
    expect(await field.inputValue()).toBe('riparazione biciclette');
    await expect.poll(async () => (await resultTitles(page)).slice(0, 3).join(' | '), { timeout: 15_000 }).toMatch(bicycles);
    expect(await region.textContent()).toMatch(/^\d+ risultat[oi] per «riparazione biciclette»\.$/);
    expect(await resultTitles(page)).toContain('La tua bici in ordine: manutenzione di base');
    await page.context().close();
  });

  it('is offered the same correction without JavaScript, from the header search box', async () => {
    const page = await phone(false);
    await page.goto(`${site.url}/laboratori/`);
    await page.locator('header').getByLabel('Cerca nel sito').fill('riparazone viciclete');
    await page.locator('header').getByRole('button', { name: 'Cerca' }).tap();
    await page.waitForURL(/\/api\/cerca\?q=riparazone\+viciclete$/);
    expect(await page.locator('main').textContent()).toContain('Forse cercavi: riparazione biciclette?');
    await page.getByRole('link', { name: 'riparazione biciclette' }).tap();
    await page.waitForURL(/\/api\/cerca\?q=riparazione\+biciclette$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Risultati per «riparazione biciclette»');
    expect(await page.locator('ol.results h2 a').allTextContents()).toContain('La tua bici in ordine: manutenzione di base');
    expect(await page.getByText('Forse cercavi').count()).toBe(0);
    await page.context().close();
  });

  it('fetches the vocabulary only when a search needs it (a small file: its size is printed)', async () => {
    const file = fs.readFileSync(`${siteDir}/cerca/vocabolario.json`);
    const { words } = JSON.parse(file.toString('utf8')) as { words: [string, number][] };
    expect(words.map(([w]) => w)).toEqual(expect.arrayContaining(['biciclette', 'riparazione', 'santhià']));
    console.log(`/cerca/vocabolario.json: ${words.length} words, ${file.length} bytes, ${zlib.gzipSync(file).length} bytes gzipped`);
    const page = await phone();
    const fetched: string[] = [];
    page.on('request', (request) => request.url().endsWith('/cerca/vocabolario.json') && fetched.push(request.url()));
    await page.goto(`${site.url}/cerca/?q=orti`);
    await expect.poll(() => resultTitles(page)).toContain('Orti sociali nella cascina di Caresana');
    expect(fetched).toEqual([]);
    await page.context().close();
  });

  it('finds the bicycle workshops for two words with a typo in one', async () => {
    const page = await phone();
    await page.goto(`${site.url}/cerca/?q=${encodeURIComponent('riparazone biciclette')}`);
    await expect.poll(async () => (await resultTitles(page)).slice(0, 3).join(' | '), { timeout: 15_000 }).toMatch(/bici|ciclofficina/i);
    await page.screenshot({ path: 'screenshots/cittadino-ricerca-con-errore.png' });
    await page.context().close();
  });
});
