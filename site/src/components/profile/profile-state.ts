/**
 * The page's answers as the browser holds them: read from the form or from the address's fragment (where
 * the page keeps them after an answer, so a reload shows the same results: a fragment is never sent to any
 * server), and the catalogue file checked before it is trusted. Pure functions: tested without a browser.
 */
import { PROFILE_PARAMS, type ProfileCatalogue } from '@coesione/model';

/** The query-like record readProfileAnswers reads (every value of each of the form's names). */
export function answersRecord(params: URLSearchParams): Record<string, string[]> {
  return Object.fromEntries(Object.values(PROFILE_PARAMS).map((name) => [name, params.getAll(name)]));
}

/**
 * The answers an address carries: its fragment (`#comune=…`, as the page writes it), else its query (a link
 * written by hand, or a page saved before); null when it carries none.
 */
export function answersInAddress(hash: string, search: string): URLSearchParams | null {
  for (const part of [hash.replace(/^#/, ''), search.replace(/^\?/, '')]) {
    const params = new URLSearchParams(part);
    if (Object.values(PROFILE_PARAMS).some((name) => params.has(name))) return params;
  }
  return null;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/** The catalogue file's content, or a CatalogueError when it is not one (a stale cache, a proxy's error page). */
export function checkCatalogue(value: unknown): ProfileCatalogue {
  const c = value as Partial<ProfileCatalogue> | null;
  if (!c || !Array.isArray(c.comuni) || !Array.isArray(c.themes) || !Array.isArray(c.entries)) throw new CatalogueError('Il catalogo delle opportunità non è nel formato atteso.');
  return c as ProfileCatalogue;
}
