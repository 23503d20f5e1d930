/**
 * The outcomes the public reads: every reported cycle of a published workshop, summed per workshop, per
 * comune (the workshop's place) and for the district under the small-cell rule (figures.ts). The raw cycles and their notes stay private.
 */
import type { Core } from '@strapi/strapi';
import { OUTCOME_MEASURES, uidOf, type OutcomeReport } from '@coesione/model';
import { minCellFrom } from '../../platform/disclosure';
import { outcomeReport, type CycleRow } from './figures';
import { OUTCOME } from './guard';

export async function publicOutcomes(strapi: Core.Strapi): Promise<OutcomeReport> {
  const published = (await strapi.documents(uidOf('workshop')).findMany({
    status: 'published', locale: 'it', fields: ['documentId', 'slug', 'title'], limit: -1,
    populate: { location: { populate: { municipality: { fields: ['istatCode', 'name', 'slug'] } } } },
  } as never)) as { documentId: string; slug: string; title: string; location?: { municipality?: { istatCode: string; name: string; slug: string } | null } | null }[];
  const workshops = new Map(published.map((w) => {
    const comune = w.location?.municipality;
    return [w.documentId, { workshop: { documentId: w.documentId, slug: w.slug, title: w.title }, comune: comune ? { istatCode: comune.istatCode, name: comune.name, slug: comune.slug } : null }];
  }));
  const rows = (await strapi.db.query(OUTCOME).findMany({
    select: ['cycleStart', 'cycleEnd', ...OUTCOME_MEASURES.map((m) => m.key)],
    populate: { workshop: { select: ['documentId'] } },
  })) as (Record<string, unknown> & { workshop?: { documentId: string } | null })[];
  const cycles: CycleRow[] = rows.flatMap((row) => {
    const where = row.workshop && workshops.get(row.workshop.documentId);
    if (!where) return [];
    const counts = Object.fromEntries(OUTCOME_MEASURES.map((m) => [m.key, Number(row[m.key] ?? 0)]));
    return [{ ...counts, ...where, cycleStart: String(row.cycleStart).slice(0, 10), cycleEnd: String(row.cycleEnd).slice(0, 10) } as CycleRow];
  });
  return outcomeReport(cycles, minCellFrom(process.env.NEED_MIN_CELL));
}
