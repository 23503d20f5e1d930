import { describe, expect, it } from 'vitest';
import { checkPayload, readErrors, sendSubmission, toPayload } from './form-core';

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe('the JSON body of a form', () => {
  it('uses the form\'s own field names, drops empty optional fields, types numbers and the consent', () => {
    const body = toPayload(form([['kind', 'segnalazione'], ['description', '  Manca una rampa  '], ['address', ''], ['latitude', '45.3'], ['longitude', '8.42'], ['consent', 'true'], ['website', '']]), 1234);
    expect(body).toEqual({ data: { kind: 'segnalazione', description: 'Manca una rampa', latitude: 45.3, longitude: 8.42, consent: true, website: '', startedAt: 1234 } });
  });

  it('says consent is missing when the box is not ticked', () => {
    expect(toPayload(form([['kind', 'valutazione'], ['stars', '4']]), 1).data).toMatchObject({ consent: false, stars: 4 });
  });
});

describe('the checks made before sending', () => {
  it('names every missing required field and the consent, in Italian', () => {
    const errors = checkPayload('proposta', { kind: 'proposta', consent: false });
    expect(errors.map((e) => e.field)).toEqual(['target', 'title', 'description', 'consent']);
    expect(errors[1]?.message).toBe('Scrivi un titolo per la proposta.');
  });

  it('counts characters, not UTF-16 units, against the limits', () => {
    expect(checkPayload('proposta', { target: 'practice', title: '😀'.repeat(200), description: 'x', consent: true })).toEqual([]);
    expect(checkPayload('proposta', { target: 'practice', title: 'x'.repeat(201), description: 'x', consent: true })[0]?.message).toMatch(/al massimo 200 caratteri \(ora ne ha 201\)/);
  });

  it('refuses an e-mail that cannot be one, and passes a complete rating', () => {
    expect(checkPayload('segnalazione', { category: 'altro', description: 'x', comune: '002158', email: 'nome@', consent: true }).map((e) => e.field)).toEqual(['email']);
    expect(checkPayload('valutazione', { stars: 5, consent: true })).toEqual([]);
  });
});

describe('the server\'s answers', () => {
  it('reads field errors from Strapi\'s error shape, with or without "data" in the path', () => {
    const body = { data: null, error: { status: 400, message: 'x', details: { errors: [{ path: ['data', 'title'], message: 'a' }, { path: [], message: 'b' }] } } };
    expect(readErrors(body)).toEqual([{ field: 'title', message: 'a' }, { message: 'b' }]);
    expect(readErrors('not json')).toEqual([]);
  });

  const answer = (status: number, body: unknown) => (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;

  it('returns the receipt on 201, the Italian message on 4xx, a safe message on 5xx and on network failure', async () => {
    expect(await sendSubmission('http://cms', { data: {} }, answer(201, { data: { receipt: 'ABCD-EFGH-JKMN', state: 'ricevuta', stateLabel: 'Ricevuta' } }))).toEqual({ ok: true, receipt: 'ABCD-EFGH-JKMN', stateLabel: 'Ricevuta' });
    expect(await sendSubmission('http://cms', { data: {} }, answer(429, { data: null, error: { status: 429, message: 'Troppi invii.' } }))).toEqual({ ok: false, summary: 'Troppi invii.', errors: [] });
    expect(await sendSubmission('http://cms', { data: {} }, answer(502, '<html>Bad gateway</html>'))).toMatchObject({ ok: false, summary: expect.stringContaining('errore 502') });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(await sendSubmission('http://cms', { data: {} }, offline)).toMatchObject({ ok: false, summary: expect.stringContaining('ancora nel modulo') });
  });
});
