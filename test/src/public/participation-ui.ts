/**
 * The participation forms in Chromium, as a citizen uses them: a proposal sent from the keyboard alone
 * (errors first, then corrected, then the receipt and its status), a report with a point placed on the
 * map with the tiles blocked, a rating from a detail page, and the same forms with JavaScript off
 * (post → confirmation page → receipt). Real Strapi with the demo content, the site built against it
 * and served with its Content-Security-Policy; no request leaves loopback.
 */
import fs from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { buildSite } from '../support/site.ts';
import { browser, cms, PRIVATE_COMMENT, RATED, rated, site, siteDir, siteEnv } from '../support/public-stack.ts';

const SUBMISSION = 'api::submission.submission';
const UNRATED = 'housing-first-vercelli';

interface Stored {
  receipt: string;
  kind: string;
  state: string;
  title?: string | null;
  description?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  targetType?: string | null;
  targetDocumentId?: string | null;
  stars?: number | null;
  comune?: { istatCode: string } | null;
}

const stored = async (receipt: string): Promise<Stored | null> =>
  (await cms.strapi.db.query(SUBMISSION as never).findOne({ where: { receipt }, populate: { comune: true } })) as Stored | null;
const storedCount = async () => cms.strapi.db.query(SUBMISSION as never).count({});

/** A browser context that reaches only loopback (map tiles included: they fail) and records CSP violations. */
async function open(path: string, options: { javaScript?: boolean } = {}): Promise<{ page: Page; context: BrowserContext; violations: string[] }> {
  const context = await browser.newContext({ locale: 'it-IT', timezoneId: 'Europe/Rome', javaScriptEnabled: options.javaScript ?? true });
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => message.text().includes('Content Security Policy') && violations.push(message.text()));
  await page.goto(`${site.url}${path}`);
  // Hydrated islands mark themselves ready (the rating form hydrates when scrolled into view).
  if (options.javaScript !== false && (await page.locator('.participation').count()) > 0) {
    await page.locator('.participation').first().scrollIntoViewIfNeeded();
    await page.locator('.participation[data-ready]').first().waitFor();
  }
  return { page, context, violations };
}

const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

