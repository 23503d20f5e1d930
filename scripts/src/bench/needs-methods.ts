/**
 * `npm run bench:needs-methods` (also the second half of `bench:needs`): how the ways of publishing the need
 * figures compare. At three volumes of people followed a quarter, for each method: the share of comune ×
 * category cells that carry a figure (and of ambito × category cells), the mean absolute error of the
 * published figures against the true counts, whether the disclosure checks pass, and the seconds the
 * computation takes. In memory, with the CMS's own aggregation and disclosure control (its build), no Strapi.
 *
 * The population is SYNTHETIC: no real person is behind any record. People live in the 82 comuni in
 * proportion to their 2011 census population, have one to three need categories with unequal prevalence,
 * are followed by one of 15 partner organisations (about 10% by a second one), and 60% of a quarter's
 * people are still followed the next quarter. Seeded, so every run makes the same people.
 *
 * Methods, all from the same records:
 * - `attuale`: what the CMS publishes now: suppression under minCell, secondary suppression, cell-key noise;
 * - `solo soppressione`: the same without the noise (exact counts);
 * - `finestra 4 trimestri (comuni)`: comune figures counted over the last four quarters (distinct people in
 *   the year to the quarter), ambiti and district per quarter as `attuale` publishes them;
 * - `categorie per ambito`: comune figures only for all needs together; the need categories at ambito and
 *   district level (their figures as `attuale` protects them, comuni in the table: a lower bound).
 *
 * Measured over the last five of eight quarters (the ones with four quarters of records to count). The error
 * is over published figures only (a hidden cell has no error, it has no figure), each against the true count
 * of what it counts. The disclosure check: no published figure under the threshold, and disclosure.ts's
 * `feasibleRanges` leaves every hidden cell of every table room to move, for a reader who knows the
 * published cells' true values (the noise undone), the relations and the hidden cells' labels. The «more
 * than one body» figures are not measured. Writes bench/results/needs-methods.json.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AGE_BANDS, ALL, AMBITI, NEED_CATEGORIES, monthsOf, quarterOf, type NeedCell, type NeedRelease } from '@coesione/model';
import { writeResults } from '../lib/bench.ts';
import { CMS_DIR } from '../lib/paths.ts';
import { ensureCmsBuilt } from '../lib/strapi.ts';
import { readPopulation } from '../seed/data.ts';
import { generator } from '../seed/needs.ts';

const VOLUMES = [
  { name: 'demo', perQuarter: 230 },
  { name: '2,500', perQuarter: 2_500 },
  { name: '10,000', perQuarter: 10_000 },
];
/** Eight quarters of records; the measures cover the quarters that have four full quarters behind them. */
const QUARTERS = ['2025-T1', '2025-T2', '2025-T3', '2025-T4', '2026-T1', '2026-T2', '2026-T3', '2026-T4'];
const MEASURED = QUARTERS.slice(3);
const PERSISTENCE = 0.6;
const SECOND_BODY = 0.1;
const CATEGORIES = NEED_CATEGORIES.map((c) => c.slug);

/** A need record as the CMS's aggregation reads it (cms/src/features/needs/store.ts). */
interface RecordRow { id: number; month: string; istat: string; ageBand: string; personKey: string | null; organization: number | null; categories: string[] }
type Keys = ((person: string, organizations: number[]) => [number, number, number]) | null;
interface Table { values: Record<string, number>; relations: { total: string; members: string[] }[] }
/** What a hidden cell's label tells a reader (disclosure.ts): with noise, «meno di N» covers true counts up to N + 1. */
interface Labels { primary: ReadonlySet<string>; primaryMax: number; otherMin: number }
interface Cms {
  aggregate(rows: RecordRow[], options: { minCell: number; categories: string[]; quarters?: string[]; cellKeys: Keys }): NeedRelease[];
  RELATIONS: Table['relations'];
  protect(table: Table, minCell: number): Set<string>;
  feasibleRanges(table: Table, suppressed: Set<string>, minCell?: number, labels?: Labels): Map<string, [number, number]>;
  minCellFrom(env: string | undefined): number;
}

