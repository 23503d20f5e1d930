/**
 * Every geolocated public place (practices, opportunities, workshops, pacts, sites of organisations) as one
 * flat list and as RFC 7946 GeoJSON: what `/mappa/`, the small maps and `/dati-aperti/luoghi.geojson`
 * read. Pure functions over the content entries (type-only imports), tested without a build.
 */
import { pageUrl } from '@coesione/model';
import { SECTIONS, type SectionType, type SectionData, type SectionEntry } from './sections';
import { opportunityState } from './format';

/** The types that have places, in the order the map legend lists them. */
export const PLACE_TYPES = ['practice', 'opportunity', 'workshop', 'pact', 'organization'] as const satisfies readonly SectionType[];
export type PlaceType = (typeof PLACE_TYPES)[number];

/** One place: an entry with two locations gives two places. These are the GeoJSON properties. */
export interface PlaceProperties {
  /** Unique in the collection: `<type>/<slug>/<n>`. */
  id: string;
  type: PlaceType;
  /** "Buona prassi", "Opportunità", "Laboratorio", "Ente". */
  typeLabel: string;
  title: string;
  /** Site-relative URL of the detail page. */
  url: string;
  /** The place's own label ("Sede centrale"), if any. */
  label: string | null;
  address: string;
  comune: string | null;
  /** ISTAT code of the comune (6 digits). */
  istat: string | null;
  comuneSlug: string | null;
  /** Theme slugs of the entry. */
  themes: string[];
  /** Opportunities only: open at build time (deadline not passed); null for the other types. */
  open: boolean | null;
}

export interface Place extends PlaceProperties {
  lat: number;
  lng: number;
}

export interface PlaceFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: PlaceProperties;
}

export interface PlaceCollection {
  type: 'FeatureCollection';
  bbox?: [number, number, number, number];
  features: PlaceFeature[];
}

export type Location = { label?: string | null | undefined; address: string; latitude: number; longitude: number; municipality?: { name: string; slug: string; istatCode: string } | null | undefined };

/** Where an entry happens: its location, its locations or its sites, in that order. */
export function locationsOf(data: SectionData): Location[] {
  const list: Location[] = [];
  if ('location' in data && data.location) list.push(data.location);
  if ('locations' in data) list.push(...data.locations);
  if ('sites' in data) list.push(...data.sites);
  return list;
}

/** The places of one entry (none when it has no location). */
export function placesOf(type: PlaceType, entry: SectionEntry, now: Date): Place[] {
  const data = entry.data;
  const title = 'title' in data ? data.title : data.name;
  const open = 'deadline' in data ? opportunityState(data.deadline, now).open : null;
  return locationsOf(data)
    .filter((l) => Number.isFinite(l.latitude) && Number.isFinite(l.longitude))
    .map((l, i) => ({
      id: `${type}/${data.slug}/${i + 1}`,
      type,
      typeLabel: SECTIONS[type].singular,
      title,
      url: pageUrl(type, data.slug),
      label: l.label ?? null,
      address: l.address,
      comune: l.municipality?.name ?? null,
      istat: l.municipality?.istatCode ?? null,
      comuneSlug: l.municipality?.slug ?? null,
      themes: data.themes.map((t) => t.slug),
      open,
      lat: l.latitude,
      lng: l.longitude,
    }));
}

/** Places of every type, sorted by comune, then title (the reading order of the list). */
export function collectPlaces(entries: Record<PlaceType, SectionEntry[]>, now: Date): Place[] {
  return PLACE_TYPES.flatMap((type) => entries[type].flatMap((e) => placesOf(type, e, now))).sort(
    (a, b) => Number(a.comune === null) - Number(b.comune === null) || (a.comune ?? '').localeCompare(b.comune ?? '', 'it') || a.title.localeCompare(b.title, 'it') || a.id.localeCompare(b.id),
  );
}

// 6 decimals ≈ 0.1 m: enough for an address, and a smaller file.
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** RFC 7946: coordinates are [longitude, latitude]; the bbox is the extent of the features. */
export function toFeatureCollection(places: Place[]): PlaceCollection {
  const features = places.map(({ lat, lng, ...properties }): PlaceFeature => ({
    type: 'Feature',
    id: properties.id,
    geometry: { type: 'Point', coordinates: [round(lng), round(lat)] },
    properties,
  }));
  if (features.length === 0) return { type: 'FeatureCollection', features };
  const lngs = features.map((f) => f.geometry.coordinates[0]);
  const lats = features.map((f) => f.geometry.coordinates[1]);
  return { type: 'FeatureCollection', bbox: [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)], features };
}

export interface ComuneGroup {
  /** null: places with no comune, listed last. */
  comune: string | null;
  slug: string | null;
  places: Place[];
}

/** Places grouped by comune, in the order of `places` (already sorted by comune). */
export function groupByComune(places: Place[]): ComuneGroup[] {
  const groups = new Map<string, ComuneGroup>();
  for (const place of places) {
    const key = place.istat ?? '';
    const group = groups.get(key) ?? { comune: place.comune, slug: place.comuneSlug, places: [] };
    group.places.push(place);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export const insideBbox = (lng: number, lat: number, [west, south, east, north]: readonly number[]): boolean =>
  lng >= west! && lng <= east! && lat >= south! && lat <= north!;
