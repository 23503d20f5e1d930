/**
 * The published need figures (need-figure entries: one release per quarter and level) as the pages read
 * them: lookups by area, category, age band and quarter; «meno di N» for suppressed cells; rates per
 * 1,000 residents at the 2011 census; trends; emerging needs; need beside supply. Pure functions (no
 * Astro), tested in need-figures.test.ts. Nothing here ever sees a need record: only the public figures.
 */
import { ALL, AMBITI, DISTRICT, quarterLabel, suppressedText, yearBefore, type NeedReporting } from '@coesione/model';

/** A published cell (NeedCell in @coesione/model), as the site's schema reads it. */
export interface Cell {
  area: string;
  category: string;
  ageBand: string;
  people: number | null;
  multiBody: number | null;
  /** Why `people` is null: under the threshold, or hidden to protect one that is (disclosure.ts in the CMS). */
  suppressed?: 'primary' | 'secondary' | undefined;
}

export interface Release {
  quarter: string;
  level: 'comune' | 'ambito' | 'distretto';
  minCell: number;
  /** False while the quarter is provisional: its figures change with each monthly release until the freeze. */
  frozen?: boolean;
  /** How many bodies sent their records of the quarter (the same on the three levels of a quarter). */
  reporting?: NeedReporting | undefined;
  /** How many quarters the figures count (comune figures: the four to `quarter`); absent: one. */
  quarters?: number | undefined;
  cells: Cell[];
}

/**
 * The period a level's figures count, in words: «nel 3º trimestre 2026», or for comune figures counted over
 * four quarters «nei dodici mesi fino al 3º trimestre 2026».
 */
export function periodText(figures: NeedFigures, quarter: string, level: Release['level']): string {
  const span = figures.release(quarter, level)?.quarters ?? 1;
  if (span <= 1) return `nel ${quarterLabel(quarter)}`;
  return `nei ${span === 4 ? 'dodici mesi' : `${span} trimestri`} fino al ${quarterLabel(quarter)}`;
}

/** The sentence that says comune figures count more than a quarter, where they do (else undefined). */
export function comuneSpanNote(figures: NeedFigures, quarter: string): string | undefined {
  const span = figures.release(quarter, 'comune')?.quarters ?? 1;
  if (span <= 1) return undefined;
  return `Le cifre dei comuni contano le persone seguite ${periodText(figures, quarter, 'comune')} (${span} trimestri, ognuna una volta sola): così anche un comune piccolo ha più spesso una cifra; quelle degli ambiti e del distretto contano il trimestre.`;
}

const MONTHS = ['gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'];

/**
 * Reporting completeness in one sentence, said beside every figure of the quarter: «12 enti su 15 hanno
 * inviato i dati del trimestre (11 entro la scadenza)»; while months are not yet due, which ones it covers.
 * Undefined for a release made before completeness was measured.
 */
export function reportingText(r: NeedReporting | undefined): string | undefined {
  if (!r || r.expected === 0) return undefined;
  const bodies = (n: number) => (n === 1 ? '1 ente' : `${n} enti`);
  if (r.months.length === 0) return `Nessun mese del trimestre è ancora scaduto per l’invio dei dati: finora ${r.reported === 1 ? 'ha' : 'hanno'} inviato dati ${bodies(r.reported)} su ${r.expected} attesi.`;
  const months = r.months.map((m) => MONTHS[Number(m.month.slice(5)) - 1]);
  const which = r.months.length === 3 ? 'del trimestre' : `di ${months.length === 1 ? months[0] : `${months.slice(0, -1).join(', ')} e ${months.at(-1)}`} (i mesi già scaduti)`;
  return `${bodies(r.reported)} su ${r.expected} ${r.reported === 1 ? 'ha' : 'hanno'} inviato i dati ${which}, ${r.onTime} entro la scadenza.`;
}

/** The state of a quarter's figures, as every page, CSV and JSON row says it. */
export const quarterState = (provisional: boolean): 'provvisorio' | 'definitivo' => (provisional ? 'provvisorio' : 'definitivo');