await ensureCmsBuilt();
// The CMS's own aggregation and disclosure control, from its build (CommonJS), as the running CMS loads them.
const needs = path.join(CMS_DIR, 'dist', 'src', 'features', 'needs');
const load = createRequire(import.meta.url);
const cms: Cms = { ...(load(path.join(needs, 'aggregate.js')) as Pick<Cms, 'aggregate' | 'RELATIONS'>), ...(load(path.join(needs, 'disclosure.js')) as Omit<Cms, 'aggregate' | 'RELATIONS'>) };
const MIN_CELL = cms.minCellFrom(process.env.NEED_MIN_CELL);

// ---------------------------------------------------------------------------------------------------
// The synthetic population

/** Relative weight of each need in the one-to-three draw (then shifted by age): income, work, food and housing lead. */
const PREVALENCE: Record<string, number> = {
  reddito: 30, lavoro: 22, alimentare: 20, casa: 18, salute: 12, solitudine: 10, 'non-autosufficienza': 8,
  'minori-e-istruzione': 8, 'documenti-e-migrazione': 7, disabilita: 6, digitale: 5, mobilita: 4, dipendenze: 3, violenza: 2,
};

interface Person { key: string; istat: string; ambito: string; ageBand: string; organizations: number[]; categories: string[] }

