/**
 * Checking a certificate of attendance on a phone, as whoever is handed one does it: the form at /attestati/
 * (a plain GET form: it works without JavaScript), the code typed as it reads on the paper, then the page of
 * that code under the site's address: the CMS's page, which the site's server proxies as Netlify does
 * (scripts/src/lib/static-server.ts, the build's `_redirects`), with the holder's initial and surname, the
 * workshop and the dates, and nothing else about the person. An unknown code gets the Italian not-found page,
 * status 404. The certificate is the stack's (support/public-stack.ts), issued before the build; that no
 * built file holds it is public/site.ts's.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { phonePage } from '../support/browser.ts';
import { send } from '../support/http.ts';
import { BOOKABLE, browser, CERTIFIED, site } from '../support/public-stack.ts';

const day = (iso: string) => new Date(iso).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Rome' });

describe('checking a certificate', () => {
  it('goes from the form to the page of the code typed, on a phone, with JavaScript on and off', async () => {
    for (const javaScript of [true, false]) {
      const page = await phonePage(browser, javaScript);
      await page.goto(`${site.url}/attestati/`);
      await page.getByRole('heading', { level: 1, name: 'Verifica di un attestato di partecipazione' }).waitFor();
      await page.getByLabel('Codice di verifica').focus();
      // As someone might copy it from the paper: lower case, a space for the dash.
      await page.keyboard.type(CERTIFIED.code.toLowerCase().replace(/-/, ' '));
      await Promise.all([page.waitForURL(`${site.url}/attestati/${CERTIFIED.code}/`), page.keyboard.press('Enter')]);

      await page.getByRole('heading', { level: 1, name: 'Attestato valido' }).waitFor();
      const facts = (await page.locator('dl').innerText()).replace(/\s+/g, ' ');
      expect(facts).toContain(CERTIFIED.code);
      expect(facts).toContain(CERTIFIED.publicName);
      expect(facts).toContain(BOOKABLE.title);
      expect(facts).toContain(day(BOOKABLE.sessions[1]!));
      const text = await page.locator('body').innerText();
      for (const secret of ['Carla', CERTIFIED.email]) expect(text).not.toContain(secret);
      // A page of the site: its brand leads home, its way back to the form.
      expect(await page.getByRole('link', { name: 'Coesione', exact: true }).getAttribute('href')).toBe(`${site.url}/`);
      expect(await page.getByRole('link', { name: 'Verifica un altro attestato' }).getAttribute('href')).toBe(`${site.url}/attestati/`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      if (javaScript) {
        fs.mkdirSync('screenshots', { recursive: true });
        await page.screenshot({ path: 'screenshots/cittadino-verifica-attestato.png', fullPage: true });
      }
      await page.context().close();
    }
  });

  it('answers an unknown code with the Italian not-found page and status 404, and a stranger’s typing with the same', async () => {
    const page = await phonePage(browser);
    const res = await page.goto(`${site.url}/attestati/AT-2345-6789/`);
    expect(res?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Attestato non trovato' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Nessun attestato ha questo codice');
    await page.getByRole('link', { name: 'Verifica un altro attestato' }).click();
    await page.waitForURL(`${site.url}/attestati/`);
    await page.getByLabel('Codice di verifica').fill('non è un codice');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${site.url}/attestati/non-`)), page.getByRole('button', { name: 'Verifica l’attestato' }).click()]);
    expect(answer.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'Attestato non trovato' }).waitFor();
    await page.context().close();
  });

  it('is served private: never cached, never indexed, no referrer, no cookie', async () => {
    const res = await send(`${site.url}/attestati/${CERTIFIED.code}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-robots-tag')).toBe('noindex');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});
