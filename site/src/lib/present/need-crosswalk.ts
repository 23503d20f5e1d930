/**
 * The national codes beside the need figures (the model's crosswalk): the open data's appended columns and
 * the method page's tables. The crosswalk is keyed by the default vocabulary's slugs; a category the CMS
 * added since has none, and gets empty cells.
 */
import { NEED_CATEGORIES, NEED_SERVICES, categoryCrosswalk, importAccepted, serviceCrosswalk, type NationalCode } from '@coesione/model';

/** The columns `/dati-aperti/bisogni.csv` appends to each figure, after the district's own. */
export const NATIONAL_COLUMNS = ['area_siuss', 'area_utenza_istat', 'caritas'] as const;

/** A figure's appended cells: its category's codes; empty for «tutte» and for a category the crosswalk lacks. */
export function nationalCells(category: string): string[] {
  const x = categoryCrosswalk(category);
  return x ? [x.siuss.code, x.istat.code, x.caritas.code] : NATIONAL_COLUMNS.map(() => '');
}

/** The crosswalk of the categories for `/dati-aperti/bisogni.json`: category → list → code and label. */
export function categoryCodesJson(): Record<string, Record<(typeof NATIONAL_COLUMNS)[number], { codice: string; etichetta: string; verificato: boolean }>> {
  const json = (n: NationalCode) => ({ codice: n.code, etichetta: n.label, verificato: n.status === 'confirmed' });
  return Object.fromEntries(
    NEED_CATEGORIES.map((c) => {
      const x = categoryCrosswalk(c.slug)!;
      return [c.slug, { area_siuss: json(x.siuss), area_utenza_istat: json(x.istat), caritas: json(x.caritas) }];
    }),
  );
}

/** One national code as the method page shows it. */
export interface CodeCell {
  code: string;
  label: string;
  /** Not read in the list itself: shown «da verificare». */
  unconfirmed: boolean;
  /** Accepted by the CSV import in place of the district's code. */
  accepted: boolean;
}

export interface CrosswalkRow {
  slug: string;
  name: string;
  /** One entry per column of the table, each with the codes of that list (none, one or more). */
  columns: CodeCell[][];
}

const cell = (kind: 'categories' | 'services', n: NationalCode): CodeCell => ({ code: n.code, label: n.label, unconfirmed: n.status !== 'confirmed', accepted: importAccepted(kind, n) });

/** The method page's table of categories: Caritas, SIUSS area, ISTAT area. */
export const categoryRows = (): CrosswalkRow[] =>
  NEED_CATEGORIES.map((c) => {
    const x = categoryCrosswalk(c.slug)!;
    return { slug: c.slug, name: c.name, columns: [x.caritas, x.siuss, x.istat].map((n) => [cell('categories', n)]) };
  });

/** The method page's table of services: CISIS nomenclator, SIUSS benefits. */
export const serviceRows = (): CrosswalkRow[] =>
  NEED_SERVICES.map((s) => {
    const x = serviceCrosswalk(s.slug)!;
    return { slug: s.slug, name: s.name, columns: [[cell('services', x.cisis)], x.siuss.map((n) => cell('services', n))] };
  });
