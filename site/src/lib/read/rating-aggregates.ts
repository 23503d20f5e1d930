/** The accepted-rating aggregate of a practice, opportunity or workshop, if it has one (read once per build). */
import { getCollection } from 'astro:content';
import { ratingId, type RatingAggregate } from '../cms/ratings';

let byId: Promise<Map<string, RatingAggregate>> | undefined;

export async function ratingOf(targetType: string, targetDocumentId: string): Promise<RatingAggregate | undefined> {
  // Most entries have no aggregate: one map of the (small) collection, not a lookup of a missing entry per page.
  // Typed from the Zod schema, so type checks need no generated Astro types (as in content.ts).
  byId ??= (getCollection('ratings') as unknown as Promise<{ data: RatingAggregate }[]>).then((list) => new Map(list.map(({ data }) => [ratingId(data.targetType, data.targetDocumentId), data])));
  return (await byId).get(ratingId(targetType, targetDocumentId));
}
