/**
 * Rating aggregates for the detail pages: `GET /api/ratings` lists, per practice, opportunity or
 * workshop, the average and the count of the *accepted* ratings, only for targets with at least 3
 * (the CMS decides both). Read from the CMS or from the snapshot (`ratings`), like the entries.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { readRatings } from './source.ts';

export const ratingSchema = z.object({
  targetType: z.enum(['practice', 'opportunity', 'workshop']),
  targetDocumentId: z.string(),
  average: z.number().min(1).max(5),
  count: z.number().int().min(1),
});
export type RatingAggregate = z.infer<typeof ratingSchema>;

/** The id of a target's aggregate in the `ratings` collection. */
export const ratingId = (targetType: string, targetDocumentId: string): string => `${targetType}:${targetDocumentId}`;

export function ratingsLoader(): Loader {
  return {
    name: 'coesione-cms-ratings',
    async load({ store, parseData, logger }) {
      // Any failure fails the build, as for the entries.
      const list = await readRatings();
      store.clear();
      for (const raw of list) {
        const entry = raw as Partial<RatingAggregate>;
        const id = ratingId(String(entry.targetType), String(entry.targetDocumentId));
        store.set({ id, data: await parseData({ id, data: raw as Record<string, unknown> }) });
      }
      logger.info(`${list.length} rating aggregates`);
    },
  };
}
