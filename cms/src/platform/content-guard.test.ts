import { errors } from '@strapi/utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_TYPES } from './content-types';
import { coordinateProblem, missingRequired, registerContentGuard } from './content-guard';
import { createFakeStrapi, type FakeStrapi } from '../../test-support/fake-strapi';

describe('coordinateProblem', () => {
  it.each([
    [{ latitude: 45.3239, longitude: 8.4236 }, 'Vercelli'],
    [{ latitude: '45.85', longitude: '7.94' }, 'Alagna (as text from a form)'],
    [{ latitude: 35.5, longitude: 12.6 }, 'Lampedusa'],
    [{ latitude: 45.3 }, 'incomplete (left to the required check)'],
  ])('accepts %o (%s)', (point: Record<string, unknown>, _why: string) => expect(coordinateProblem(point)).toBeUndefined());

  it.each([
    [{ latitude: 91, longitude: 8 }, /latitudine 91 non è valida/],
    [{ latitude: 'abc', longitude: 8 }, /latitudine abc non è valida/],
    [{ latitude: 45, longitude: 181 }, /longitudine 181 non è valida/],
    [{ latitude: 51.5, longitude: -0.12 }, /fuori dall'Italia/],
  ])('refuses %o', (point, message) => expect(coordinateProblem(point)).toMatch(message));
});

describe('missingRequired', () => {
  const schema = {
    attributes: {
      title: { type: 'string', required: true },
      slug: { type: 'uid', required: true },
      summary: { type: 'text', required: true },
      body: { type: 'blocks' },
    },
  };
  it('names required fields absent on create (uids are filled by Strapi)', () => {
    expect(missingRequired(schema, { title: 'Titolo', summary: '  ' }, true)).toEqual(['summary']);
  });
  it('on update, only fields the update empties', () => {
    expect(missingRequired(schema, { body: [] }, false)).toEqual([]);
    expect(missingRequired(schema, { title: null }, false)).toEqual(['title']);
  });
});

describe('the content guard', () => {
  const PRACTICE = 'api::practice.practice';
  const LONDON = { latitude: 51.5, longitude: -0.12 };
  const VERCELLI = { latitude: 45.3239, longitude: 8.4236 };
  const complete = { title: 'Orto condiviso', summary: 'Un orto condiviso tra vicini.' };
  let strapi: FakeStrapi;

  beforeEach(() => {
    strapi = createFakeStrapi();
    registerContentGuard(strapi, PUBLIC_TYPES);
  });

  /** The error a call is refused with, and the proof that nothing was written. */
  async function refusal(action: string, params: Record<string, unknown>) {
    const error: unknown = await strapi.run({ uid: PRACTICE, action, params }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(strapi.calls).toEqual([]);
    if (!(error instanceof errors.ValidationError)) throw new Error(`not refused with a ValidationError: ${String(error)}`);
    return { message: error.message, details: error.details };
  }

  it.each(['create', 'update'])('refuses a point outside Italy on %s, naming it and the field', async (action) => {
    const { message, details } = await refusal(action, { documentId: 'p1', data: { location: { address: 'Piazza Roma 1', ...LONDON } } });
    expect(message).toBe("Il punto (51.5, -0.12) è fuori dall'Italia: latitudine ammessa 35.4–47.1, longitudine 6.6–18.6. Controlla di non aver invertito latitudine e longitudine.");
    expect(details).toEqual({ errors: [{ path: ['location', 'latitude'], message, name: 'ValidationError', value: 51.5 }] });
  });

  it('points at the item of a list of places, and at a type’s own coordinates', async () => {
    await expect(strapi.run({ uid: 'api::opportunity.opportunity', action: 'update', params: { data: { locations: [{ ...VERCELLI }, { ...LONDON }] } } })).rejects.toMatchObject({
      details: { errors: [{ path: ['locations', '1', 'latitude'] }] },
    });
    await expect(strapi.run({ uid: 'api::municipality.municipality', action: 'create', params: { data: { name: 'Londra', latitude: 'abc', longitude: 8 } } })).rejects.toThrow(/latitudine abc non è valida/);
  });

  it('lets a point in Italy through untouched', async () => {
    const data = { ...complete, location: { address: 'Piazza Cavour', ...VERCELLI } };
    await strapi.run({ uid: PRACTICE, action: 'create', params: { data: structuredClone(data), status: 'published' } });
    expect(strapi.calls.map((c) => c.params.data)).toEqual([data]);
  });

  it('refuses to publish without the required fields, naming them', async () => {
    // The slug is filled by Strapi from the title, and state and evidence level have defaults.
    const { message, details } = await refusal('create', { status: 'published', data: { body: [] } });
    expect(message).toBe('I campi «title», «summary» sono obbligatori per pubblicare.');
    expect(details).toMatchObject({ errors: [{ path: ['title'] }] });
    const emptied = await refusal('update', { documentId: 'p1', status: 'published', data: { summary: '  ' } });
    expect(emptied.message).toBe('Il campo «summary» è obbligatorio per pubblicare.');
  });

  it('lets a draft be incomplete, and an update leave out what it does not change', async () => {
    await strapi.run({ uid: PRACTICE, action: 'create', params: { data: { title: 'Appunti' } } });
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', status: 'published', data: { title: 'Nuovo titolo' } } });
    expect(strapi.calls).toHaveLength(2);
  });

  it('guards only the public types', async () => {
    await strapi.run({ uid: 'api::submission.submission', action: 'create', params: { status: 'published', data: { latitude: 51.5, longitude: -0.12 } } });
    expect(strapi.calls).toHaveLength(1);
  });
});
