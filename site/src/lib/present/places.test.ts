import { describe, expect, it } from 'vitest';
import type { SectionEntry } from './sections';
import { DISTRICT_BBOX } from '@coesione/model';
import { collectPlaces, groupByComune, insideBbox, placesOf, toFeatureCollection } from './places';

const vercelli = { name: 'Vercelli', slug: 'vercelli', istatCode: '002158' };
const santhia = { name: 'Santhià', slug: 'santhia', istatCode: '002133' };
const common = { documentId: 'd', summary: 's', themes: [{ name: 'Lavoro', slug: 'lavoro' }], targetGroups: [], municipalities: [], publishedAt: '', updatedAt: '' };
const entry = (data: Record<string, unknown>) => ({ id: 'x', data: { ...common, ...data } }) as unknown as SectionEntry;
const now = new Date('2026-11-24T10:00:00Z');

const opportunity = entry({
  slug: 'tirocini',
  title: 'Tirocini',
  deadline: '2026-11-20',
  locations: [
    { address: 'Via Roma 1', latitude: 45.32, longitude: 8.42, municipality: vercelli },
    { address: 'Piazza Libertà 2', latitude: 45.17, longitude: 8.05, municipality: santhia },
  ],
});
const practice = entry({ slug: 'orti', title: 'Orti', location: { address: 'Via Po 3', latitude: 45.33, longitude: 8.41, municipality: vercelli } });
const organization = entry({ slug: 'ente', name: 'Ente', sites: [{ label: 'Sede', address: 'Via Dante 4', latitude: 45.31, longitude: 8.43, municipality: null }] });
const workshop = entry({ slug: 'sartoria', title: 'Sartoria', location: null });

describe('placesOf', () => {
  it('gives one place per location, with the entry\'s type, title, url, comune and state', () => {
    const places = placesOf('opportunity', opportunity, now);
    expect(places).toHaveLength(2);
    expect(places[0]).toMatchObject({ id: 'opportunity/tirocini/1', type: 'opportunity', typeLabel: 'Opportunità', title: 'Tirocini', url: '/opportunita/tirocini/', comune: 'Vercelli', istat: '002158', themes: ['lavoro'], open: false, lat: 45.32, lng: 8.42 });
    expect(places[1]).toMatchObject({ id: 'opportunity/tirocini/2', comune: 'Santhià' });
  });
  it('uses the name of organisations, has no state for other types, and nothing without a location', () => {
    expect(placesOf('organization', organization, now)[0]).toMatchObject({ title: 'Ente', url: '/enti/ente/', label: 'Sede', comune: null, open: null });
    expect(placesOf('practice', practice, now)[0]?.open).toBeNull();
    expect(placesOf('workshop', workshop, now)).toEqual([]);
  });
});

describe('the collection', () => {
  const places = collectPlaces({ practice: [practice], opportunity: [opportunity], workshop: [workshop], pact: [], organization: [organization] }, now);

  it('is sorted by comune then title, places without a comune last', () => {
    expect(places.map((p) => `${p.comune}:${p.title}`)).toEqual(['Santhià:Tirocini', 'Vercelli:Orti', 'Vercelli:Tirocini', 'null:Ente']);
    expect(groupByComune(places).map((g) => [g.comune, g.places.length])).toEqual([['Santhià', 1], ['Vercelli', 2], [null, 1]]);
  });

  it('is RFC 7946 GeoJSON: [longitude, latitude], a bbox of the features, properties without coordinates', () => {
    const geojson = toFeatureCollection(places);
    expect(geojson.type).toBe('FeatureCollection');
    expect(geojson.features[0]).toMatchObject({ type: 'Feature', id: 'opportunity/tirocini/2', geometry: { type: 'Point', coordinates: [8.05, 45.17] } });
    expect(geojson.features[0]?.properties).not.toHaveProperty('lat');
    expect(geojson.bbox).toEqual([8.05, 45.17, 8.43, 45.33]);
    for (const f of geojson.features) expect(insideBbox(...f.geometry.coordinates, DISTRICT_BBOX)).toBe(true);
    expect(toFeatureCollection([])).toEqual({ type: 'FeatureCollection', features: [] });
  });

  it('knows what lies outside the district', () => {
    expect(insideBbox(7.68, 45.07, DISTRICT_BBOX)).toBe(false); // Torino
    expect(insideBbox(8.42, 45.32, DISTRICT_BBOX)).toBe(true); // Vercelli
  });
});
