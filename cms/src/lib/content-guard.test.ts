import { describe, expect, it } from 'vitest';
import { coordinateProblem, missingRequired } from './content-guard';

describe('coordinateProblem', () => {
  it.each([
    [{ latitude: 45.3239, longitude: 8.4236 }, 'Vercelli'],
    [{ latitude: '45.85', longitude: '7.94' }, 'Alagna (as text from a form)'],
    [{ latitude: 35.5, longitude: 12.6 }, 'Lampedusa'],
    [{ latitude: 45.3 }, 'incomplete (left to the required check)'],
  ])('accepts %o (%s)', (point) => expect(coordinateProblem(point)).toBeUndefined());

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
