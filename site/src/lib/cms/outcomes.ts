/**
 * The workshops' outcomes for the workshop pages, the comune pages and the section page:
 * `GET /api/risultati-laboratori`, the district's figures, each comune's and each workshop's, with the small-cell rule already applied by the CMS (a figure
 * about people under the threshold comes as `value: null`). Read from the CMS or from the snapshot.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { OUTCOME_MEASURES, type OutcomeMeasure } from '@coesione/model';
import { readOutcomes } from './source.ts';

const figure = z.union([z.object({ value: z.number() }), z.object({ value: z.null(), hidden: z.enum(['small', 'secondary']) })]);

export const outcomeSchema = z.object({
  workshop: z.object({ documentId: z.string(), slug: z.string(), title: z.string() }).nullable(),
  comune: z.object({ istatCode: z.string(), name: z.string(), slug: z.string() }).nullable(),
  minCell: z.number().int().min(1),
  cycles: z.number().int().min(1),
  from: z.string(),
  to: z.string(),
  figures: z.object(Object.fromEntries(OUTCOME_MEASURES.map((m) => [m.key, figure])) as Record<OutcomeMeasure, typeof figure>),
});
export type OutcomeEntry = z.infer<typeof outcomeSchema>;

/** The id of the district's entry in the `workshopOutcomes` collection; a workshop's is its documentId, a comune's `comuneOutcomes(istat)`. */
export const DISTRICT_OUTCOMES = 'distretto';
export const comuneOutcomes = (istat: string) => `comune:${istat}`;

export function outcomesLoader(): Loader {
  return {
    name: 'coesione-cms-outcomes',
    async load({ store, parseData, logger }) {
      const list = await readOutcomes();
      store.clear();
      for (const raw of list) {
        const entry = raw as Partial<OutcomeEntry>;
        const id = entry.workshop?.documentId ?? (entry.comune ? comuneOutcomes(entry.comune.istatCode) : DISTRICT_OUTCOMES);
        store.set({ id, data: await parseData({ id, data: raw as Record<string, unknown> }) });
      }
      logger.info(`${list.length} outcome figures`);
    },
  };
}