/** Presses Tab until the element with this id has the focus, as a keyboard user would. */
async function tabTo(page: Page, id: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focusedId(page)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

const describedBy = (page: Page, id: string) =>
  page.evaluate((target) => {
    const ids = document.getElementById(target)?.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
    return ids.map((i) => document.getElementById(i)?.textContent ?? '').join(' ');
  }, id);

/** Ticks a checkbox or radio as a pointer user does: Bootstrap Italia draws it on the label, which takes the click. */
const tick = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

const RECEIPT = /[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/;

describe('proposing from the keyboard alone', () => {
  it('shows the errors first, linked to their fields and announced, then sends and gives a receipt whose status is «Ricevuta»', async () => {
    const { page, context, violations } = await open('/partecipa/proponi/');
    const before = await storedCount();

    // 1. Sent empty: the summary takes the focus, links every field, the fields say what is wrong.
    await tabTo(page, 'proposta-target');
    await tabTo(page, 'proposta-consent');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Invia la proposta');
    await page.keyboard.press('Enter');
    const summary = page.locator('.participation-summary');
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('participation-summary'))).toBe(true);
    const links = await summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual(['#proposta-target', '#proposta-title', '#proposta-description', '#proposta-consent']);
    expect(await page.locator('.participation [role="status"]').textContent()).toBe('Invio non riuscito: ci sono 4 errori da correggere.');
    expect(await page.locator('#proposta-title').getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, 'proposta-title')).toContain('Scrivi un titolo per la proposta.');
    expect(await storedCount()).toBe(before);

    // 2. From the summary, each link leads to its field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('proposta-target');
    await page.keyboard.press('Space'); // "Una buona prassi"
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('proposta-title');
    // Markup in the text: only the server refuses it, and its message lands on the field.
    await page.keyboard.type('<b>Orto</b> condiviso di via Roma');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Un orto curato da pensionati e ragazzi del quartiere, con una giornata aperta ogni mese.');
    await tabTo(page, 'proposta-consent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => summary.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['#proposta-title']);
    expect(await summary.textContent()).toMatch(/testo semplice/);
    expect(await focusedId(page)).toBe('');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('participation-summary'))).toBe(true);
    expect(await describedBy(page, 'proposta-title')).toMatch(/testo semplice/);
    expect(await page.locator('.participation [role="status"]').textContent()).toBe('Invio non riuscito: c’è un errore da correggere.');
    expect(await storedCount()).toBe(before);

    // 3. Corrected: the receipt, announced, with the way to follow it.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedId(page)).toBe('proposta-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Orto condiviso di via Roma');
    await tabTo(page, 'proposta-consent');
    expect(await page.locator('#proposta-consent').isChecked()).toBe(true); // what was typed stays
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const done = page.locator('.participation-done');
    await done.waitFor();
    const receipt = RECEIPT.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(receipt).toMatch(RECEIPT);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('participation-done'))).toBe(true);
    expect(await page.locator('.participation [role="status"]').textContent()).toBe(`Invio riuscito. Il tuo codice di ricevuta è ${receipt}.`);
    expect(await stored(receipt)).toMatchObject({ kind: 'proposta', state: 'ricevuta', title: 'Orto condiviso di via Roma', targetType: 'practice' });

    // 4. The status page, reached by keyboard from the receipt.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Segui lo stato dell’invio ${receipt}`);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/partecipa/stato/?codice=${receipt}`);
    const result = page.locator('.participation-status-card');
    await result.waitFor();
    expect(await result.locator('.participation-state').textContent()).toBe('Ricevuta');
    expect(await result.textContent()).toContain('Nessuna risposta per ora.');
    expect(await result.textContent()).not.toContain('Orto condiviso'); // the status never shows the contribution
    expect(violations).toEqual([]);
    await context.close();
  });

  it('keeps what was written, and says so in Italian, when the CMS cannot be reached', async () => {
    const { page, context } = await open('/partecipa/proponi/');
    await context.route(`${cms.url}/api/submissions`, (route) => route.abort('connectionrefused'));
    await tick(page, 'proposta-target-workshop');
    await page.getByLabel('Titolo').fill('Ciclofficina del sabato');
    await page.getByLabel('Descrizione').fill('Riparazione di biciclette con i ragazzi del centro diurno.');
    await tick(page, 'proposta-consent');
    await page.getByRole('button', { name: 'Invia la proposta' }).click();
    await expect.poll(() => page.locator('.participation-summary').textContent()).toContain('il servizio non risponde');
    expect(await page.getByLabel('Titolo').inputValue()).toBe('Ciclofficina del sabato');
    expect(await page.getByRole('button', { name: 'Invia la proposta' }).isEnabled()).toBe(true);
    await context.close();
  });
});

