/**
 * Booking a workshop's session on a phone, as a person with no account does it: from the workshop's page,
 * keyboard only, through the CMS's confirmation page to the code and the personal link, then cancelling
 * from that link; the same form with JavaScript off; the free seats the page and the workshops' list show, live. Real Strapi,
 * the site built against it and served with its Content-Security-Policy; no request leaves loopback.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bookSeat } from '../support/bookings.ts';
import { phonePage } from '../support/browser.ts';
import { BOOKABLE, browser, cms, site } from '../support/public-stack.ts';

const BOOKING = 'api::booking.booking';

const phone = (javaScript = true): Promise<Page> => phonePage(browser, javaScript);

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabUntil(page: Page, test: string, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, test)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${test}`);
}

const booked = async (name: string) => (await cms.strapi.db.query(BOOKING as never).findOne({ where: { name } })) as { state: string; seats: number; accessibility: string | null } | null;

describe('booking a workshop session', () => {
  const first = () => BOOKABLE.sessions[0]!;

  it('books two seats from the keyboard on a phone, shows the code and the link, and cancels from the link', async () => {
    const page = await phone();
    await page.goto(`${site.url}/laboratori/${BOOKABLE.slug}/`);
    // The live figure replaces the capacity once the CMS answers.
    await expect.poll(() => page.locator(`.session-seats[data-seats-session="${first()}"]`).textContent()).toBe('2 posti liberi');

    await page.locator('body').focus();
    await tabUntil(page, '.booking summary');
    await page.keyboard.press('Enter');
    await tabUntil(page, 'input[name="name"]');
    await page.keyboard.type('Ada Prova Tastiera');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ada.tastiera@example.org');
    await tabUntil(page, 'input[name="seats"]');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Servono due sedie con braccioli');
    await tabUntil(page, 'input[name="consent"]');
    await page.keyboard.press('Space');
    await tabUntil(page, '.booking-form button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Controlla e conferma la prenotazione' }).waitFor();
    await expect.poll(() => page.locator('dl').textContent()).toContain('Servono due sedie con braccioli');
    await tabUntil(page, 'button[type="submit"]');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: 'Prenotazione confermata' }).waitFor();
    const code = (await page.locator('.code').textContent())!.trim();
    expect(code).toMatch(/^[2-9A-Z]{6}$/);
    expect(await booked('Ada Prova Tastiera')).toMatchObject({ state: 'confirmed', seats: 2, accessibility: 'Servono due sedie con braccioli' });
    fs.mkdirSync('screenshots', { recursive: true });
    await page.screenshot({ path: 'screenshots/cittadino-prenotazione.png', fullPage: true });

    await page.getByRole('link', { name: 'La tua prenotazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'La tua prenotazione' }).waitFor();
    expect(await page.locator('dl').textContent()).toContain(code);
    await page.getByRole('button', { name: 'Annulla la prenotazione' }).click();
    await page.getByText('La prenotazione è annullata').waitFor();
    expect((await booked('Ada Prova Tastiera'))?.state).toBe('cancelled');
    await page.context().close();
  });

  it('books with JavaScript off, and the page then shows the seats left', async () => {
    const page = await phone(false);
    await page.goto(`${site.url}/laboratori/${BOOKABLE.slug}/`);
    expect(await page.locator(`.session-seats[data-seats-session="${first()}"]`).textContent()).toBe('2 posti');
    const form = page.locator('.booking').first();
    await form.locator('summary').click();
    await form.getByLabel('Nome e cognome').fill('Bruno Senza Script');
    await form.getByLabel('Telefono').fill('0161 765432');
    await form.getByRole('button', { name: 'Prenota' }).click();
    // The consent was left out: an Italian error, nothing stored.
    await page.getByText('Per prenotare serve il consenso').waitFor();
    expect(await booked('Bruno Senza Script')).toBeNull();
    await page.goBack();
    // Back on the workshop's page: the form is open again, the name still there or written again.
    if ((await form.getAttribute('open')) === null) await form.locator('summary').click();
    if ((await form.getByLabel('Nome e cognome').inputValue()) === '') {
      await form.getByLabel('Nome e cognome').fill('Bruno Senza Script');
      await form.getByLabel('Telefono').fill('0161 765432');
    }
    // Bootstrap Italia draws the box on the label: the label is what a finger taps.
    await form.locator('label[for$="-consent"]').click();
    expect(await form.getByLabel(/Acconsento/).isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Prenota' }).click();
    await page.getByRole('button', { name: 'Conferma la prenotazione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Prenotazione confermata' }).waitFor();
    expect((await booked('Bruno Senza Script'))?.state).toBe('confirmed');
    await page.context().close();

    const live = await phone();
    await live.goto(`${site.url}/laboratori/${BOOKABLE.slug}/`);
    await expect.poll(() => live.locator(`.session-seats[data-seats-session="${first()}"]`).textContent()).toBe('1 posto libero');
    await live.context().close();
  });

  it('shows the free seats of the next session on the workshop’s card in the list, live, and fewer after a booking', async () => {
    const page = await phone();
    const card = page.locator('article', { has: page.getByRole('link', { name: BOOKABLE.title, exact: true }) });
    const seats = card.locator(`.card-seats[data-seats-session="${first()}"]`);
    // The list's first page holds the card (workshops with a session to come first, the nearest first).
    await page.goto(`${site.url}/laboratori/`);
    expect(await card.locator('.state-line').textContent()).toMatch(/^\s*Prossimo incontro: /);
    expect(await seats.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => seats.textContent()).toBe('1 posto libero');
    // Without JavaScript the card is as built: its next session, no count.
    const still = await phone(false);
    await still.goto(`${site.url}/laboratori/`);
    expect(await still.locator(`.card-seats[data-seats-session="${first()}"]`).textContent()).toBe('');
    await still.context().close();

    const { documentId } = (await cms.strapi.db.query('api::workshop.workshop').findOne({ where: { slug: BOOKABLE.slug } })) as { documentId: string };
    await bookSeat(cms.url, { workshop: documentId, session: first(), name: 'Dora Dalla Lista', email: 'dora.lista@example.org' });
    await page.reload();
    await expect.poll(() => seats.textContent()).toBe("Completo: lista d'attesa aperta");
    await page.context().close();
  });
});
