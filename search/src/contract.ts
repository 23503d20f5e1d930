/**
 * What the site's search island and the CMS's `GET /api/cerca` agree on across the process boundary: the
 * index, what a result shows, the answer of the route, the `/cerca/` parameters and their limits. One home,
 * so the two sides cannot drift apart unnoticed.
 *
 * Browser-safe: no Node module, no Meilisearch client, nothing at run time but these values. The island
 * imports it as `@coesione/search/contract` (built as ESM too, package.json `exports`); the CMS and the
 * scripts through the package's main entry, which re-exports it.
 */
import type { EditorialKey } from '@coesione/model';

/** The public index: one index holding every public type. */
export const INDEX_UID = 'content';

/** What a result shows, on the site and on the CMS's page: public fields of the index's documents (documents.ts). */
export interface SearchHit {
  type: EditorialKey;
  url: string;
  title: string;
  summary: string;
  municipalityNames: string[];
  /** Unix seconds (opportunities). */
  deadline: number | null;
  /** Unix seconds (workshops). */
  nextSession: number | null;
}

/**
 * The fields a search retrieves: exactly a hit's (a field added to `SearchHit` and not here fails to
 * compile). A whole document (body text, places, facets) is many times larger, on a phone's connection.
 */
export const HIT_FIELDS = Object.keys({
  type: 0,
  url: 0,
  title: 0,
  summary: 0,
  municipalityNames: 0,
  deadline: 0,
  nextSession: 0,
} satisfies Record<keyof SearchHit, 0>) as (keyof SearchHit)[];

/** Results per page, on the site and on the CMS's page. */
export const HITS_PER_PAGE = 10;

/** The CMS's search route: the no-JavaScript form's action, the island's fallback when Meilisearch fails. */
export const SEARCH_ROUTE = '/api/cerca';

/** The answer of `GET /api/cerca` (as JSON, `{ data: SearchAnswer }`, when asked with `Accept: application/json`). */
export interface SearchAnswer {
  hits: SearchHit[];
  totalHits: number;
  page: number;
  totalPages: number;
  /** True when Meilisearch did not answer and the results come from titles and summaries only. */
  reduced: boolean;
  /** «Forse cercavi…»: the query with its typos corrected, when almost nothing holds all its words. */
  suggestion: string | null;
}

/**
 * The URL parameters of the site's /cerca/ page. The CMS's route reads the first four (`q`, `tipo`,
 * `comune`, `pagina`), so a link works on both; the others are the island's own filters.
 */
export const SEARCH_PARAMS = {
  q: 'q',
  type: 'tipo',
  comune: 'comune',
  page: 'pagina',
  theme: 'tema',
  group: 'destinatari',
  kind: 'genere',
  open: 'aperte',
  sort: 'ordina',
  near: 'vicino',
  place: 'luogo',
} as const;

/**
 * What `GET /api/cerca` accepts (more is refused, never trimmed): the query's length, a comune name's
 * length, values per filter, pages. The island trims what it sends to the route to these, and reads a
 * query no longer than `q` from its own URL.
 */
export const SEARCH_LIMITS = { q: 200, comune: 100, values: 10, pages: 100 } as const;

/** Values per filter the island reads from its URL (it filters Meilisearch itself, beyond the route's `values`). */
export const ISLAND_FILTER_VALUES = 50;

/** A Meilisearch filter value, quoted and escaped: a value can never become a filter of its own. */
export const quote = (value: string): string => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