describe('reporting a need', () => {
  it('places the point on the map from the keyboard while no tile loads, and stores it with the comune', async () => {
    const { page, context, violations } = await open('/partecipa/segnala/');
    const tiles: string[] = [];
    page.on('requestfailed', (request) => request.url().includes('tile') && tiles.push(request.url()));
    await page.getByLabel('Argomento').selectOption({ label: 'Barriere architettoniche' });
    await page.getByLabel('Che cosa vuoi segnalare?').fill('Il marciapiede davanti alla farmacia non ha uno scivolo: in carrozzina non si passa.');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Santhià' });
    // The map moved to Santhià; Enter on the focused map puts the point at the centre cross. Leaflet loads
    // after the page (a separate chunk): on a busy machine the map may not be there yet when the test types.
    await page.locator('#segnalazione-map.leaflet-container').waitFor();
    const map = page.locator('#segnalazione-map');
    await map.focus();
    await page.keyboard.press('ArrowUp');
    const chosen = page.locator('.participation-point-state');
    // Under load the map may still be on its way to Santhià: Enter again puts the point at the new centre.
    const nearSanthia = async () => {
      await map.focus();
      await page.keyboard.press('Enter');
      const m = /latitudine (\d+),(\d+)/.exec((await chosen.textContent()) ?? '');
      return m ? Math.abs(Number(`${m[1]}.${m[2]}`) - 45.37) < 0.05 : false;
    };
    await expect.poll(nearSanthia, { timeout: 20_000 }).toBe(true);
    await expect.poll(() => chosen.textContent()).toMatch(/^Punto scelto: latitudine 45,\d{5}, longitudine 8,\d{5}\.$/);
    await page.getByLabel(/Indirizzo o luogo/).fill('Corso Nuova Italia, davanti alla farmacia');
    await tick(page, 'segnalazione-consent');
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    const done = page.locator('.participation-done');
    await done.waitFor();
    const receipt = RECEIPT.exec((await done.textContent()) ?? '')?.[0] ?? '';
    const row = await stored(receipt);
    expect(row).toMatchObject({ kind: 'segnalazione', comune: { istatCode: '002133' } });
    // Santhià is at about 45.37 N, 8.17 E: the point is near it, not at the district's centre.
    expect(Math.abs(Number(row?.latitude) - 45.37)).toBeLessThan(0.05);
    expect(Math.abs(Number(row?.longitude) - 8.17)).toBeLessThan(0.05);
    expect(tiles.length).toBeGreaterThan(0); // the map really was without tiles
    expect(violations).toEqual([]);
    await context.close();
  });
});

describe('rating from a detail page', () => {
  it('shows the average of the accepted ratings only, in words and stars, and sends a new rating', async () => {
    const { page, context } = await open(`/buone-prassi/${RATED}/`);
    const section = page.locator('section.participation-rating');
    // 5, 4 and 4 accepted; the 1 still waits for an editor and does not count.
    expect((await section.locator('.participation-rating-summary').textContent())?.trim()).toMatch(/^4,3 su 5 · 3 valutazioni$/);
    // Four stars drawn full and one empty (drawn, so that no contrast check meets star characters it cannot measure).
    expect([await section.locator('.stars .star-full').count(), await section.locator('.stars .star-empty').count()]).toEqual([4, 1]);
    expect(await section.locator('.stars').getAttribute('aria-hidden')).toBe('true');
    await tick(page, 'valutazione-stars-4');
    await page.getByLabel(/Commento/).fill('Ben organizzato, orari comodi.');
    await tick(page, 'valutazione-consent');
    await page.getByRole('button', { name: 'Invia la valutazione' }).click();
    const done = page.locator('.participation-done');
    await done.waitFor();
    const receipt = RECEIPT.exec((await done.textContent()) ?? '')?.[0] ?? '';
    expect(await stored(receipt)).toMatchObject({ kind: 'valutazione', state: 'ricevuta', targetType: 'practice', targetDocumentId: rated.documentId, stars: 4 });
    await context.close();

    const other = await open(`/buone-prassi/${UNRATED}/`);
    expect(await other.page.locator('.participation-rating-summary').textContent()).toContain('almeno 3 valutazioni approvate');
    await other.context.close();
  });
});

describe('the built site', () => {
  it('holds the aggregate of the ratings, never their comments or receipts', () => {
    const files = fs.readdirSync(siteDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|json|xml|js|geojson|ics)$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = fs.readFileSync(`${siteDir}/${file}`, 'utf8');
      expect(text.includes(PRIVATE_COMMENT), file).toBe(false);
      for (const receipt of rated.receipts) expect(text.includes(receipt), file).toBe(false);
    }
  });
});

