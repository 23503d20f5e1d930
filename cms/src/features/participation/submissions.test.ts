import { CATEGORIES, KINDS, normalizeReceipt, NOTICE_CONTRIBUTIONS, STATES, TARGETS } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import schema from '../../api/submission/content-types/submission/schema.json';
import { loggableUrl } from '../../middlewares/private-log';
import { authEndpoint } from '../../middlewares/auth-rate-limit';
import { checkStartedAt } from './anti-spam';
import { pactDraftData, shorten } from './moderation';
import { submissionOptions } from './options';
import { newReceipt } from './receipt';
import { shownFields } from './render';
import { aggregateRatings } from './store';
import { normalizeFields, outsideDistrict, readFields, validateFields, type SegnalazioneInput } from './validation';

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

describe('a pact proposal', () => {
  const pact = {
    kind: 'patto', consent: true, title: 'Cura del giardino', commonGood: 'Giardino della biblioteca', comune: '002158',
    description: 'Pulirlo e aprirlo ai bambini.', participants: 'Dodici famiglie.', email: 'a@example.org',
  };

  it('asks for the bene comune, the comune, what, who and a way to be contacted, each in the words of its field', () => {
    const result = validateFields({ kind: 'patto', consent: true, title: 'Cura del giardino' });
    const messages = result.ok ? [] : Object.fromEntries(result.errors.map((e) => [e.path[0], e.message]));
    expect(messages).toMatchObject({
      commonGood: '«Bene comune» è obbligatorio.',
      comune: '«Comune» è obbligatorio.',
      description: '«Descrizione» è obbligatorio.',
      participants: '«Chi è coinvolto» è obbligatorio.',
    });
    expect(validateFields({ ...pact, email: undefined }).ok).toBe(false);
    expect(validateFields({ ...pact, email: undefined, phone: '0161 123456' }).ok).toBe(true);
    expect(validateFields({ ...pact, phone: 'chiamami' })).toMatchObject({ ok: false, errors: [{ path: ['phone'], message: expect.stringMatching(/^«Telefono» non è un numero valido/) }] });
    expect(validateFields({ ...pact, showName: true })).toMatchObject({ ok: false, errors: [{ path: ['contactName'] }] });
  });

  it('opens a pact that shows a person\'s name only with consent, and keeps the contacts in private fields', () => {
    const row = {
      id: 1, documentId: 'k6adlik2qt5vm1yhcck2uolp', receipt: 'ABCD-EFGH-JKMN', kind: 'patto', state: 'accettata', targetType: null, title: 'Cura del giardino',
      description: 'Pulirlo.', organizationName: null, createdDraftType: null, createdDraftDocumentId: null, contactName: 'Giulia Esempio',
      email: 'g@example.org', phone: null, showName: false, commonGood: 'Giardino', participants: 'Dodici famiglie.', period: 'Il sabato',
      comune: { documentId: 'c1', name: 'Vercelli', latitude: '45.32', longitude: '8.42' },
    };
    const data = pactDraftData(row);
    expect(data).toMatchObject({
      commonGood: 'Giardino', kind: 'ordinario', publicProposer: 'Un gruppo di cittadini',
      proposerName: 'Giulia Esempio', proposerEmail: 'g@example.org', proposerConsent: false, sourceReceipt: 'ABCD-EFGH-JKMN',
      location: { address: 'Vercelli (indirizzo da precisare)', municipality: 'c1', latitude: 45.32, longitude: 8.42 },
    });
    expect(JSON.stringify(data.body)).toContain('Chi è coinvolto: Dodici famiglie.');
    expect(JSON.stringify(data)).not.toContain('abcd-efgh'); // the receipt never reaches a public address
    expect(pactDraftData({ ...row, showName: true }).publicProposer).toBe('Giulia Esempio');
    expect(pactDraftData({ ...row, organizationName: 'Comitato Isola', showName: true }).publicProposer).toBe('Comitato Isola');
  });
});

describe('the vocabulary stored', () => {
  // Strapi reads the schema as JSON, so its enumerations cannot import the model's lists: they must match them.
  it('gives the submission schema the model\'s kinds, states, targets and categories', () => {
    const { kind, state, targetType, category, noticeContribution } = schema.attributes;
    expect([kind.enum, state.enum, targetType.enum, category.enum, noticeContribution.enum]).toEqual([[...KINDS], [...STATES], [...TARGETS], [...CATEGORIES], [...NOTICE_CONTRIBUTIONS]]);
  });
});

describe('the vocabulary shown back', () => {
  it('names a report\'s category with the label the form shows', () => {
    const report: SegnalazioneInput = { kind: 'segnalazione', category: 'abitare', description: 'Affitti troppo alti.', comune: '002158', consent: true };
    expect(shownFields(report, 'Vercelli')).toEqual([
      { name: 'kind', label: 'Tipo di contributo', value: 'Segnalazione' },
      { name: 'category', label: 'Categoria', value: 'Abitare e casa' },
      { name: 'description', label: 'Descrizione', value: 'Affitti troppo alti.' },
      { name: 'comune', label: 'Comune', value: 'Vercelli' },
    ]);
  });
});

describe('the body and the place', () => {
  it('reads the fields of a JSON body from "data" and of a form post from the body itself', () => {
    expect(readFields('json', { data: { kind: 'proposta', title: ' ' } })).toEqual({ ok: true, fields: { kind: 'proposta' } });
    expect(readFields('form', { kind: 'proposta', consent: 'on' })).toEqual({ ok: true, fields: { kind: 'proposta', consent: true } });
    for (const body of [[{ kind: 'proposta' }], { data: 'proposta' }, null]) expect(readFields('json', body)).toMatchObject({ ok: false, errors: [{ path: ['data'] }] });
  });

  it('accepts a point in the district and refuses Milan, naming the box', () => {
    expect(outsideDistrict(45.3239, 8.4236)).toBeUndefined();
    expect(outsideDistrict(45.4642, 9.19)).toEqual({ path: ['latitude'], message: expect.stringMatching(/fuori dal distretto: latitudine tra 45,05 e 46,00, longitudine tra 7,80 e 8,60/) });
  });
});

describe('rating aggregates', () => {
  it('averages to one decimal from three ratings, and hides fewer', () => {
    const row = (targetDocumentId: string, stars: number | string) => ({ targetType: 'practice' as const, targetDocumentId, stars });
    expect(aggregateRatings([row('b', 5), row('b', 4), row('b', '4'), row('a', 5), row('a', 5)])).toEqual([{ targetType: 'practice', targetDocumentId: 'b', average: 4.3, count: 3 }]);
  });
});

describe('moderation helpers', () => {
  it('makes summaries an editor can keep', () => {
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
