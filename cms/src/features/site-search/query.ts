/**
 * The query of `GET /api/cerca`, read from the same parameters as the site's /cerca/ page (`q`, `tipo`,
 * `comune`, `pagina`: @coesione/search's contract, `SEARCH_PARAMS`), so a link works on both. Bad input is
 * refused with one Italian message per parameter, never trimmed into something the person did not ask.
 */
import { EDITORIAL_KEYS, TYPES, type EditorialKey } from '@coesione/model';
import { SEARCH_LIMITS, SEARCH_PARAMS as PARAM } from '@coesione/search';

export interface SearchQuery {
  q: string;
  types: EditorialKey[];
  comuni: string[];
  page: number;
}

export interface QueryError {
  param: string;
  message: string;
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; errors: QueryError[]; query: SearchQuery };

const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const isEditorial = (value: string): value is EditorialKey => (EDITORIAL_KEYS as readonly string[]).includes(value);

/** Reads Koa's parsed query (a value is a string or an array of strings). */
export function parseQuery(params: Record<string, unknown>): ParsedQuery {
  const errors: QueryError[] = [];
  const query: SearchQuery = { q: '', types: [], comuni: [], page: 1 };

  const [q, ...moreQ] = list(params[PARAM.q]);
  if (moreQ.length > 0 || (q !== undefined && typeof q !== 'string')) errors.push({ param: PARAM.q, message: 'Scrivi una sola ricerca.' });
  else if (typeof q === 'string') {
    const text = q.replace(/\s+/g, ' ').trim();
    if (text.length > SEARCH_LIMITS.q) errors.push({ param: PARAM.q, message: `La ricerca è troppo lunga: al massimo ${SEARCH_LIMITS.q} caratteri (ne hai scritti ${text.length}).` });
    else query.q = text;
  }

  const types = list(params[PARAM.type]).filter((t) => t !== '');
  const unknown = types.filter((t) => typeof t !== 'string' || !isEditorial(t));
  if (unknown.length > 0) {
    const known = EDITORIAL_KEYS.map((k) => TYPES[k].label).join(', ');
    errors.push({ param: PARAM.type, message: `Tipo di contenuto sconosciuto: «${String(unknown[0]).slice(0, 40)}». I tipi sono: ${known}.` });
  } else if (types.length > SEARCH_LIMITS.values) errors.push({ param: PARAM.type, message: `Scegli al massimo ${SEARCH_LIMITS.values} tipi.` });
  else query.types = [...new Set(types as EditorialKey[])];

  const comuni = list(params[PARAM.comune]).filter((c) => c !== '');
  if (comuni.some((c) => typeof c !== 'string' || c.length > SEARCH_LIMITS.comune)) errors.push({ param: PARAM.comune, message: `Il nome del comune è troppo lungo: al massimo ${SEARCH_LIMITS.comune} caratteri.` });
  else if (comuni.length > SEARCH_LIMITS.values) errors.push({ param: PARAM.comune, message: `Scegli al massimo ${SEARCH_LIMITS.values} comuni.` });
  else query.comuni = [...new Set(comuni as string[])];

  const [page, ...morePages] = list(params[PARAM.page]);
  if (page !== undefined && page !== '') {
    const n = Number(page);
    if (morePages.length > 0 || typeof page !== 'string' || !Number.isInteger(n) || n < 1 || n > SEARCH_LIMITS.pages) {
      errors.push({ param: PARAM.page, message: `La pagina deve essere un numero da 1 a ${SEARCH_LIMITS.pages}.` });
    } else query.page = n;
  }

  return errors.length > 0 ? { ok: false, errors, query } : { ok: true, query };
}

/** The query as URL parameters again (for the pages' links), in the site's names. */
export function toParams(query: SearchQuery, page = query.page): string {
  const params = new URLSearchParams();
  if (query.q) params.set(PARAM.q, query.q);
  for (const t of query.types) params.append(PARAM.type, t);
  for (const c of query.comuni) params.append(PARAM.comune, c);
  if (page > 1) params.set(PARAM.page, String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