describe('without JavaScript', () => {
  it('posts the plain form, shows the confirmation page, and gives the receipt once confirmed', async () => {
    const { page, context } = await open('/partecipa/segnala/', { javaScript: false });
    const before = await storedCount();
    expect(await page.locator('#segnalazione-map').count()).toBe(0); // no dead map without JavaScript
    await page.getByLabel('Argomento').selectOption({ label: 'Solitudine e isolamento' });
    await page.getByLabel('Che cosa vuoi segnalare?').fill('Molti anziani della frazione vivono soli e non hanno un mezzo per arrivare in paese.');
    await page.getByLabel('Comune', { exact: true }).selectOption({ label: 'Alagna Valsesia' });
    await page.getByLabel(/Indirizzo o luogo/).fill('Frazione Pedemonte');
    await tick(page, 'segnalazione-consent');
    await page.getByRole('button', { name: 'Invia la segnalazione' }).click();
    await page.getByRole('heading', { name: 'Controlla e conferma l\'invio' }).waitFor();
    expect(await page.textContent('main')).toContain('Frazione Pedemonte');
    expect(await storedCount()).toBe(before); // nothing stored before the confirmation
    await page.getByRole('button', { name: 'Conferma e invia' }).click();
    await page.getByRole('heading', { name: 'Contributo ricevuto' }).waitFor();
    const receipt = (await page.locator('.receipt').textContent())?.trim() ?? '';
    expect(receipt).toMatch(RECEIPT);
    expect(await stored(receipt)).toMatchObject({ kind: 'segnalazione', address: 'Frazione Pedemonte' } as object);

    // The link goes back to the site's status page, whose plain GET form asks the CMS.
    await page.getByRole('link', { name: `Segui lo stato del contributo ${receipt}` }).click();
    await page.waitForURL(`${site.url}/partecipa/stato/?codice=${receipt}`);
    await page.getByLabel('Codice di ricevuta').fill(receipt.toLowerCase());
    await page.getByRole('button', { name: 'Controlla lo stato' }).click();
    await page.getByRole('heading', { name: `Stato del contributo ${receipt}` }).waitFor();
    expect(await page.textContent('main')).toContain('Ricevuta');
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no axe violations on the participation pages, errors shown included', { timeout: 240_000 }, async () => {
    const results: Record<string, string[]> = {};
    const check = async (page: Page, name: string) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      results[name] = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    };
    for (const path of ['/partecipa/', '/partecipa/proponi/', '/partecipa/segnala/', '/partecipa/patto/', '/partecipa/stato/', `/buone-prassi/${RATED}/`]) {
      const { page, context } = await open(path);
      await check(page, path);
      if (path === '/partecipa/proponi/') {
        await page.getByRole('button', { name: 'Invia la proposta' }).click();
        await page.locator('.participation-summary').waitFor();
        await check(page, `${path} with errors`);
      }
      await context.close();
    }
    expect(results).toEqual(Object.fromEntries(Object.keys(results).map((k) => [k, []])));
  });
});

