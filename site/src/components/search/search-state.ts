/**
 * The search page's state, kept in the URL (shareable, back button works), and the Meilisearch
 * filters it stands for. Pure functions: tested without a browser. The URL's parameters and limits are
 * those the CMS's `GET /api/cerca` reads too (@coesione/search/contract).
 */
import { ISLAND_FILTER_VALUES, quote, SEARCH_LIMITS, SEARCH_PARAMS as PARAM } from '@coesione/search/contract';
import { isFollowable, subscribeUrl, SUBSCRIPTION_LIMITS } from '@coesione/model';

export const FACETS = {
  type: { param: PARAM.type, attribute: 'type', legend: 'Tipo di contenuto' },
  theme: { param: PARAM.theme, attribute: 'themeNames', legend: 'Area tematica' },
  group: { param: PARAM.group, attribute: 'targetGroupNames', legend: 'Destinatari' },
  comune: { param: PARAM.comune, attribute: 'municipalityNames', legend: 'Comune' },
  kind: { param: PARAM.kind, attribute: 'kind', legend: 'Genere' },
} as const;
export type FacetKey = keyof typeof FACETS;
export const FACET_KEYS = Object.keys(FACETS) as FacetKey[];

export interface Near {
  lat: number;
  lng: number;
  /** "la tua posizione" or a comune's name. */
  label: string;
}

export interface SearchState {
  q: string;
  selected: Record<FacetKey, string[]>;
  open: boolean;
  sort: 'relevance' | 'date';
  page: number;
  near: Near | null;
}

export const RADIUS_METERS = 15_000;

export const emptyState = (): SearchState => ({
  q: '',
  selected: { type: [], theme: [], group: [], comune: [], kind: [] },
  open: false,
  sort: 'relevance',
  page: 1,
  near: null,
});

export function parseState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const state = emptyState();
  state.q = (params.get(PARAM.q) ?? '').slice(0, SEARCH_LIMITS.q);
  for (const key of FACET_KEYS) state.selected[key] = params.getAll(FACETS[key].param).filter(Boolean).slice(0, ISLAND_FILTER_VALUES);
  state.open = params.get(PARAM.open) === '1';
  state.sort = params.get(PARAM.sort) === 'data' ? 'date' : 'relevance';
  const page = Number(params.get(PARAM.page));
  state.page = Number.isInteger(page) && page > 1 ? page : 1;
  const near = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(params.get(PARAM.near) ?? '');
  if (near) {
    const lat = Number(near[1]);
    const lng = Number(near[2]);
    if (Math.abs(lat) <= 90 && Math.abs(lng) <= 180) state.near = { lat, lng, label: params.get(PARAM.place) ?? 'il punto scelto' };
  }
  return state;
}

export function stateToSearch(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.q) params.set(PARAM.q, state.q);
  for (const key of FACET_KEYS) for (const value of state.selected[key]) params.append(FACETS[key].param, value);
  if (state.open) params.set(PARAM.open, '1');
  if (state.sort === 'date') params.set(PARAM.sort, 'data');
  if (state.page > 1) params.set(PARAM.page, String(state.page));
  if (state.near) {
    params.set(PARAM.near, `${state.near.lat.toFixed(4)},${state.near.lng.toFixed(4)}`);
    params.set(PARAM.place, state.near.label);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Filters for `state`; `except` leaves one facet out (for disjunctive facet counts). */
export function buildFilter(state: SearchState, nowSeconds: number, except?: FacetKey): (string | string[])[] {
  const filter: (string | string[])[] = [];
  for (const key of FACET_KEYS) {
    if (key === except || state.selected[key].length === 0) continue;
    filter.push(state.selected[key].map((value) => `${FACETS[key].attribute} = ${quote(value)}`));
  }
  if (state.open) filter.push('type = opportunity', `deadline >= ${nowSeconds} OR deadline IS NULL`);
  if (state.near) filter.push(`_geoRadius(${state.near.lat}, ${state.near.lng}, ${RADIUS_METERS})`);
  return filter;
}

export function buildSort(state: SearchState): string[] | undefined {
  if (state.near) return [`_geoPoint(${state.near.lat}, ${state.near.lng}):asc`];
  if (state.sort === 'date') return ['publishedAt:desc'];
  return undefined;
}

/**
 * «Ricevi per e-mail le novità di questa ricerca»: the CMS's subscription form with this search's section,
 * comune (by ISTAT code) and words, as the page without JavaScript offers it. Only where one subscription
 * says the same: at most one section and one comune, and no filter a subscription cannot carry (theme and
 * target group are names here, not the slugs a subscription keeps; open offers and nearness are not news).
 */
export function followSearchUrl(cmsUrl: string, state: SearchState, comuni: readonly { istat: string; name: string }[]): string | null {
  const { type, comune, theme, group, kind } = state.selected;
  if (type.length > 1 || comune.length > 1 || theme.length + group.length + kind.length > 0 || state.open || state.near) return null;
  const section = type[0];
  if (state.q.length > SUBSCRIPTION_LIMITS.words || (section !== undefined && !isFollowable(section))) return null;
  const istat = comune[0] === undefined ? undefined : comuni.find((c) => c.name === comune[0])?.istat;
  if (comune[0] !== undefined && istat === undefined) return null;
  const words = state.q.trim();
  return subscribeUrl(cmsUrl, { ...(section ? { type: section } : {}), ...(istat ? { comune: istat } : {}), ...(words ? { words } : {}) });
}
