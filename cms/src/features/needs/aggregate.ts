/**
 * From need records to published figures, inside the CMS (raw records never leave it).
 *
 * Counting: a person is the record's person key (a codice fiscale's HMAC, the same across partners; or a
 * partner's file code, within that partner) or, without one, the record itself. In a quarter each person
 * counts once, in the comune and age band of their latest record, with every need category any of their
 * records names; «followed by more than one body» when records from two or more organisations share the
 * key. So the ambiti add up to the district, the age bands to their total. Comune figures count the people of
 * the four quarters to the quarter (NEED_COMUNE_QUARTERS; 1 makes them quarterly and adding up to their
 * ambito): a comune then has a figure about twice as often, for the same error (npm run bench:needs-methods).
 *
 * Publishing: one table per quarter and category (comuni, ambiti by age band, district by age band, with
 * those sums as its relations), protected by disclosure.ts: every cell under NEED_MIN_CELL suppressed,
 * then enough others that none can be recomputed. Fixed geographies and quarters only; a quarter closed
 * more than NEED_FREEZE_DAYS ago is frozen: computed once, never again (later imports, and the retention
 * job's deletions, leave its figures as published, so two releases never differ on it).
 *
 * Noise (cell-key perturbation, as the ONS and the ABS use it): each person has a secret pseudo-random key
 * that depends on the person and on the set of bodies that follow them (`cellKeys`); a cell's key is the sum
 * of its people's keys, and its published value is the true count plus the noise the perturbation table
 * (NOISE) gives that key. Primary suppression reads the perturbed value: a cell is hidden when it falls under
 * the threshold, and always when fewer than 3 people are in it (the Sistan floor). So «meno di 5» covers
 * true counts up to 6, and a published 5 may stand for 3: a partner who adds one person to a hidden cell and
 * sees it published learns a range, not the count it had (suppression of the true count under 5 let the
 * step from hidden to shown pin it at 4). The same people give the same noise in every table
 * and release; one more person, or one more body following a person already counted, changes the key and so
 * the noise, so a contributor who adds a record and compares releases cannot tell the two apart by whether
 * a figure changed, nor subtract its own exact count from an exact total. «Followed by more than one body»
 * has a key of its own (the second byte) and is published for ambiti and the district only.
 */
import { AGE_BANDS, ALL, AMBITI, DISTRICT, ambitoOf, monthsOf, quarterOf, romeDay as romeDayOf, type NeedCell, type NeedRelease } from '@coesione/model';
import { protect, type Labels, type Table } from '../../platform/disclosure';
import type { RecordRow } from './store';

interface Person {
  /** The person key (or `record:<id>` without one). */
  key: string;
  month: string;
  istat: string;
  ageBand: string;
  organizations: Set<number>;
  categories: Set<string>;
}

const BANDS = [...AGE_BANDS.map((b) => b.code), ALL] as string[];

/** Distinct people per quarter, each placed once (latest record's comune and age band). */
export function peopleByQuarter(records: RecordRow[]): Map<string, Map<string, Person>> {
  const quarters = new Map<string, Map<string, Person>>();
  for (const r of records) {
    const quarter = quarterOf(r.month);
    place(quarters.get(quarter) ?? quarters.set(quarter, new Map()).get(quarter)!, r);
  }
  return quarters;
}

/** Adds a record to the people it counts among: one person per key, in the comune and age band of their latest record. */
function place(people: Map<string, Person>, r: RecordRow): void {
  const key = r.personKey ?? `record:${r.id}`;
  let person = people.get(key);
  if (!person) {
    person = { key, month: r.month, istat: r.istat, ageBand: r.ageBand, organizations: new Set(), categories: new Set() };
    people.set(key, person);
  } else if (r.month > person.month) {
    Object.assign(person, { month: r.month, istat: r.istat, ageBand: r.ageBand });
  }
  if (r.organization !== null) person.organizations.add(r.organization);
  for (const c of r.categories) person.categories.add(c);
}

/** The quarters of a window of `size` quarters ending with `quarter` (2026-T3, 4 → 2025-T4 … 2026-T3). */
export function windowOf(quarter: string, size: number): string[] {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return Array.from({ length: size }, (_, i) => {
    const index = year * 4 + (q - 1) - (size - 1 - i);
    return `${Math.floor(index / 4)}-T${(index % 4) + 1}`;
  });
}

/** Distinct people over a window of quarters, each placed once (latest record's comune and age band). */
export function peopleOver(records: RecordRow[], quarters: readonly string[]): Map<string, Person> {
  const wanted = new Set(quarters);
  const people = new Map<string, Person>();
  for (const r of records) if (wanted.has(quarterOf(r.month))) place(people, r);
  return people;
}

const comuneId = (istat: string) => `c:${istat}`;
const ambitoId = (ambito: string, band: string) => `a:${ambito}:${band}`;
const districtId = (band: string) => `d:${band}`;

