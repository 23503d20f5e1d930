/**
 * Rating aggregates for the detail pages: `GET /api/ratings` lists, per practice, opportunity or
 * workshop, the average and the count of the *accepted* ratings, only for targets with at least 3
 * (the CMS decides both). Read from the CMS or from the snapshot (`ratings`), like the entries.
 */
import fs from 'node:fs';
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { CmsSourceError } from './source.ts';

export const ratingSchema = z.object({
  targetType: z.enum(['practice', 'opportunity', 'workshop']),
  targetDocumentId: z.string(),
  average: z.number().min(1).max(5),
  count: z.number().int().min(1),
});
export type RatingAggregate = z.infer<typeof ratingSchema>;

/** The id of a target's aggregate in the `ratings` collection. */
export const ratingId = (targetType: string, targetDocumentId: string): string => `${targetType}:${targetDocumentId}`;

/** The aggregates as the CMS lists them; any failure fails the build, as for the entries. */
export async function ratingsFromCms(cmsUrl: string): Promise<unknown[]> {
  const url = `${cmsUrl}/api/ratings`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { connection: 'close' } });
  } catch (cause) {
    throw new CmsSourceError(`The CMS does not answer at ${cmsUrl} (${url}). Start it (npm start), set CMS_URL, or build from a snapshot with SITE_SNAPSHOT.`, { cause });
  }
  if (!res.ok) throw new CmsSourceError(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { data?: unknown };
  if (!Array.isArray(body.data)) throw new CmsSourceError(`GET ${url} returned no "data" list.`);
  return body.data;
}

function fromSnapshot(file: string): unknown[] {
  let ratings: unknown;
  try {
    ratings = (JSON.parse(fs.readFileSync(file, 'utf8')) as { ratings?: unknown }).ratings;
  } catch (cause) {
    throw new CmsSourceError(`SITE_SNAPSHOT=${file} cannot be read as a snapshot (make one with npm run snapshot).`, { cause });
  }
  if (!Array.isArray(ratings)) throw new CmsSourceError(`SITE_SNAPSHOT=${file} has no "ratings": take a new snapshot with npm run snapshot.`);
  return ratings;
}

export function ratingsLoader(): Loader {
  return {
    name: 'coesione-cms-ratings',
    async load({ store, parseData, logger }) {
      const file = process.env.SITE_SNAPSHOT;
      const list = file ? fromSnapshot(file) : await ratingsFromCms(process.env.CMS_URL ?? 'http://127.0.0.1:1337');
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
