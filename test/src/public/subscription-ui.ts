/**
 * Following the opportunities by e-mail on a phone with JavaScript off, as a person does it: from the list's
 * «Ricevi per e-mail» link to the CMS's form with the section chosen, a comune and a theme picked, the
 * address typed; the confirmation from the message received (the stack has no SMTP server: the CMS writes
 * its messages to the local mailbox, `<data dir>/mailbox`); a new opportunity that fits arrives by e-mail;
 * the message's unsubscribe link ends it. The mistakes a person makes are told beside their field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { phonePage } from '../support/browser.ts';
import { PUBLIC_KEYS, TYPES } from '@coesione/model';
import { searchIndex, until } from '../support/indexed.ts';
import { readable } from '@coesione/scripts/lib/smtp-sink.ts';
import { BOOKABLE, browser, cms, meili, site, SUBSCRIBER } from '../support/public-stack.ts';

const ADDRESS = 'lettrice.senza.script@example.org';
const OPPORTUNITY = 'api::opportunity.opportunity';
const created: string[] = [];

/** The messages the CMS wrote to the local mailbox for an address, as a person reads them. */
const mailbox = () => path.join(cms.dataDir, 'mailbox');
const messagesTo = (address: string) =>
  (fs.existsSync(mailbox()) ? fs.readdirSync(mailbox()) : [])
    .sort()
    .map((name) => readable(fs.readFileSync(path.join(mailbox(), name), 'utf8').replace(/\r\n/g, '\n')))
    .filter((m) => m.includes(`To: ${address}`));
const linkIn = (message: string, route: string) => new RegExp(`https?://[^\\s>"]+/api/iscrizioni/${route}/\\d+-[A-Za-z0-9_-]{32}`).exec(message)?.[0] ?? '';

/** Removes what a test published, before the suites after it read the CMS (the profile's page compares it with the build). */
async function removeCreated(): Promise<void> {
  while (created.length > 0) await cms.strapi.documents(OPPORTUNITY).delete({ documentId: created.pop()! } as never);
}
afterAll(removeCreated);

