/** Pages of a section list: 20 cards a page, page 1 at /<section>/, the others at /<section>/pagina/N/. */
export const PAGE_SIZE = 20;

/** Which list route builds a page: `first` is /<section>/, `rest` is /<section>/pagina/N/. */
export type ListRoute = 'first' | 'rest';

/**
 * How many pages a list of `count` cards has, and which of them `route` builds. Each page number belongs
 * to exactly one route: Astro keeps only the last of two entries with the same params, silently.
 */
export function pageNumbers(count: number, route: ListRoute): { last: number; pages: number[] } {
  const last = Math.max(1, Math.ceil(count / PAGE_SIZE));
  return { last, pages: route === 'first' ? [1] : Array.from({ length: last - 1 }, (_, i) => i + 2) };
}

/** Where page `page` of a list at `base` (e.g. /buone-prassi/) lives. */
export const pageHref = (base: string, page: number): string => (page === 1 ? base : `${base}pagina/${page}/`);
