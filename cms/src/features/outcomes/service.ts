/**
 * The outcomes the public reads: every reported cycle of a published workshop, summed per workshop and
 * for the district under the small-cell rule (figures.ts). The raw cycles and their notes stay private.
 */
import type { Core } from '@strapi/strapi';
import { OUTCOME_MEASURES, uidOf, type OutcomeReport } from '@coesione/model';
import { minCellFrom } from '../../platform/disclosure';
import { outcomeReport, type CycleRow } from './figures';
import { OUTCOME } from './guard';

export async function publicOutcomes(strapi: Core.Strapi): Promise<OutcomeReport> {
  const published = (await strapi.documents(uidOf('workshop')).findMany({ status: 'published', locale: 'it', fields: ['documentId', 'slug', 'title'], limit: -1 } as never)) as { documentId: string; slug: string; title: string }[];
  const workshops = new Map(published.map((w) => [w.documentId, { documentId: w.documentId, slug: w.slug, title: w.title }]));
  const rows = (await strapi.db.query(OUTCOME).findMany({
    select: ['cycleStart', 'cycleEnd', ...OUTCOME_MEASURES.map((m) => m.key)],
    populate: { workshop: { select: ['documentId'] } },
  })) as (Record<string, unknown> & { workshop?: { documentId: string } | null })[];
  const cycles: CycleRow[] = rows.flatMap((row) => {
    const workshop = row.workshop && workshops.get(row.workshop.documentId);
    if (!workshop) return [];
    const counts = Object.fromEntries(OUTCOME_MEASURES.map((m) => [m.key, Number(row[m.key] ?? 0)]));
    return [{ ...counts, workshop, cycleStart: String(row.cycleStart).slice(0, 10), cycleEnd: String(row.cycleEnd).slice(0, 10) } as CycleRow];
  });
  return outcomeReport(cycles, minCellFrom(process.env.NEED_MIN_CELL));
}