/** A figure as a page shows it: the number, or suppressed under `minCell`, or absent (no cell published). */
export interface Figure {
  people: number | null;
  minCell: number;
  /** False when no cell exists for this area, category and quarter: nothing was published. */
  published: boolean;
  suppressed?: Cell['suppressed'] | undefined;
}

const nf = new Intl.NumberFormat('it-IT');
const rateFormat = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * What a reader sees for a figure: «123», «meno di 5» (under the threshold: never 0), «non pubblicato»
 * (hidden so that a small one cannot be recomputed: it may be larger), «nessun dato».
 */
export function figureText(f: Figure): string {
  if (!f.published) return 'nessun dato';
  if (f.people !== null) return nf.format(f.people);
  return suppressedText(f, f.minCell);
}

/** People per 1,000 residents (2011 census), one decimal; null when suppressed, absent or no population. */
export function ratePer1000(people: number | null, population: number | null | undefined): number | null {
  if (people === null || !population) return null;
  return Math.round((people / population) * 10_000) / 10;
}

export const rateText = (rate: number | null): string => (rate === null ? 'non calcolabile' : rateFormat.format(rate));

export const formatNumber = (n: number): string => nf.format(n);

/** The figures of every release, indexed for lookups. */
export class NeedFigures {
  readonly quarters: string[];
  private readonly index = new Map<string, Pick<Cell, 'people' | 'multiBody' | 'suppressed'>>();
  private readonly minCells = new Map<string, number>();
  readonly releases: Release[];

  constructor(releases: Release[]) {
    this.releases = [...releases].sort((a, b) => a.quarter.localeCompare(b.quarter) || a.level.localeCompare(b.level));
    this.quarters = [...new Set(this.releases.map((r) => r.quarter))].sort();
    for (const r of this.releases) {
      this.minCells.set(`${r.quarter}|${r.level}`, r.minCell);
      for (const c of r.cells) this.index.set(key(r.level, r.quarter, c.area, c.category, c.ageBand), { people: c.people, multiBody: c.multiBody, suppressed: c.suppressed });
    }
  }

  get latest(): string | undefined {
    return this.quarters.at(-1);
  }

  /** Whether a quarter's figures are provisional (not yet frozen): they still change from one release to the next. */
  provisional(quarter: string): boolean {
    return this.releases.some((r) => r.quarter === quarter && r.frozen === false);
  }

  /** A quarter's reporting completeness, as its releases carry it. */
  reporting(quarter: string): NeedReporting | undefined {
    return this.releases.find((r) => r.quarter === quarter && r.reporting)?.reporting;
  }

  /** The latest quarter whose figures are final: the one comparisons start from. */
  get latestFinal(): string | undefined {
    return this.quarters.filter((q) => !this.provisional(q)).at(-1);
  }

  get empty(): boolean {
    return this.quarters.length === 0;
  }

  release(quarter: string, level: Release['level']): Release | undefined {
    return this.releases.find((r) => r.quarter === quarter && r.level === level);
  }

  minCell(quarter: string, level: Release['level']): number {
    return this.minCells.get(`${quarter}|${level}`) ?? this.minCells.values().next().value ?? 5;
  }

  figure(level: Release['level'], quarter: string, area: string, category: string, ageBand: string = ALL): Figure {
    const cell = this.index.get(key(level, quarter, area, category, ageBand));
    return { people: cell?.people ?? null, minCell: this.minCell(quarter, level), published: cell !== undefined, suppressed: cell?.suppressed };
  }

  /** The categories that appear in the figures (ALL excluded). */
  categories(): string[] {
    const set = new Set<string>();
    for (const r of this.releases) for (const c of r.cells) if (c.category !== ALL) set.add(c.category);
    return [...set].sort();
  }