describe('proposing a collaboration pact', () => {
  // Last in the file: it rebuilds the site the other tests read, as a publish does.
  it(
    'goes from the keyboard-only proposal, without an account, to the receipt, and once the office opens and admits it the status links the register page with its stage and answer',
    { timeout: 600_000 },
    async () => {
      const { page, context, violations } = await open('/partecipa/patto/');
      await tabTo(page, 'patto-title');
      await page.keyboard.type('Cura del giardino dietro la biblioteca');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Giardino della biblioteca civica');
      await tabTo(page, 'patto-comune');
      await page.keyboard.type('Vercelli');
      expect(await page.locator('#patto-comune').inputValue()).toBe('002158');
      await tabTo(page, 'patto-address');
      await page.keyboard.type('Via Galileo Ferraris 95');
      await tabTo(page, 'patto-description');
      await page.keyboard.type('Pulire il giardino, piantare fiori e aprirlo ai bambini il sabato.');
      await tabTo(page, 'patto-participants');
      await page.keyboard.type('Dodici famiglie del quartiere e il gruppo lettura.');
      await tabTo(page, 'patto-contact-name');
      await page.keyboard.type('Giulia Esempio');
      await page.keyboard.press('Tab');
      await page.keyboard.type('giulia.esempio@example.org');
      await tabTo(page, 'patto-consent');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Invia la proposta di patto');
      await page.keyboard.press('Enter');
      const done = page.locator('.participation-done');
      await done.waitFor();
      const receipt = RECEIPT.exec((await done.textContent()) ?? '')?.[0] ?? '';
      expect(receipt).toMatch(RECEIPT);
      const row = (await cms.strapi.db.query(SUBMISSION as never).findOne({ where: { receipt } })) as { documentId: string; kind: string; commonGood: string; contactName: string; createdAt: string };
      expect(row).toMatchObject({ kind: 'patto', commonGood: 'Giardino della biblioteca civica', contactName: 'Giulia Esempio' });
      expect(violations).toEqual([]);

      // The office accepts the proposal: a pact opens at «Proposta ricevuta», dated from the proposal.
      await cms.strapi.documents(SUBMISSION as never).update({ documentId: row.documentId, data: { state: 'accettata', publicReply: 'Grazie: il patto è in istruttoria.' } } as never);
      const opened = (await cms.strapi.db.query(SUBMISSION as never).findOne({ where: { receipt } })) as { createdDraftType: string; createdDraftDocumentId: string };
      expect(opened.createdDraftType).toBe('api::pact.pact');
      const PACT = 'api::pact.pact' as never;
      const pactId = opened.createdDraftDocumentId;
      const draft = (await cms.strapi.documents(PACT).findOne({ documentId: pactId, status: 'draft' } as never)) as unknown as { stage: string; receivedAt: string; publicProposer: string; proposerEmail: string; slug: string };
      expect(draft).toMatchObject({ stage: 'proposta', publicProposer: 'Un gruppo di cittadini', proposerEmail: 'giulia.esempio@example.org' });
      expect(new Date(draft.receivedAt).toISOString()).toBe(new Date(row.createdAt).toISOString());
      // Istruttoria, then admitted to co-design, then published.
      await cms.strapi.documents(PACT).update({ documentId: pactId, data: { stage: 'istruttoria', stageNote: 'Proposta completa: avviata l’istruttoria.' } } as never);
      await cms.strapi.documents(PACT).update({ documentId: pactId, data: { stage: 'coprogettazione', stageNote: 'Ammesso: interesse generale verificato.' } } as never);
      await cms.strapi.documents(PACT).publish({ documentId: pactId } as never);

      // The status page, from the receipt's own link, now links the pact.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/partecipa/stato/?codice=${receipt}`);
      const card = page.locator('.participation-status-card');
      await card.waitFor();
      const link = card.getByRole('link', { name: 'Cura del giardino dietro la biblioteca' });
      expect(await link.getAttribute('href')).toBe(`/patti/${draft.slug}/`);
      expect(await card.textContent()).toContain('fase: Co-progettazione');
      expect(await card.textContent()).not.toContain('Giulia Esempio');

      // Published, the site rebuilds: the register page shows the stage, the timeline and the answer.
      await buildSite({ ...siteEnv, BUILD_NOW: new Date().toISOString() }, siteDir);
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/patti/${draft.slug}/`);
      const main = (await page.textContent('main')) ?? '';
      // «il 7 dicembre», but «l’8 dicembre» and «l’11 dicembre»: the article elides before a vowel sound.
      expect(main).toMatch(/Risposta data (?:il |l’)\d{1,2} \w+ \d{4}, entro i termini/);
      const steps = await page.locator('ol.pact-timeline > li').allTextContents();
      expect(steps.map((s) => s.split(',')[0])).toEqual(['Proposta ricevuta', 'Istruttoria', 'Co-progettazione']);
      expect(steps[2]).toContain('Ammesso: interesse generale verificato.');
      for (const secret of ['Giulia Esempio', 'giulia.esempio@example.org', receipt]) expect(main).not.toContain(secret);
      await context.close();
    },
  );
});
