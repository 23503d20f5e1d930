/**
 * The public figures of the workshops' outcomes: each workshop's cycles summed, and the district's sum of
 * them all. Figures about people go through the need figures' disclosure control (platform/disclosure.ts):
 * a figure under NEED_MIN_CELL is hidden («meno di 5»), and so is, where needed, another one, so that no
 * hidden figure can be worked out from the district total and the others. Items and kilos are not about
 * people and are published as they are.
 */
import { OUTCOME_MEASURES, type OutcomeFigure, type OutcomeFigures, type OutcomeMeasure, type OutcomeReport } from '@coesione/model';
import { protect } from '../../platform/disclosure';

/** One reported cycle, with its published workshop. */
export interface CycleRow extends Record<OutcomeMeasure, number> {
  workshop: { documentId: string; slug: string; title: string };
  cycleStart: string;
  cycleEnd: string;
}

const DISTRICT = 'district';
const sum = (rows: readonly CycleRow[], key: OutcomeMeasure) => rows.reduce((total, row) => total + Number(row[key] ?? 0), 0);
const span = (rows: readonly CycleRow[]) => ({
  from: rows.map((r) => r.cycleStart).sort()[0]!,
  to: rows.map((r) => r.cycleEnd).sort().at(-1)!,
});

export function outcomeReport(rows: readonly CycleRow[], minCell: number): OutcomeReport {
  const byWorkshop = new Map<string, CycleRow[]>();
  for (const row of rows) byWorkshop.set(row.workshop.documentId, [...(byWorkshop.get(row.workshop.documentId) ?? []), row]);
  if (byWorkshop.size === 0) return { district: null, workshops: [] };
  const ids = [...byWorkshop.keys()].sort();

  // One table per measure: a cell per workshop and the district total, the sum of them.
  const figures = new Map<string, Partial<Record<OutcomeMeasure, OutcomeFigure>>>();
  for (const { key, people } of OUTCOME_MEASURES) {
    const values: Record<string, number> = { [DISTRICT]: sum(rows, key) };
    for (const id of ids) values[id] = sum(byWorkshop.get(id)!, key);
    const hidden = people ? protect({ values, relations: [{ total: DISTRICT, members: ids }] }, minCell) : new Set<string>();
    for (const [cell, value] of Object.entries(values)) {
      const figure: OutcomeFigure = hidden.has(cell) ? { value: null, hidden: value < minCell ? 'small' : 'secondary' } : { value: key === 'kgReused' ? Math.round(value * 10) / 10 : value };
      figures.set(cell, { ...figures.get(cell), [key]: figure });
    }
  }
  const of = (cell: string, list: readonly CycleRow[], workshop: OutcomeFigures['workshop']): OutcomeFigures => ({
    workshop,
    minCell,
    cycles: list.length,
    ...span(list),
    figures: figures.get(cell) as Record<OutcomeMeasure, OutcomeFigure>,
  });
  return {
    district: of(DISTRICT, rows, null),
    workshops: ids.map((id) => of(id, byWorkshop.get(id)!, byWorkshop.get(id)![0]!.workshop)),
  };
}
