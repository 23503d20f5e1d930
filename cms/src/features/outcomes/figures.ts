/**
 * The public figures of the workshops' outcomes: each workshop's cycles summed, each comune's (the workshops
 * that take place there) and the district's. Figures about people go through the need figures' disclosure
 * control (platform/disclosure.ts), one table per measure whose relations are the sums (comune = its
 * workshops, district = all of them): a figure under NEED_MIN_CELL is hidden («meno di 5»), and so is, where
 * needed, another one, so that no hidden figure can be worked out by subtraction; and a comune's or the
 * district's total with a hidden member, which a partner knowing its own hidden figures could subtract from. Items and kilos are not
 * about people and are published as they are.
 */
import { OUTCOME_MEASURES, type OutcomeFigure, type OutcomeFigures, type OutcomeMeasure, type OutcomeReport } from '@coesione/model';
import { protect, type Table } from '../../platform/disclosure';

/** One reported cycle, with its published workshop and the comune where the workshop takes place. */
export interface CycleRow extends Record<OutcomeMeasure, number> {
  workshop: { documentId: string; slug: string; title: string };
  comune: OutcomeFigures['comune'];
  cycleStart: string;
  cycleEnd: string;
}

const DISTRICT = 'district';
const comuneCell = (istat: string) => `comune:${istat}`;
const sum = (rows: readonly CycleRow[], key: OutcomeMeasure) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);

function groupBy<K>(rows: readonly CycleRow[], keyOf: (row: CycleRow) => K | undefined): Map<K, CycleRow[]> {
  const groups = new Map<K, CycleRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== undefined) groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

export function outcomeReport(rows: readonly CycleRow[], minCell: number): OutcomeReport {
  if (rows.length === 0) return { district: null, comuni: [], workshops: [] };
  const byWorkshop = groupBy(rows, (r) => r.workshop.documentId);
  const byComune = groupBy(rows, (r) => r.comune?.istatCode);
  const workshopIds = [...byWorkshop.keys()].sort();
  const comuneIds = [...byComune.keys()].sort();
  const cells = new Map<string, CycleRow[]>([
    [DISTRICT, [...rows]],
    ...comuneIds.map((istat) => [comuneCell(istat), byComune.get(istat)!] as const),
    ...workshopIds.map((id) => [id, byWorkshop.get(id)!] as const),
  ]);
  // A workshop takes place in one comune (its location): the comune's figure is the sum of its workshops'.
  const relations: Table['relations'] = [
    { total: DISTRICT, members: workshopIds },
    ...comuneIds.map((istat) => ({ total: comuneCell(istat), members: [...new Set(byComune.get(istat)!.map((r) => r.workshop.documentId))].sort() })),
  ];

  const figures = new Map<string, Partial<Record<OutcomeMeasure, OutcomeFigure>>>();
  for (const { key, people } of OUTCOME_MEASURES) {
    const values = Object.fromEntries([...cells].map(([cell, list]) => [cell, sum(list, key)]));
    const hidden = people ? protect({ values, relations }, minCell) : new Set<string>();
    // A partner knows its own workshops' figures, hidden ones included: from a published total it would
    // subtract them, and the published others, and learn the other bodies' hidden part. So a total with a
    // hidden member is hidden too (one more hidden cell only widens what any reader can infer).
    if (people) for (const { total, members } of relations) if (members.some((m) => hidden.has(m))) hidden.add(total);
    for (const [cell, value] of Object.entries(values)) {
      const figure: OutcomeFigure = hidden.has(cell) ? { value: null, hidden: value < minCell ? 'small' : 'secondary' } : { value: key === 'kgReused' ? Math.round(value * 10) / 10 : value };
      figures.set(cell, { ...figures.get(cell), [key]: figure });
    }
  }
  const of = (cell: string, workshop: OutcomeFigures['workshop'], comune: OutcomeFigures['comune']): OutcomeFigures => {
    const list = cells.get(cell)!;
    return {
      workshop,
      comune,
      minCell,
      cycles: list.length,
      from: list.map((r) => r.cycleStart).sort()[0]!,
      to: list.map((r) => r.cycleEnd).sort().at(-1)!,
      figures: figures.get(cell) as Record<OutcomeMeasure, OutcomeFigure>,
    };
  };
  return {
    district: of(DISTRICT, null, null),
    comuni: comuneIds.map((istat) => of(comuneCell(istat), null, byComune.get(istat)![0]!.comune)),
    workshops: workshopIds.map((id) => of(id, byWorkshop.get(id)![0]!.workshop, null)),
  };
}
