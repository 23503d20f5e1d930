/** The workshops' outcomes by workshop documentId, by comune and the district's (ids in cms/outcomes.ts), read once per build. */
import { getCollection } from 'astro:content';
import { DISTRICT_OUTCOMES, type OutcomeEntry } from '../cms/outcomes';

let byId: Promise<Map<string, OutcomeEntry>> | undefined;

export async function outcomesOf(id: string | typeof DISTRICT_OUTCOMES): Promise<OutcomeEntry | undefined> {
  byId ??= (getCollection('workshopOutcomes') as unknown as Promise<{ id: string; data: OutcomeEntry }[]>).then((list) => new Map(list.map(({ id, data }) => [id, data])));
  return (await byId).get(id);
}