/** Records over QUARTERS with `perQuarter` distinct people in each quarter. */
function population(perQuarter: number, seed: number): RecordRow[] {
  const { next, pick } = generator(seed);
  const residents = readPopulation();
  const comuni = AMBITI.flatMap((a) => a.comuni.map((istat) => ({ istat, ambito: a.slug as string })));
  const weights = comuni.map((c) => {
    const people = residents.get(c.istat);
    if (!people) throw new Error(`No 2011 population for comune ${c.istat} in comuni-vercelli-popolazione.csv.`);
    return people;
  });
  // Fifteen partners: most work in one ambito (the city's has more of them), two across the district.
  const homes = [0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, null, null].map((i) => (i === null ? null : AMBITI[i]!.slug as string));
  const size = homes.map(() => 1 + next() * 4);
  const bodyFor = (ambito: string, except?: number) => {
    const ids = homes.map((_, i) => i + 1).filter((id) => id !== except && (homes[id - 1] === ambito || homes[id - 1] === null));
    return pick(ids, ids.map((id) => size[id - 1]! * (homes[id - 1] === null ? 0.4 : 1)));
  };
  const bands = AGE_BANDS.map((b) => b.code as string);
  const categoriesFor = (ageBand: string, have: string[] = []) => {
    const old = ageBand === 'eta_65_79' || ageBand === 'eta_80_piu';
    const young = ageBand === 'eta_0_17';
    const w = CATEGORIES.map((c) => {
      let x = PREVALENCE[c] ?? 1;
      if (old && ['non-autosufficienza', 'solitudine', 'salute'].includes(c)) x *= 3;
      if (old && ['lavoro', 'minori-e-istruzione'].includes(c)) x = 0;
      if (!old && c === 'non-autosufficienza') x /= 4;
      if (young && c === 'minori-e-istruzione') x *= 5;
      if (young && ['lavoro', 'dipendenze'].includes(c)) x = 0;
      return have.includes(c) ? 0 : x;
    });
    return pick(CATEGORIES, w);
  };
  const newPerson = (id: number): Person => {
    const where = pick(comuni, weights);
    const ageBand = pick(bands, [14, 12, 24, 20, 18, 12]);
    const first = bodyFor(where.ambito);
    const organizations = next() < SECOND_BODY ? [first, bodyFor(where.ambito, first)] : [first];
    const count = pick([1, 2, 3], [50, 35, 15]);
    const categories: string[] = [];
    while (categories.length < count) categories.push(categoriesFor(ageBand, categories));
    return { key: `sintetico:${id}`, istat: where.istat, ambito: where.ambito, ageBand, organizations, categories };
  };
  const records: RecordRow[] = [];
  let people: Person[] = [];
  let nextId = 1;
  for (const quarter of QUARTERS) {
    // Who is still followed, a need resolved or a new one for some of them; new people to the volume.
    people = people.filter(() => next() < PERSISTENCE).map((p) => {
      const r = next();
      if (r < 0.1 && p.categories.length > 1) return { ...p, categories: p.categories.slice(1) };
      if (r < 0.2 && p.categories.length < 3) return { ...p, categories: [...p.categories, categoriesFor(p.ageBand, p.categories)] };
      return p;
    });
    while (people.length < perQuarter) people.push(newPerson(nextId++));
    const months = monthsOf(quarter);
    for (const p of people) {
      // The first body records the person in one to three months of the quarter; a second body once.
      const from = Math.floor(next() * 3);
      const span = 1 + Math.floor(next() * (3 - from));
      for (let m = from; m < from + span; m += 1) {
        records.push({ id: records.length + 1, month: months[m]!, istat: p.istat, ageBand: p.ageBand, personKey: p.key, organization: p.organizations[0]!, categories: p.categories });
      }
      if (p.organizations[1] !== undefined) {
        records.push({ id: records.length + 1, month: months[Math.floor(next() * 3)]!, istat: p.istat, ageBand: p.ageBand, personKey: p.key, organization: p.organizations[1], categories: p.categories.slice(0, 1) });
      }
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------------
// Methods

/** Cell ids as aggregate.ts names the cells of a (quarter, category) table. */
const cellId = (level: NeedRelease['level'], cell: NeedCell): string =>
  level === 'comune' ? `c:${cell.area}` : level === 'ambito' ? `a:${cell.area}:${cell.ageBand}` : `d:${cell.ageBand}`;
const levelOf = (id: string): NeedRelease['level'] => (id.startsWith('c:') ? 'comune' : id.startsWith('a:') ? 'ambito' : 'distretto');

/**
 * One protected table as a method publishes it: its true counts (every cell, for the audit), the relations it
 * was protected with, the cells the protection hid, and the figures shown (a cell missing from `shown` is
 * not part of what this method publishes from this table).
 */
interface Sheet { quarter: string; category: string; truth: Record<string, number>; relations: Table['relations']; hidden: Set<string>; primary: Set<string>; noisy: boolean; shown: Map<string, number | null> }

/** (quarter, category) → cell id → value, from releases. */
function byTable(releases: NeedRelease[]): Map<string, Map<string, number | null>> {
  const out = new Map<string, Map<string, number | null>>();
  for (const r of releases) {
    for (const cell of r.cells) {
      const k = `${r.quarter}|${cell.category}`;
      const t = out.get(k) ?? out.set(k, new Map()).get(k)!;
      t.set(cellId(r.level, cell), cell.people);
    }
  }
  return out;
}

const numbers = (t: Map<string, number | null>): Record<string, number> => Object.fromEntries([...t].map(([id, v]) => [id, v ?? 0]));

/** Sheets from aggregate's releases, `show` choosing which levels of which tables this method publishes. */
function sheetsOf(releases: NeedRelease[], truth: Map<string, Map<string, number | null>>, show: (category: string, id: string) => boolean, noisy = true): Sheet[] {
  const sheets: Sheet[] = [];
  for (const [k, cells] of byTable(releases)) {
    const [quarter, category] = k.split('|') as [string, string];
    const shown = new Map([...cells].filter(([id]) => show(category, id)));
    if (shown.size === 0) continue;
    const primary = new Set(releases.flatMap((r) => (r.quarter === quarter ? r.cells.filter((c) => c.category === category && c.suppressed === 'primary').map((c) => cellId(r.level, c)) : [])));
    sheets.push({ quarter, category, truth: numbers(truth.get(k)!), relations: cms.RELATIONS, hidden: new Set([...cells].filter(([, v]) => v === null).map(([id]) => id)), primary, noisy, shown });
  }
  return sheets;
}

/** The records of the four quarters to `quarter`, all in its first month, latest first (so that a person counts in
 *  the comune of their latest record: aggregate keeps the first of records of the same month). */
function windowRecords(records: RecordRow[], quarter: string): RecordRow[] {
  const i = QUARTERS.indexOf(quarter);
  const window = new Set(QUARTERS.slice(i - 3, i + 1));
  const month = monthsOf(quarter)[0]!;
  return records
    .filter((r) => window.has(quarterOf(r.month)))
    .sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : 0))
    .map((r) => ({ ...r, month }));
}

const seconds = <T>(run: () => T): [T, number] => {
  const start = process.hrtime.bigint();
  const value = run();
  return [value, Number(process.hrtime.bigint() - start) / 1e9];
};


// ---------------------------------------------------------------------------------------------------
// Measures

interface Measure {
  volume: string;
  method: string;
  comuneAllNeeds: number;
  comuneCategories: number;
  /** The same share if only primary suppression hid cells: what secondary suppression costs. */
  comuneCategoriesPrimaryOnly: number;
  ambitoCategories: number;
  ambitoCategoriesByAge: number;
  meanAbsoluteError: number;
  meanAbsoluteErrorComuni: number | null;
  publishedCells: number;
  publishedUnderMinCell: number;
  hiddenCellsAudited: number;
  hiddenCellsRecomputable: number;
  disclosureTests: string;
  seconds: number;
}

function measure(volume: string, method: string, sheets: Sheet[], secs: number): Measure {
  const quarters = MEASURED.length;
  let comuneAll = 0;
  let comuneCat = 0;
  let comuneCatPrimaryOnly = 0;
  let ambitoCat = 0;
  let ambitoCatAge = 0;
  let errors = 0;
  let published = 0;
  let errorsComuni = 0;
  let publishedComuni = 0;
  let under = 0;
  let audited = 0;
  let recomputable = 0;
  for (const s of sheets) {
    for (const [id, value] of s.shown) {
      if (id.startsWith('c:') && s.category !== ALL && s.truth[id]! >= MIN_CELL) comuneCatPrimaryOnly += 1;
      if (value === null) continue;
      published += 1;
      const error = Math.abs(value - s.truth[id]!);
      errors += error;
      if (value < MIN_CELL) under += 1;
      const level = levelOf(id);
      if (level === 'comune') {
        errorsComuni += error;
        publishedComuni += 1;
        if (s.category === ALL) comuneAll += 1;
        else comuneCat += 1;
      } else if (level === 'ambito' && s.category !== ALL) {
        if (id.endsWith(`:${ALL}`)) ambitoCat += 1;
        else ambitoCatAge += 1;
      }
    }
    // The audit: with the published cells at their true values (a reader who could undo the noise), the
    // relations and each hidden cell's label, no hidden cell may be fixed to one value.
    if (s.hidden.size > 0) {
      const labels = s.noisy ? { primary: s.primary, primaryMax: MIN_CELL + 1, otherMin: Math.max(3, MIN_CELL - 2) } : undefined;
      const ranges = cms.feasibleRanges({ values: s.truth, relations: s.relations }, s.hidden, MIN_CELL, labels);
      for (const [, [lo, hi]] of ranges) {
        audited += 1;
        if (hi - lo < 1e-6) recomputable += 1;
      }
    }
  }
  const comuni = AMBITI.reduce((n, a) => n + a.comuni.length, 0);
  const share = (n: number, of: number) => Number(((100 * n) / of).toFixed(1));
  return {
    volume,
    method,
    comuneAllNeeds: share(comuneAll, comuni * quarters),
    comuneCategories: share(comuneCat, comuni * CATEGORIES.length * quarters),
    comuneCategoriesPrimaryOnly: share(comuneCatPrimaryOnly, comuni * CATEGORIES.length * quarters),
    ambitoCategories: share(ambitoCat, AMBITI.length * CATEGORIES.length * quarters),
    ambitoCategoriesByAge: share(ambitoCatAge, AMBITI.length * CATEGORIES.length * AGE_BANDS.length * quarters),
    meanAbsoluteError: Number((errors / Math.max(published, 1)).toFixed(2)),
    meanAbsoluteErrorComuni: publishedComuni > 0 ? Number((errorsComuni / publishedComuni).toFixed(2)) : null,
    publishedCells: published,
    publishedUnderMinCell: under,
    hiddenCellsAudited: audited,
    hiddenCellsRecomputable: recomputable,
    disclosureTests: under === 0 && recomputable === 0 ? 'pass' : 'FAIL',
    seconds: Number(secs.toFixed(2)),
  };
}

// ---------------------------------------------------------------------------------------------------

function main(): void {
  // Three key bytes per person as the CMS's HMAC gives them (people noise, «more than one body», suppression band).
  const keys = (person: string, organizations: number[]): [number, number, number] => {
    const digest = createHmac('sha256', 'bench-needs-methods').update(`${person}\u0000${organizations.join(',')}`).digest();
    return [digest[0]!, digest[1]!, digest[2]!];
  };
  const base = { minCell: MIN_CELL, categories: CATEGORIES, quarters: MEASURED };
  const exact = { ...base, minCell: 0, cellKeys: null };
  const everything = () => true;

  const results: Measure[] = [];
  const populations: Record<string, unknown>[] = [];
  for (const [v, volume] of VOLUMES.entries()) {
    const records = population(volume.perQuarter, 20261215 + v);
    const truth = byTable(cms.aggregate(records, exact));
    const people = MEASURED.map((q) => truth.get(`${q}|${ALL}`)?.get(`d:${ALL}`) ?? 0);
    populations.push({ volume: volume.name, records: records.length, peoplePerQuarter: Math.round(people.reduce((s, n) => s + n, 0) / people.length) });
    const log = (m: Measure) => {
      results.push(m);
      console.log(`  ${volume.name.padEnd(7)} ${m.method.padEnd(34)} ${m.seconds} s`);
    };

    cms.aggregate(records, { ...base, cellKeys: keys }); // warm-up, untimed: the first run pays the JIT
    const [now, nowSeconds] = seconds(() => cms.aggregate(records, { ...base, cellKeys: keys }));
    log(measure(volume.name, 'attuale', sheetsOf(now, truth, everything), nowSeconds));

    const [plain, plainSeconds] = seconds(() => cms.aggregate(records, { ...base, cellKeys: null }));
    log(measure(volume.name, 'solo soppressione', sheetsOf(plain, truth, everything, false), plainSeconds));

    // Comuni over four quarters: each quarter's window aggregated as one quarter; ambiti and district as now.
    const windows: Sheet[] = [];
    let windowSeconds = 0;
    let windowPeople = 0;
    for (const quarter of MEASURED) {
      const rows = windowRecords(records, quarter);
      const windowTruth = byTable(cms.aggregate(rows, { ...exact, quarters: [quarter] }));
      windowPeople += windowTruth.get(`${quarter}|${ALL}`)?.get(`d:${ALL}`) ?? 0;
      const [released, s] = seconds(() => cms.aggregate(rows, { ...base, quarters: [quarter], cellKeys: keys }));
      windowSeconds += s;
      windows.push(...sheetsOf(released, windowTruth, (_, id) => id.startsWith('c:')));
    }
    populations.at(-1)!.peoplePerFourQuarters = Math.round(windowPeople / MEASURED.length);
    const quarterly = sheetsOf(now, truth, (_, id) => !id.startsWith('c:'));
    log(measure(volume.name, 'finestra 4 trimestri (comuni)', [...windows, ...quarterly], windowSeconds + nowSeconds));

    // Categories at ambito level: all needs as now (comuni included), each category without its comuni. The
    // figures are aggregate's own (suppression reads perturbed values, which only the CMS's keys give), so the
    // ambito cells are protected with the comuni still in the table: a lower bound of this method's ambito
    // coverage (protected without the comuni, the first run of this bench measured +0.7 points at the demo's
    // volume and nothing at the others).
    const [byAmbito, ambitoSeconds] = [sheetsOf(now, truth, (category, id) => category === ALL || !id.startsWith('c:')), nowSeconds];
    log(measure(volume.name, 'categorie per ambito', byAmbito, ambitoSeconds));
  }

  console.table(results.map((m) => ({
    volume: m.volume,
    method: m.method,
    'comuni, all needs %': m.comuneAllNeeds,
    'comuni × category %': m.comuneCategories,
    'ambiti × category %': m.ambitoCategories,
    'MAE, published': m.meanAbsoluteError,
    'MAE, comuni': m.meanAbsoluteErrorComuni ?? '–',
    disclosure: m.disclosureTests,
    s: m.seconds,
  })));
  console.log(`written ${writeResults('needs-methods', {
    synthetic: true,
    minCell: MIN_CELL,
    quartersGenerated: QUARTERS,
    quartersMeasured: MEASURED,
    persistence: PERSISTENCE,
    secondBody: SECOND_BODY,
    populations,
    notes: 'Shares: published cells over all cells of that kind in the measured quarters (ambito × category: age band «tutte»; ByAge: the six bands). MAE: over published people figures only, every level, against the true count of what the cell counts (the four-quarter window for window comuni). Audit: feasibleRanges of disclosure.ts on every table, with the true values as published.',
    results,
  })}`);
}

main();
process.exit(0);
