/**
 * The map's filters: applied in the browser to the places of the GeoJSON, and turned into a Meilisearch
 * query for "Cerca in quest'area" with the search page's own filter syntax (search-state.ts).
 */
import type { PlaceFeature, PlaceType } from '~/lib/present/places';
import { buildFilter, emptyState, type SearchState } from '../search/search-state';

export interface MapFilters {
  /** Empty: every type. */
  types: PlaceType[];
  /** Theme slug, or '' for every theme. */
  theme: string;
  /** ISTAT code of a comune, or '' for the whole district. */
  comune: string;
  /** Only opportunities still open (as on the search page). */
  open: boolean;
}

export const noFilters = (): MapFilters => ({ types: [], theme: '', comune: '', open: false });

export function matches(feature: PlaceFeature, filters: MapFilters): boolean {
  const p = feature.properties;
  if (filters.types.length > 0 && !filters.types.includes(p.type)) return false;
  if (filters.theme && !p.themes.includes(filters.theme)) return false;
  if (filters.comune && p.istat !== filters.comune) return false;
  if (filters.open && !(p.type === 'opportunity' && p.open === true)) return false;
  return true;
}

/** [west, south, east, north], as GeoJSON and supercluster write boxes. */
export type Box = [number, number, number, number];

export const inBox = (feature: PlaceFeature, [west, south, east, north]: Box): boolean => {
  const [lng, lat] = feature.geometry.coordinates;
  return lng >= west && lng <= east && lat >= south && lat <= north;
};

/** Meilisearch's box is [north-east corner], [south-west corner], each as lat, lng. */
export const geoBoundingBox = ([west, south, east, north]: Box): string => `_geoBoundingBox([${north}, ${east}], [${south}, ${west}])`;

/**
 * The filter of an area search: the box plus the active filters, written as the search page writes them
 * (themes and comuni by name, the facets of the index).
 */
export function areaFilter(filters: MapFilters, box: Box, names: { theme?: string | undefined; comune?: string | undefined }, nowSeconds: number): (string | string[])[] {
  const state: SearchState = emptyState();
  state.selected.type = [...filters.types];
  if (names.theme) state.selected.theme = [names.theme];
  if (names.comune) state.selected.comune = [names.comune];
  state.open = filters.open;
  return [...buildFilter(state, nowSeconds), geoBoundingBox(box)];
}