/**
 * The additive relations of one (quarter, category) table: comuni → ambito → district, bands → total. With a
 * window for the comuni (AggregateOptions.comuneQuarters > 1) the comuni count other people than the ambiti
 * (those of the whole window) and form a table of their own, with no relation to any published figure.
 */
export const RELATIONS: Table['relations'] = [
  ...AMBITI.map((a) => ({ total: ambitoId(a.slug, ALL), members: a.comuni.map(comuneId) })),
  ...AMBITI.map((a) => ({ total: ambitoId(a.slug, ALL), members: AGE_BANDS.map((b) => ambitoId(a.slug, b.code)) })),
  ...BANDS.map((band) => ({ total: districtId(band), members: AMBITI.map((a) => ambitoId(a.slug, band)) })),
  { total: districtId(ALL), members: AGE_BANDS.map((b) => districtId(b.code)) },
];
const WITHOUT_COMUNI = RELATIONS.filter((r) => !r.members.some((m) => m.startsWith('c:')));

function emptyTable(comuni: boolean, areas: boolean): Record<string, number> {
  const values: Record<string, number> = {};
  for (const a of AMBITI) {
    if (comuni) for (const istat of a.comuni) values[comuneId(istat)] = 0;
    if (areas) for (const band of BANDS) values[ambitoId(a.slug, band)] = 0;
  }
  if (areas) for (const band of BANDS) values[districtId(band)] = 0;
  return values;
}

export interface AggregateOptions {
  minCell: number;
  /** Need category slugs (the vocabulary), ALL added. */
  categories: string[];
  /** Only these quarters (default: every quarter with records). */
  quarters?: string[];
  /**
   * How many quarters the comune figures count (NEED_COMUNE_QUARTERS): 1, the quarter like the ambiti and the
   * district; 4 (the default in service.ts), the distinct people of the four quarters to it, which gives a
   * comune a figure twice as often (npm run bench:needs-methods).
   */
  comuneQuarters?: number;
  /**
   * Two bytes (0–255) for a person followed by these bodies: the people figure's key and the «more than
   * one body» figure's key. Secret (an HMAC in service.ts): who knows it can undo the noise. `null`: no
   * noise, the true counts (tests, and the benchmark of the noise's error).
   */
  cellKeys: ((person: string, organizations: number[]) => [number, number]) | null;
}

/**
 * The perturbation table: the noise for a cell key (0–255), from −2 to +2, zero in 40% of cells, symmetric
 * (mean 0). Published with the method, as the ONS publishes its ptable: knowing it does not undo the noise
 * without the keys.
 */
export const NOISE: readonly { upTo: number; noise: number }[] = [
  { upTo: 25, noise: -2 },
  { upTo: 76, noise: -1 },
  { upTo: 178, noise: 0 },
  { upTo: 229, noise: 1 },
  { upTo: 255, noise: 2 },
];

/** The Sistan code of conduct's floor (art. 5): no figure of fewer than 3 people, whatever the noise. */
export const LEGAL_FLOOR = 3;

/** A perturbed count: the true one plus its key's noise. */
export function perturb(value: number, cellKey: number): number {
  return value + NOISE.find((n) => cellKey % 256 <= n.upTo)!.noise;
}

/**
 * Which cells of a table are primary when figures are perturbed, and what their labels tell a reader: a
 * hidden cell's perturbed value is under `minCell`, so its true count is at most `minCell + 1`; a published or
 * secondary cell's is at least `minCell − 2` (and the floor).
 */
export function perturbedLabels(values: Record<string, number>, keys: Record<string, number>, minCell: number): Labels {
  const maxNoise = Math.max(...NOISE.map((n) => n.noise));
  const primary = new Set(Object.keys(values).filter((id) => values[id]! < LEGAL_FLOOR || perturb(values[id]!, keys[id]!) < minCell));
  return { primary, primaryMax: minCell - 1 + maxNoise, otherMin: Math.max(LEGAL_FLOOR, minCell - maxNoise) };
}

