/**
 * The quarterly digest of a comune or an ambito: one row per need category (and, for an ambito, per
 * age band), the same rows for the printable HTML page and for its CSV, so the two never differ.
 */
import { AGE_BANDS, ALL, csv, yearBefore, type NeedReporting } from '@coesione/model';
import { figureText, percentText, quarterState, ratePer1000, rateText, type NeedFigures, type Release } from './need-figures';

export interface DigestRow {
  category: string;
  categoryName: string;
  ageBand: string;
  ageBandName: string;
  /** null: suppressed (or not published). */
  people: number | null;
  suppressed: boolean;
  text: string;
  rate: number | null;
  rateText: string;
  before: number | null;
  beforeText: string;
  change: string;
  /** Change on the year before as a whole percentage, for the CSV. */
  changePercent: number | null;
}

export interface Digest {
  level: Release['level'];
  area: string;
  areaName: string;
  quarter: string;
  /** Not yet frozen: the figures change with each monthly release, and no change on the year is computed. */
  provisional: boolean;
  /** How many quarters the figures count (a comune's: four, NEED_COMUNE_QUARTERS). */
  quarters: number;
  /** Reporting completeness of the quarter (absent for releases made before it was measured). */
  reporting: NeedReporting | undefined;
  minCell: number;
  rows: DigestRow[];
}

export const AGE_BAND_NAMES: Record<string, string> = { [ALL]: 'Tutte le età', ...Object.fromEntries(AGE_BANDS.map((b) => [b.code, `${b.label} anni`])) };

export function digestOf(
  figures: NeedFigures,
  level: Release['level'],
  area: string,
  areaName: string,
  quarter: string,
  categories: { slug: string; name: string }[],
  population: number | null,
): Digest {
  const bands = level === 'comune' ? [ALL] : [ALL, ...AGE_BANDS.map((b) => b.code)];
  const provisional = figures.provisional(quarter);
  const rows: DigestRow[] = [];
  for (const c of categories) {
    for (const band of bands) {
      const now = figures.figure(level, quarter, area, c.slug, band);
      const before = figures.figure(level, yearBefore(quarter), area, c.slug, band);
      // Rates only for all ages: the site has the census population of each comune, not by age.
      const rate = band === ALL ? ratePer1000(now.people, population) : null;
      // A provisional quarter against a final one would read late reports as a fall in need.
      const comparable = !provisional && now.people !== null && before.people;
      rows.push({
        category: c.slug,
        categoryName: c.name,
        ageBand: band,
        ageBandName: AGE_BAND_NAMES[band] ?? band,
        people: now.people,
        suppressed: now.published && now.people === null,
        text: figureText(now),
        rate,
        rateText: band === ALL ? rateText(rate) : '–',
        before: before.people,
        beforeText: figureText(before),
        change: comparable ? percentText((now.people! - before.people!) / before.people!) : '–',
        changePercent: comparable ? Math.round(((now.people! - before.people!) / before.people!) * 100) : null,
      });
    }
  }
  return { level, area, areaName, quarter, provisional, quarters: figures.release(quarter, level)?.quarters ?? 1, reporting: figures.reporting(quarter), minCell: figures.minCell(quarter, level), rows };
}

export const DIGEST_CSV_HEADER = [
  'trimestre', 'stato', 'livello', 'area_codice', 'area', 'categoria_codice', 'categoria', 'fascia_eta_codice', 'fascia_eta',
  'persone', 'soppresso', 'soglia_minima', 'per_1000_residenti_censimento_2011', 'stesso_trimestre_anno_prima', 'variazione_percentuale', 'nota',
  'enti_attesi', 'enti_che_hanno_inviato', 'enti_nei_tempi', 'trimestri_contati',
] as const;

const NOTE = 'dati sintetici dimostrativi';

/** The digest as CSV (RFC 4180, UTF-8): a suppressed figure is empty with soppresso=sì, never 0. */
export function digestCsv(d: Digest): string {
  return csv([
    [...DIGEST_CSV_HEADER],
    ...d.rows.map((r) => [
      d.quarter, quarterState(d.provisional), d.level, d.area, d.areaName, r.category, r.categoryName, r.ageBand, r.ageBandName,
      r.people === null ? '' : String(r.people), r.suppressed ? 'sì' : 'no', String(d.minCell),
      r.rate === null ? '' : String(r.rate), r.before === null ? '' : String(r.before), r.changePercent === null ? '' : String(r.changePercent), NOTE,
      ...(d.reporting ? [d.reporting.expected, d.reporting.reported, d.reporting.onTime].map(String) : ['', '', '']),
      String(d.quarters),
    ]),
  ]);
}
