import { describe, expect, it } from 'vitest';
import type { PlaceFeature } from '~/lib/present/places';
import { areaFilter, geoBoundingBox, inBox, matches, noFilters } from './map-filters';

const feature = (type: PlaceFeature['properties']['type'], extra: Partial<PlaceFeature['properties']> = {}): PlaceFeature => ({
  type: 'Feature',
  id: 'x',
  geometry: { type: 'Point', coordinates: [8.42, 45.32] },
  properties: { id: 'x', type, typeLabel: '', title: 't', url: '/u/', label: null, address: 'a', comune: 'Vercelli', istat: '002158', comuneSlug: 'vercelli', themes: ['lavoro'], open: type === 'opportunity' ? true : null, ...extra },
});

describe('map filters', () => {
  it('keep what matches type, theme, comune and open opportunities', () => {
    expect(matches(feature('practice'), noFilters())).toBe(true);
    expect(matches(feature('practice'), { ...noFilters(), types: ['organization'] })).toBe(false);
    expect(matches(feature('practice'), { ...noFilters(), theme: 'salute' })).toBe(false);
    expect(matches(feature('practice'), { ...noFilters(), comune: '002133' })).toBe(false);
    expect(matches(feature('practice'), { ...noFilters(), open: true })).toBe(false);
    expect(matches(feature('opportunity'), { ...noFilters(), open: true })).toBe(true);
    expect(matches(feature('opportunity', { open: false }), { ...noFilters(), open: true })).toBe(false);
  });

  it('test a box as [west, south, east, north]', () => {
    expect(inBox(feature('practice'), [8.4, 45.3, 8.5, 45.4])).toBe(true);
    expect(inBox(feature('practice'), [8.43, 45.3, 8.5, 45.4])).toBe(false);
  });

  it('write Meilisearch\'s box as north-east then south-west corner, each lat, lng', () => {
    expect(geoBoundingBox([8.4, 45.3, 8.5, 45.4])).toBe('_geoBoundingBox([45.4, 8.5], [45.3, 8.4])');
  });

  it('send the active filters with the search page\'s syntax, names for theme and comune', () => {
    const filter = areaFilter({ types: ['opportunity'], theme: 'lavoro', comune: '002158', open: true }, [8.4, 45.3, 8.5, 45.4], { theme: 'Lavoro', comune: 'Vercelli' }, 1000);
    expect(filter).toEqual([
      ['type = "opportunity"'],
      ['themeNames = "Lavoro"'],
      ['municipalityNames = "Vercelli"'],
      'type = opportunity',
      'deadline >= 1000 OR deadline IS NULL',
      '_geoBoundingBox([45.4, 8.5], [45.3, 8.4])',
    ]);
  });
});