describe('following the opportunities by e-mail', () => {
  it('subscribes from the list with JavaScript off, confirms from the message, gets the new opportunity, and stops from its link', async () => {
    const page = await phonePage(browser, false);
    await page.goto(`${site.url}/opportunita/`);
    await Promise.all([page.waitForURL(/\/api\/iscrizioni\?tipo=opportunity/), page.getByRole('link', { name: 'Ricevi per e-mail le novità di «Opportunità»' }).click()]);
    await page.getByRole('heading', { level: 1, name: 'Ricevi aggiornamenti per e-mail' }).waitFor();
    expect(await page.getByLabel('Sezione da seguire').inputValue()).toBe('opportunity');
    await page.getByLabel('Comune').selectOption({ label: 'Vercelli' });
    await page.getByLabel('Area tematica').selectOption({ label: 'Lavoro e inclusione' });

    // A typing slip first: told beside the field, the choices kept.
    await page.getByLabel('Il tuo indirizzo e-mail').fill('lettrice.senza.script@example');
    await page.getByRole('button', { name: 'Iscriviti' }).click();
    await page.getByRole('alert').getByText('Questo indirizzo e-mail non sembra valido').waitFor();
    expect(await page.getByLabel('Comune').inputValue()).toBe('002158');
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling at 320 px (WCAG 1.4.10)').toBeLessThanOrEqual(320);
    // The summary's link leads the keyboard to the field to mend.
    await page.getByRole('alert').getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id || document.location.hash)).toMatch(/campo-email/);

    await page.getByLabel('Il tuo indirizzo e-mail').fill(ADDRESS);
    await page.getByRole('button', { name: 'Iscriviti' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controlla la posta' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('Opportunità · a Vercelli · area tematica Lavoro e inclusione');

    const confirmation = await until('the confirmation message', async () => messagesTo(ADDRESS).find((m) => m.includes('Conferma la tua iscrizione')), 30_000);
    await page.goto(linkIn(confirmation, 'conferma'));
    await page.getByRole('button', { name: 'Sì, conferma l’iscrizione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iscrizione confermata' }).waitFor();

    const [vercelli] = (await cms.strapi.documents('api::municipality.municipality').findMany({ filters: { istatCode: '002158' } } as never)) as { documentId: string }[];
    const [lavoro] = (await cms.strapi.documents('api::theme.theme').findMany({ filters: { slug: 'lavoro-inclusione' }, locale: 'it' } as never)) as { documentId: string }[];
    const opportunity = (await cms.strapi.documents(OPPORTUNITY).create({
      data: { title: 'Tirocinio di prova in una ciclofficina di Vercelli', slug: 'tirocinio-di-prova-ciclofficina-vercelli', summary: 'Sei mesi di tirocinio retribuito: un’opportunità di prova.', kind: 'tirocinio', themes: [lavoro!.documentId], municipalities: [vercelli!.documentId] },
      locale: 'it',
      status: 'published',
    } as never)) as { documentId: string };
    created.push(opportunity.documentId);
    const news = await until('the new opportunity by e-mail', async () => messagesTo(ADDRESS).find((m) => m.includes('Tirocinio di prova in una ciclofficina di Vercelli')), 30_000);
    expect(news).toContain(`${site.url}/opportunita/tirocinio-di-prova-ciclofficina-vercelli/`);
    expect(news).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

    await page.goto(linkIn(news, 'annulla'));
    await page.getByRole('button', { name: 'Sì, annulla l’iscrizione' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iscrizione annullata' }).waitFor();
    expect(await cms.strapi.db.connection('coesione_subscriptions').where({ email: ADDRESS }).select('id'), 'the address went with its subscription').toEqual([]);
    await page.context().close();
    await removeCreated();
  });

  it('offers to follow a pact, a workshop’s sessions, an open deadline and a comune’s figures, each opening its form', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [pact] = (await cms.strapi.documents('api::pact.pact').findMany({ status: 'published', locale: 'it', fields: ['slug', 'title'], limit: 1 } as never)) as { slug: string; title: string }[];
    const [open] = (await cms.strapi.documents(OPPORTUNITY).findMany({ status: 'published', locale: 'it', filters: { deadline: { $gt: '2026-12-31' } }, fields: ['slug', 'title'], limit: 1 } as never)) as { slug: string; title: string }[];
    expect(today < '2026-12-31', 'the seeded deadline chosen is still open').toBe(true);
    const page = await phonePage(browser, false);
    for (const [path, name, heading] of [
      [`/patti/${pact!.slug}/`, 'Segui questo patto per e-mail: ti scriviamo a ogni cambio di fase', `Vuoi seguire il patto «${pact!.title}»?`],
      [`/laboratori/${BOOKABLE.slug}/`, 'Avvisami per e-mail dei nuovi incontri', `Vuoi seguire i nuovi incontri del laboratorio «${BOOKABLE.title}»?`],
      [`/opportunita/${open!.slug}/`, 'Ricordami la scadenza per e-mail', `Vuoi seguire la scadenza di «${open!.title}»`],
      ['/comuni/vercelli/', 'Ricevi le cifre di Vercelli per e-mail ogni trimestre', 'Vuoi seguire le cifre dei bisogni di Vercelli?'],
    ] as const) {
      await page.goto(`${site.url}${path}`);
      await Promise.all([page.waitForURL(/\/api\/iscrizioni\?/), page.getByRole('link', { name }).click()]);
      expect(await page.locator('main').innerText()).toContain(heading);
      await page.getByLabel('Il tuo indirizzo e-mail').waitFor();
    }
    await page.context().close();
  });

  it('keeps a subscriber’s address out of the search index and every public answer (the build: public/site.ts)', async () => {
    expect(await cms.strapi.db.connection('coesione_subscriptions').where({ email: SUBSCRIBER, state: 'active' }).select('id')).toHaveLength(1);
    // Every indexed document whole (a word search would match «riservata» and «example» elsewhere).
    const { results } = await searchIndex(meili).getDocuments({ limit: 100_000 });
    expect(results.length).toBeGreaterThan(100);
    expect(JSON.stringify(results)).not.toContain('iscritta.riservata');
    for (const key of PUBLIC_KEYS) {
      const answer = await fetch(`${cms.url}/api/${TYPES[key].rest}?pagination[pageSize]=100`);
      expect(answer.status, key).toBe(200);
      expect(await answer.text(), key).not.toContain('iscritta.riservata');
    }
    expect(await (await fetch(`${cms.url}/api/iscrizioni?tipo=opportunity&comune=002158`)).text()).not.toContain('iscritta.riservata');
  });
});
