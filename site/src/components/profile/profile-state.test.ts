import { describe, expect, it } from 'vitest';
import { answersInAddress, answersRecord, checkCatalogue } from './profile-state';

describe('the answers in the browser', () => {
  it('reads every value of each of the form’s names, and nothing else', () => {
    const params = new URLSearchParams('comune=002158&situazione=lavoro&situazione=cura&tema=abitare&altro=x');
    expect(answersRecord(params)).toEqual({ comune: ['002158'], eta: [], situazione: ['lavoro', 'cura'], tema: ['abitare'] });
  });

  it('finds the answers in the fragment first, then in the query, and none in an address without them', () => {
    expect(answersInAddress('#comune=002158&eta=18-29', '?comune=002061')?.toString()).toBe('comune=002158&eta=18-29');
    expect(answersInAddress('', '?situazione=lavoro')?.toString()).toBe('situazione=lavoro');
    expect(answersInAddress('#contenuto', '')).toBeNull();
  });

  it('trusts only a file shaped as the catalogue', () => {
    expect(checkCatalogue({ comuni: [], themes: [], entries: [] })).toEqual({ comuni: [], themes: [], entries: [] });
    expect(() => checkCatalogue('<html>')).toThrow('Il catalogo delle opportunità non è nel formato atteso.');
    expect(() => checkCatalogue(null)).toThrow();
  });
});