  /** One area's figure in every quarter, oldest first. */
  series(level: Release['level'], area: string, category: string, ageBand: string = ALL): { quarter: string; figure: Figure }[] {
    return this.quarters.map((quarter) => ({ quarter, figure: this.figure(level, quarter, area, category, ageBand) }));
  }
}

const key = (level: string, quarter: string, area: string, category: string, ageBand: string) => `${level}|${quarter}|${area}|${category}|${ageBand}`;

/** «Bisogni emergenti»: growth on the same quarter a year before of at least this much, both published. */
export const EMERGING = { minGrowth: 0.25, minPeople: 10 } as const;

export interface Emerging {
  ambito: string;
  ambitoName: string;
  category: string;
  before: number;
  now: number;
  /** Growth as a fraction (0.4 = +40%). */
  growth: number;
}

/**
 * Categories whose count in an ambito grew clearly on the same quarter a year before: at least +25%
 * and at least +10 people, both cells published (a suppressed cell is never compared).
 */
export function emergingNeeds(figures: NeedFigures, quarter: string): Emerging[] {
  const before = yearBefore(quarter);
  const out: Emerging[] = [];
  for (const ambito of AMBITI) {
    for (const category of figures.categories()) {
      const a = figures.figure('ambito', before, ambito.slug, category);
      const b = figures.figure('ambito', quarter, ambito.slug, category);
      if (a.people === null || b.people === null || a.people === 0) continue;
      const growth = (b.people - a.people) / a.people;
      if (growth >= EMERGING.minGrowth && b.people - a.people >= EMERGING.minPeople) {
        out.push({ ambito: ambito.slug, ambitoName: ambito.name, category, before: a.people, now: b.people, growth });
      }
    }
  }
  return out.sort((x, y) => y.growth - x.growth || x.ambito.localeCompare(y.ambito));
}

export const percentText = (fraction: number): string => `${fraction >= 0 ? '+' : '−'}${nf.format(Math.round(Math.abs(fraction) * 100))}%`;

/** A trend line drawn at build time: an SVG path over the published quarters (gaps where suppressed). */
export interface Trend {
  width: number;
  height: number;
  /** One path per run of published quarters. */
  paths: string[];
  points: { x: number; y: number; quarter: string; people: number }[];
  max: number;
  summary: string;
}

export function trendOf(series: { quarter: string; figure: Figure }[], width = 240, height = 60): Trend {
  const pad = 4;
  const published = series.filter((s) => s.figure.people !== null);
  const max = Math.max(1, ...published.map((s) => s.figure.people ?? 0));
  const step = series.length > 1 ? (width - 2 * pad) / (series.length - 1) : 0;
  const points: Trend['points'] = [];
  const paths: string[] = [];
  let run: string[] = [];
  series.forEach((s, i) => {
    if (s.figure.people === null) {
      if (run.length) paths.push(run.join(' '));
      run = [];
      return;
    }
    const x = Math.round((pad + i * step) * 10) / 10;
    const y = Math.round((height - pad - (s.figure.people / max) * (height - 2 * pad)) * 10) / 10;
    points.push({ x, y, quarter: s.quarter, people: s.figure.people });
    run.push(`${run.length ? 'L' : 'M'}${x} ${y}`);
  });
  if (run.length) paths.push(run.join(' '));
  return { width, height, paths, points, max, summary: trendSummary(series) };
}