/** The releases (comune, ambito, district) of every quarter asked for. */
export function aggregate(records: RecordRow[], options: AggregateOptions): NeedRelease[] {
  const byQuarter = peopleByQuarter(records);
  const quarters = (options.quarters ?? [...byQuarter.keys()]).slice().sort();
  const categories = [...options.categories, ALL];
  const releases: NeedRelease[] = [];
  const keys = new Map<Person, [number, number]>();
  const keyed = options.cellKeys;
  const keysOf = (p: Person): [number, number] => (keyed ? (keys.get(p) ?? keys.set(p, keyed(p.key, [...p.organizations].sort((a, b) => a - b))).get(p)!) : [0, 0]);
  const published = (value: number, cellKey: number) => (keyed ? perturb(value, cellKey) : value);
  const comuneQuarters = options.comuneQuarters ?? 1;
  for (const quarter of quarters) {
    const people = [...(byQuarter.get(quarter)?.values() ?? [])];
    const windowed = comuneQuarters > 1 ? [...peopleOver(records, windowOf(quarter, comuneQuarters)).values()] : undefined;
    const cells: Record<NeedRelease['level'], NeedCell[]> = { comune: [], ambito: [], distretto: [] };
    for (const category of categories) {
      // One table (comuni, ambiti, district) per quarter; with a window, the comuni's people in a table apart.
      const tables = windowed
        ? [{ people, comuni: false, areas: true, relations: WITHOUT_COMUNI }, { people: windowed, comuni: true, areas: false, relations: [] }]
        : [{ people, comuni: true, areas: true, relations: RELATIONS }];
      const out = new Map<string, NeedCell>();
      for (const table of tables) {
        const count = emptyTable(table.comuni, table.areas);
        const multi = emptyTable(table.comuni, table.areas);
        const key = emptyTable(table.comuni, table.areas);
        const multiKey = emptyTable(table.comuni, table.areas);
        for (const p of table.people) {
          if (category !== ALL && !p.categories.has(category)) continue;
          const ambito = ambitoOf(p.istat);
          if (!ambito) continue;
          const ids = [
            ...(table.comuni ? [comuneId(p.istat)] : []),
            ...(table.areas ? [ambitoId(ambito, p.ageBand), ambitoId(ambito, ALL), districtId(p.ageBand), districtId(ALL)] : []),
          ];
          const [own, ownMulti] = keysOf(p);
          for (const id of ids) {
            count[id] = (count[id] ?? 0) + 1;
            key[id] = ((key[id] ?? 0) + own) % 256;
            multiKey[id] = ((multiKey[id] ?? 0) + ownMulti) % 256;
          }
          if (p.organizations.size > 1) for (const id of ids) multi[id] = (multi[id] ?? 0) + 1;
        }
        const labels = keyed ? perturbedLabels(count, key, options.minCell) : undefined;
        const labelsMulti = keyed ? perturbedLabels(multi, multiKey, options.minCell) : undefined;
        const hidden = protect({ values: count, relations: table.relations }, options.minCell, labels);
        const hiddenMulti = protect({ values: multi, relations: table.relations }, options.minCell, labelsMulti);
        const primary = (id: string) => (labels ? labels.primary.has(id) : count[id]! < options.minCell);
        for (const id of Object.keys(count)) {
          out.set(id, {
            area: '',
            category,
            ageBand: ALL,
            people: hidden.has(id) ? null : published(count[id]!, key[id]!),
            // Of suppressed people nothing is said, not even how many had more than one body; of a comune's, never.
            multiBody: hidden.has(id) || hiddenMulti.has(id) || id.startsWith('c:') ? null : published(multi[id]!, multiKey[id]!),
            ...(hidden.has(id) ? { suppressed: primary(id) ? 'primary' : 'secondary' } : {}),
          });
        }
      }
      const cell = (id: string, area: string, ageBand: string): NeedCell => ({ ...out.get(id)!, area, ageBand: ageBand as NeedCell['ageBand'] });
      for (const a of AMBITI) {
        for (const istat of a.comuni) cells.comune.push(cell(comuneId(istat), istat, ALL));
        for (const band of BANDS) cells.ambito.push(cell(ambitoId(a.slug, band), a.slug, band));
      }
      for (const band of BANDS) cells.distretto.push(cell(districtId(band), DISTRICT, band));
    }
    for (const level of ['comune', 'ambito', 'distretto'] as const) {
      releases.push({ quarter, level, minCell: options.minCell, ...(level === 'comune' && comuneQuarters > 1 ? { quarters: comuneQuarters } : {}), cells: cells[level] });
    }
  }
  return releases;
}

/** Whether a quarter closed more than `freezeDays` days before `now` (its figures then never change). */
export function frozenAt(quarter: string, now: Date, freezeDays: number): boolean {
  const last = monthsOf(quarter)[2]!;
  const [year, month] = last.split('-').map(Number) as [number, number];
  const closed = Date.UTC(year, month, 1); // the first day after the quarter (UTC midnight; Rome is ahead)
  return now.getTime() >= closed + freezeDays * 86_400_000;
}

/**
 * Whether a release of the figures is due: figures are published on fixed dates, never on an import (an
 * import recomputed at once let a partner read, seconds later, whether a person it named was already
 * followed by another body). Due when the month has changed since the last release (a provisional release
 * a month), or when a quarter not yet frozen has reached its freeze day (its final release), or when nothing
 * has been released yet.
 */
export function releaseDue(released: { quarter: string; frozen: boolean; computedAt: string | Date }[], now: Date, freezeDays: number): boolean {
  if (released.length === 0) return true;
  const last = released.map((r) => new Date(r.computedAt).getTime()).reduce((a, b) => Math.max(a, b));
  if (romeDayOf(new Date(last)).slice(0, 7) !== romeDayOf(now).slice(0, 7)) return true;
  return released.some((r) => !r.frozen && frozenAt(r.quarter, now, freezeDays));
}
