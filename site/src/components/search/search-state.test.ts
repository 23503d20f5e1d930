import { describe, expect, it } from 'vitest';
import { buildFilter, buildSort, emptyState, followSearchUrl, parseState, stateToSearch } from './search-state';

describe('search state in the URL', () => {
  it('round-trips every part of the state', () => {
    const state = { ...emptyState(), q: 'orti sociali', open: true, sort: 'date' as const, page: 3, near: { lat: 45.3239, lng: 8.4236, label: 'Vercelli' } };
    state.selected.type = ['practice', 'workshop'];
    state.selected.theme = ["Cittadinanza attiva e beni comuni"];
    const search = stateToSearch(state);
    expect(search).toContain('q=orti+sociali');
    expect(search).toContain('tipo=practice&tipo=workshop');
    expect(parseState(search)).toEqual(state);
  });

  it('ignores what it cannot read', () => {
    expect(parseState('?pagina=-4&vicino=abc&ordina=boh')).toEqual(emptyState());
    expect(stateToSearch(emptyState())).toBe('');
  });
});

describe('filters', () => {
  it('ORs values within a facet and ANDs facets, quoting values', () => {
    const state = emptyState();
    state.selected.type = ['practice', 'opportunity'];
    state.selected.comune = ["Borgo d'Ale"];
    expect(buildFilter(state, 0)).toEqual([['type = "practice"', 'type = "opportunity"'], ['municipalityNames = "Borgo d\'Ale"']]);
    expect(buildFilter(state, 0, 'type')).toEqual([['municipalityNames = "Borgo d\'Ale"']]);
  });

  it('keeps only opportunities open now, and places near a point', () => {
    const state = { ...emptyState(), open: true, near: { lat: 45.5, lng: 8.1, label: 'x' } };
    expect(buildFilter(state, 1000)).toEqual(['type = opportunity', 'deadline >= 1000 OR deadline IS NULL', '_geoRadius(45.5, 8.1, 15000)']);
    expect(buildSort(state)).toEqual(['_geoPoint(45.5, 8.1):asc']);
    expect(buildSort({ ...emptyState(), sort: 'date' })).toEqual(['publishedAt:desc']);
  });
});

describe('following a search by e-mail', () => {
  const comuni = [{ istat: '002158', name: 'Vercelli' }];
  it('carries the section, the comune by its ISTAT code and the words to the subscription form', () => {
    const state = { ...emptyState(), q: 'tirocinio' };
    state.selected.type = ['opportunity'];
    state.selected.comune = ['Vercelli'];
    expect(followSearchUrl('http://cms.example', state, comuni)).toBe('http://cms.example/api/iscrizioni?tipo=opportunity&comune=002158&parole=tirocinio');
  });

  it('is not offered where one subscription cannot say the same', () => {
    const twoTypes = emptyState();
    twoTypes.selected.type = ['opportunity', 'practice'];
    const theme = emptyState();
    theme.selected.theme = ['Lavoro'];
    const unknownComune = emptyState();
    unknownComune.selected.comune = ['Atlantide'];
    const place = { ...emptyState(), near: { lat: 45.3, lng: 8.4, label: 'Vercelli' } };
    for (const state of [twoTypes, theme, unknownComune, place, { ...emptyState(), open: true }]) expect(followSearchUrl('', state, comuni)).toBeNull();
  });
});
