import { normalizeReceipt } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import { loggableUrl } from '../../middlewares/private-log';
import { authEndpoint } from '../../middlewares/auth-rate-limit';
import { clientHash, contentHash } from '../security';
import { Confirmations } from './confirmation';
import { checkStartedAt } from './fill-time';
import { submissionOptions } from './options';
import { shorten, slugify } from './moderation';
import { newReceipt } from './receipt';
import { normalizeFields, outsideDistrict, validateFields } from './validation';

/** A confirmation shown for one small proposal to one client. */
const binding = { content: contentHash({ kind: 'proposta', title: 'Orto' }), client: clientHash('salt', '203.0.113.7') };

describe('receipts', () => {
  it('are 12 Crockford characters in three groups, which the shared reading of a typed code reads back as they are', () => {
    const receipts = new Set(Array.from({ length: 1000 }, newReceipt));
    expect(receipts.size).toBe(1000);
    for (const r of receipts) {
      expect(r).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizeReceipt(r.toLowerCase())).toBe(r);
    }
  });
});

describe('the confirmation page', () => {
  const options = { minFillMs: 3000, confirmTtlMs: 2 * 3_600_000 };
  const shown = 1_700_000_000_000;

  it('stores once: the same page sent again is refused, saying it was already sent', () => {
    const confirmations = new Confirmations('salt', options);
    const token = confirmations.issue(binding, shown);
    expect(confirmations.redeem(token, binding, shown + 1000)?.message).toMatch(/^Invio troppo rapido/);
    expect(confirmations.redeem(token, binding, shown + 5000)).toBeUndefined();
    const again = confirmations.redeem(token, binding, shown + 6000);
    expect(again).toEqual({ path: ['confirmToken'], message: expect.stringMatching(/già stata inviata.*torna al modulo e ricomincia/) });
  });

  it('refuses a page for other content, from another client, or past its time', () => {
    const confirmations = new Confirmations('salt', options);
    const token = confirmations.issue(binding, shown);
    const invalid = /^La conferma non è valida o è scaduta/;
    expect(confirmations.redeem(token, { ...binding, content: contentHash({ kind: 'proposta', title: 'Altro' }) }, shown + 5000)?.message).toMatch(invalid);
    expect(confirmations.redeem(token, { ...binding, client: clientHash('salt', '198.51.100.1') }, shown + 5000)?.message).toMatch(invalid);
    expect(confirmations.redeem(token, binding, shown + options.confirmTtlMs + 1)?.message).toMatch(invalid);
    expect(confirmations.redeem(token, binding, shown - 1)?.message).toMatch(invalid);
    // None of those spent it.
    expect(confirmations.redeem(token, binding, shown + options.confirmTtlMs)).toBeUndefined();
  });
});

describe('the start time of a form', () => {
  const limits = submissionOptions({});
  const now = 1_800_000_000_000;
  const check = (startedAt: unknown) => checkStartedAt(startedAt, now, limits)?.message;

  it('accepts a form opened a plausible time ago', () => {
    expect(check(now - 10_000)).toBeUndefined();
    expect(check(now - 23 * 3_600_000)).toBeUndefined();
  });

  it('refuses a time that is not a whole number, in the future, too old or too recent', () => {
    for (const bad of [undefined, '1700000000000', 1.5, Number.NaN, Number.POSITIVE_INFINITY, null]) expect(check(bad)).toMatch(/manca o non è valida/);
    expect(check(now + 3 * 60_000)).toMatch(/è nel futuro/);
    expect(check(now + 60_000)).toMatch(/^Invio troppo rapido/);
    for (const old of [0, -1, now - 25 * 3_600_000]) expect(check(old)).toMatch(/^Il modulo è aperto da più di 24 ore/);
    expect(check(now - 1000)).toMatch(/^Invio troppo rapido/);
  });
});

describe('validation', () => {
  const base = { kind: 'segnalazione', category: 'lavoro', description: 'Serve uno sportello.', comune: '002158', consent: true };

  it('coerces a form post and treats empty fields as absent', () => {
    const fields = normalizeFields({ ...base, consent: 'on', latitude: '45.3', longitude: '8.42', address: '', email: '' }, true);
    expect(fields).toEqual({ ...base, latitude: 45.3, longitude: 8.42 });
    expect(validateFields(fields).ok).toBe(true);
  });

  it('refuses markup with a message naming the field', () => {
    const result = validateFields({ ...base, description: 'ciao <img src=x onerror=alert(1)>' });
    expect(result).toEqual({ ok: false, errors: [{ path: ['description'], message: expect.stringMatching(/^«Descrizione» deve essere testo semplice/) }] });
    expect(validateFields({ ...base, description: 'meno di 3 < 5 e 7 > 2' }).ok).toBe(true);
  });

  it('says "obbligatorio" for a missing field and names the allowed values of an enumeration', () => {
    const result = validateFields({ kind: 'valutazione', consent: true, targetType: 'regulation', stars: 3 });
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.errors.map((e) => e.message);
    expect(messages).toContain('«Scheda valutata» è obbligatorio.');
    expect(messages.find((m) => m.startsWith('«Tipo di scheda valutata»'))).toMatch(/practice \(buona prassi\)/);
  });
});

describe('the place', () => {
  it('accepts a point in the district and refuses Milan, naming the box', () => {
    expect(outsideDistrict(45.3239, 8.4236)).toBeUndefined();
    expect(outsideDistrict(45.4642, 9.19)).toEqual({ path: ['latitude'], message: expect.stringMatching(/fuori dal distretto: latitudine tra 45,05 e 46,00, longitudine tra 7,80 e 8,60/) });
  });
});

describe('moderation helpers', () => {
  it('makes slugs and summaries an editor can keep', () => {
    expect(slugify("Città dell'Orto: più verde!")).toBe('citta-dell-orto-piu-verde');
    expect(shorten('parola '.repeat(100)).length).toBeLessThanOrEqual(300);
    expect(shorten('breve')).toBe('breve');
  });
});

describe('middleware helpers', () => {
  it('masks receipt codes in the log line', () => {
    expect(loggableUrl('/api/submissions/status/ABCD-EFGH-JKMN')).toBe('/api/submissions/status/…');
    expect(loggableUrl('/api/submissions/status?codice=ABCD')).toBe('/api/submissions/status?…');
    expect(loggableUrl('/api/practices?pagination[page]=2')).toBe('/api/practices?pagination[page]=2');
  });

  it('limits the authentication endpoints, not the rest of the admin', () => {
    expect(authEndpoint('POST', '/admin/login')).toEqual({ countAll: false });
    expect(authEndpoint('POST', '/admin/forgot-password')).toEqual({ countAll: true });
    expect(authEndpoint('POST', '/api/auth/forgot-password')).toEqual({ countAll: true });
    expect(authEndpoint('GET', '/admin/login')).toBeUndefined();
    expect(authEndpoint('POST', '/content-manager/collection-types/api::practice.practice')).toBeUndefined();
  });
});
