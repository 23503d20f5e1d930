/**
 * «Il mio profilo di opportunità» (/per-te/) on a phone, as a citizen answers it: with JavaScript on, the
 * results appear in the page, each with why it fits, and no request the page makes after loading carries an
 * answer (the catalogue file it fetches holds none, the address keeps them in its fragment); with JavaScript
 * off, the same form goes to the CMS (GET /api/per-te), whose page lists the same results under the same
 * headings. Real Strapi on the seeded demo, the site built against it and served with its
 * Content-Security-Policy; no request leaves loopback.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { phonePage } from '../support/browser.ts';
import { send } from '../support/http.ts';
import { browser, cms, site } from '../support/public-stack.ts';

/** A young person in Vercelli, looking for work, with a disability, interested in work and inclusion. */
const ANSWERS = { comune: { code: '002158', name: 'Vercelli' }, age: { code: '18-29', label: 'Da 18 a 29 anni' }, situations: [{ code: 'lavoro', label: 'Cerco lavoro' }, { code: 'disabilita', label: 'Ho una disabilità' }], theme: { code: 'lavoro-inclusione', label: 'Lavoro e inclusione' } };
/** Every value the answers send, as the query would carry them. */
const SECRETS = [ANSWERS.comune.code, ANSWERS.age.code, ...ANSWERS.situations.map((s) => s.code), ANSWERS.theme.code];

/** Ticks a checkbox or radio as a pointer user does: on the site Bootstrap Italia draws it on the label, which takes the click. */
const tick = (page: Page, label: string) => page.locator(`label:text-is("${label}")`).click();

async function open(page: Page): Promise<void> {
  await page.goto(`${site.url}/per-te/`);
  await page.getByRole('heading', { level: 1, name: 'Il mio profilo di opportunità' }).waitFor();
}

async function answer(page: Page): Promise<void> {
  await page.getByLabel('Il tuo comune').selectOption({ label: ANSWERS.comune.name });
  await tick(page, ANSWERS.age.label);
  for (const s of ANSWERS.situations) await tick(page, s.label);
  await tick(page, ANSWERS.theme.label);
  expect(await page.getByLabel(ANSWERS.theme.label, { exact: true }).isChecked()).toBe(true);
}

const follow = (page: Page) => page.getByRole('link', { name: 'Ricevi per e-mail le nuove opportunità per te' }).getAttribute('href');

/** What the reader sees: the count, then each group's heading with the titles under it. */
async function results(page: Page, groups: string, titles: string): Promise<{ count: string; groups: string[]; titles: string[] }> {
  return { count: (await page.locator('[role="status"]').last().innerText()).trim(), groups: await page.locator(groups).allInnerTexts(), titles: await page.locator(titles).allInnerTexts() };
}

describe('my profile of opportunities (/per-te/)', () => {
  it('answers in the browser, sending no answer anywhere, and the CMS gives the same list without JavaScript', { timeout: 180_000 }, async () => {
    const page = await phonePage(browser, true);
    const requests: string[] = [];
    await open(page);
    page.on('request', (request) => requests.push(`${request.method()} ${request.url()} ${request.postData() ?? ''}`));
    await answer(page);
    await page.getByRole('button', { name: 'Mostra cosa c’è per te' }).click();
    await expect.poll(() => page.locator('[data-profile-status]').innerText()).toMatch(/^\d+ risultati per te$/);

    const inBrowser = await results(page, '.profile-results h2', '.profile-results h3');
    expect(inBrowser.titles.length).toBe(Number(inBrowser.count.split(' ')[0]));
    expect(inBrowser.groups).toEqual(expect.arrayContaining(['Norme che ti danno diritti', 'Luoghi vicino a Vercelli']));
    expect(inBrowser.titles).toContain('Legge 5 febbraio 1992, n. 104 – Legge quadro su assistenza, integrazione sociale e diritti delle persone con disabilità');
    // Closed on 10 November: it fits every answer but its deadline.
    expect(inBrowser.titles).not.toContain('Educatore professionale per il portierato sociale');
    const law = page.locator('.profile-results li', { hasText: 'Legge 5 febbraio 1992, n. 104' });
    expect(await law.locator('.profile-reason').innerText()).toBe('Per persone con disabilità · in tutto il distretto');
    const reasons = await page.locator('.profile-results .profile-reason').allInnerTexts();
    expect(reasons.length).toBe(inBrowser.titles.length);
    expect(reasons.some((r) => r.includes('Per chi cerca lavoro') && r.includes('a Vercelli'))).toBe(true);

    // The page asked for the catalogue once answering began, and no request after loading carries an answer.
    expect(requests.some((r) => r.startsWith(`GET ${site.url}/per-te/catalogo.json`))).toBe(true);
    for (const request of requests) for (const secret of SECRETS) expect(request, `${request} carries «${secret}»`).not.toContain(secret);
    const address = new URL(page.url());
    expect(address.search).toBe('');
    expect(address.hash).toBe(`#comune=002158&eta=18-29&situazione=lavoro&situazione=disabilita&tema=lavoro-inclusione`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    fs.mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/cittadino-profilo.png', fullPage: true });

    // A reload shows the same answers and results again, from the fragment.
    await page.reload();
    await expect.poll(() => page.locator('[data-profile-status]').innerText()).toBe(inBrowser.count);
    expect(await page.getByLabel('Ho una disabilità', { exact: true }).isChecked()).toBe(true);
    expect(await page.locator('.profile-results h3').allInnerTexts()).toEqual(inBrowser.titles);
    // Followed by e-mail: the comune and the first situation's people.
    const followed = await follow(page);
    expect(followed).toMatch(/\/api\/iscrizioni\?tipo=opportunity&comune=002158&destinatari=persone-disoccupate$/);
    await page.context().close();

    const plain = await phonePage(browser, false);
    await open(plain);
    await answer(plain);
    await Promise.all([plain.waitForURL(`${cms.url}/api/per-te?**`), plain.getByRole('button', { name: 'Mostra cosa c’è per te' }).click()]);
    await plain.getByRole('heading', { level: 1, name: 'Il mio profilo di opportunità' }).waitFor();
    const fromCms = await results(plain, 'section.group h2', 'ol.results h3');
    expect(fromCms).toEqual(inBrowser);
    expect(await plain.locator('ol.results h3 a').first().getAttribute('href')).toMatch(new RegExp(`^${site.url}/`));
    expect(await plain.getByLabel('Ho una disabilità', { exact: true }).isChecked()).toBe(true);
    expect((await follow(plain))!.replace(/^.*\?/, ''), 'followed with the same filters without JavaScript').toBe(followed!.replace(/^.*\?/, ''));
    expect(await plain.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await plain.context().close();
  });

  it('is served private by the CMS: never cached, never indexed, no referrer, and says what it ignored', async () => {
    const res = await send(`${cms.url}/api/per-te?comune=999999&situazione=lavoro`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.text).toContain('Il comune con codice «999999» non è tra i comuni del distretto');
  });
});