/** The trend in words: first and last published quarter, the change, the peak, the suppressed quarters. */
export function trendSummary(series: { quarter: string; figure: Figure }[]): string {
  const published = series.filter((s) => s.figure.people !== null) as { quarter: string; figure: Figure & { people: number } }[];
  const hidden = series.filter((s) => s.figure.published && s.figure.people === null).length;
  const note = hidden ? ` In ${hidden === 1 ? 'un trimestre' : `${hidden} trimestri`} il dato è sotto la soglia di pubblicazione (meno di ${series[0]?.figure.minCell ?? 5} persone).` : '';
  if (published.length === 0) return `Nessun trimestre con un dato pubblicato.${note}`;
  const first = published[0]!;
  const last = published.at(-1)!;
  if (published.length === 1) return `Un solo trimestre con un dato pubblicato: ${formatNumber(last.figure.people)} persone nel ${quarterLabel(last.quarter)}.${note}`;
  const peak = published.reduce((a, b) => (b.figure.people > a.figure.people ? b : a));
  const change = first.figure.people ? ` (${percentText((last.figure.people - first.figure.people) / first.figure.people)})` : '';
  return `Da ${formatNumber(first.figure.people)} persone nel ${quarterLabel(first.quarter)} a ${formatNumber(last.figure.people)} nel ${quarterLabel(last.quarter)}${change}; il valore più alto è ${formatNumber(peak.figure.people)} nel ${quarterLabel(peak.quarter)}.${note}`;
}

/** Great-circle distance in km (haversine, mean Earth radius). */
export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The radius within which an opportunity answers a comune's need. */
export const SUPPLY_RADIUS_KM = 15;

export interface SupplyItem {
  type: 'practice' | 'opportunity';
  url: string;
  title: string;
  /** ISTAT code of the comune where it is. */
  istat: string;
  themes: string[];
  /** Opportunities: open at build time. */
  open: boolean | null;
}

export interface ComunePoint {
  istat: string;
  name: string;
  slug: string;
  lat: number;
  lng: number;
}

/** Distinct opportunities and practices per comune whose themes meet the category's themes. */
export function supplyByComune(items: SupplyItem[], themes: readonly string[]): Map<string, { opportunities: Set<string>; practices: Set<string> }> {
  const wanted = new Set(themes);
  const out = new Map<string, { opportunities: Set<string>; practices: Set<string> }>();
  for (const item of items) {
    if (!item.themes.some((t) => wanted.has(t))) continue;
    const entry = out.get(item.istat) ?? { opportunities: new Set<string>(), practices: new Set<string>() };
    (item.type === 'opportunity' ? entry.opportunities : entry.practices).add(item.url);
    out.set(item.istat, entry);
  }
  return out;
}

export interface Gap {
  istat: string;
  people: number;
  /** The nearest matching open opportunity's comune and distance, if any exists at all. */
  nearest: { name: string; km: number } | null;
}

/**
 * Comuni where the category's figure is published (not suppressed, above zero) and no open matching
 * opportunity lies within SUPPLY_RADIUS_KM, measured between comune coordinates.
 */
export function needsWithoutSupply(
  figures: NeedFigures,
  quarter: string,
  category: string,
  themes: readonly string[],
  comuni: ComunePoint[],
  items: SupplyItem[],
): Gap[] {
  const byIstat = new Map(comuni.map((c) => [c.istat, c]));
  const wanted = new Set(themes);
  const offers = [...new Set(items.filter((i) => i.type === 'opportunity' && i.open !== false && i.themes.some((t) => wanted.has(t))).map((i) => i.istat))]
    .map((istat) => byIstat.get(istat))
    .filter((c): c is ComunePoint => c !== undefined);
  const gaps: Gap[] = [];
  for (const comune of comuni) {
    const f = figures.figure('comune', quarter, comune.istat, category);
    if (f.people === null || f.people === 0) continue;
    let nearest: Gap['nearest'] = null;
    for (const o of offers) {
      const km = haversineKm(comune, o);
      if (!nearest || km < nearest.km) nearest = { name: o.name, km };
    }
    if (!nearest || nearest.km > SUPPLY_RADIUS_KM) gaps.push({ istat: comune.istat, people: f.people, nearest });
  }
  return gaps.sort((a, b) => b.people - a.people);
}

/** Radius in px of a proportional symbol: area proportional to people, so radius to its square root. */
export function symbolRadius(people: number | null, max: number, maxRadius = 28, minRadius = 5): number {
  if (people === null || max <= 0) return minRadius;
  return Math.max(minRadius, Math.round(Math.sqrt(people / max) * maxRadius));
}

export { ALL, DISTRICT };
