/**
 * From need records to published figures, inside the CMS (raw records never leave it).
 *
 * Counting: a person is the record's person key (a codice fiscale's HMAC, the same across partners; or a
 * partner's file code, within that partner) or, without one, the record itself. In a quarter each person
 * counts once, in the comune and age band of their latest record, with every need category any of their
 * records names; «followed by more than one body» when records from two or more organisations share the
 * key. So the comuni add up to their ambito, the ambiti to the district, the age bands to their total.
 *
 * Publishing: one table per quarter and category (comuni, ambiti by age band, district by age band, with
 * those sums as its relations), protected by disclosure.ts: every cell under NEED_MIN_CELL suppressed,
 * then enough others that none can be recomputed. Fixed geographies and quarters only; a quarter closed
 * more than NEED_FREEZE_DAYS ago is frozen: computed once, never again (later imports, and the retention
 * job's deletions, leave its figures as published, so two releases never differ on it).
 */
import { AGE_BANDS, ALL, AMBITI, DISTRICT, ambitoOf, monthsOf, quarterOf, type NeedCell, type NeedRelease } from '@coesione/model';
import { protect, type Table } from './disclosure';
import type { RecordRow } from './store';

interface Person {
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
    const people = quarters.get(quarter) ?? quarters.set(quarter, new Map()).get(quarter)!;
    const key = r.personKey ?? `record:${r.id}`;
    let person = people.get(key);
    if (!person) {
      person = { month: r.month, istat: r.istat, ageBand: r.ageBand, organizations: new Set(), categories: new Set() };
      people.set(key, person);
    } else if (r.month > person.month) {
      Object.assign(person, { month: r.month, istat: r.istat, ageBand: r.ageBand });
    }
    if (r.organization !== null) person.organizations.add(r.organization);
    for (const c of r.categories) person.categories.add(c);
  }
  return quarters;
}

const comuneId = (istat: string) => `c:${istat}`;
const ambitoId = (ambito: string, band: string) => `a:${ambito}:${band}`;
const districtId = (band: string) => `d:${band}`;

/** The additive relations of one (quarter, category) table: comuni → ambito → district, bands → total. */
export const RELATIONS: Table['relations'] = [
  ...AMBITI.map((a) => ({ total: ambitoId(a.slug, ALL), members: a.comuni.map(comuneId) })),
  ...AMBITI.map((a) => ({ total: ambitoId(a.slug, ALL), members: AGE_BANDS.map((b) => ambitoId(a.slug, b.code)) })),
  ...BANDS.map((band) => ({ total: districtId(band), members: AMBITI.map((a) => ambitoId(a.slug, band)) })),
  { total: districtId(ALL), members: AGE_BANDS.map((b) => districtId(b.code)) },
];

function emptyTable(): Record<string, number> {
  const values: Record<string, number> = {};
  for (const a of AMBITI) {
    for (const istat of a.comuni) values[comuneId(istat)] = 0;
    for (const band of BANDS) values[ambitoId(a.slug, band)] = 0;
  }
  for (const band of BANDS) values[districtId(band)] = 0;
  return values;
}

export interface AggregateOptions {
  minCell: number;
  /** Need category slugs (the vocabulary), ALL added. */
  categories: string[];
  /** Only these quarters (default: every quarter with records). */
  quarters?: string[];
}

/** The releases (comune, ambito, district) of every quarter asked for. */
export function aggregate(records: RecordRow[], options: AggregateOptions): NeedRelease[] {
  const byQuarter = peopleByQuarter(records);
  const quarters = (options.quarters ?? [...byQuarter.keys()]).slice().sort();
  const categories = [...options.categories, ALL];
  const releases: NeedRelease[] = [];
  for (const quarter of quarters) {
    const people = [...(byQuarter.get(quarter)?.values() ?? [])];
    const cells: Record<NeedRelease['level'], NeedCell[]> = { comune: [], ambito: [], distretto: [] };
    for (const category of categories) {
      const count = emptyTable();
      const multi = emptyTable();
      for (const p of people) {
        if (category !== ALL && !p.categories.has(category)) continue;
        const ambito = ambitoOf(p.istat);
        if (!ambito) continue;
        const ids = [comuneId(p.istat), ambitoId(ambito, p.ageBand), ambitoId(ambito, ALL), districtId(p.ageBand), districtId(ALL)];
        for (const id of ids) count[id] = (count[id] ?? 0) + 1;
        if (p.organizations.size > 1) for (const id of ids) multi[id] = (multi[id] ?? 0) + 1;
      }
      const hidden = protect({ values: count, relations: RELATIONS }, options.minCell);
      const hiddenMulti = protect({ values: multi, relations: RELATIONS }, options.minCell);
      const cell = (id: string, area: string, ageBand: string): NeedCell => ({
        area,
        category,
        ageBand: ageBand as NeedCell['ageBand'],
        people: hidden.has(id) ? null : count[id]!,
        // Of suppressed people nothing is said, not even how many had more than one body.
        multiBody: hidden.has(id) || hiddenMulti.has(id) ? null : multi[id]!,
        ...(hidden.has(id) ? { suppressed: count[id]! < options.minCell ? 'primary' : 'secondary' } : {}),
      });
      for (const a of AMBITI) {
        for (const istat of a.comuni) cells.comune.push(cell(comuneId(istat), istat, ALL));
        for (const band of BANDS) cells.ambito.push(cell(ambitoId(a.slug, band), a.slug, band));
      }
      for (const band of BANDS) cells.distretto.push(cell(districtId(band), DISTRICT, band));
    }
    for (const level of ['comune', 'ambito', 'distretto'] as const) releases.push({ quarter, level, minCell: options.minCell, cells: cells[level] });
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
