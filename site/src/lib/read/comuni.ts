/**
 * The comuni of the district as the CMS publishes them (the `municipalities` collection): the one list
 * pages read, for the comuni's own pages, the sitemap, "vicino a un comune", the map's filter and the
 * participation forms. Sorted by name, in Italian.
 */
import { getCollection } from 'astro:content';
import type { z } from 'astro/zod';
import { TYPES } from '@coesione/model';
import type { schemas } from '../cms/schemas';

export type Comune = z.infer<typeof schemas.municipality>;

/** A comune's reference point, as the islands take it (search near a comune, the point picker). */
export interface ComunePoint {
  istat: string;
  name: string;
  lat: number;
  lng: number;
}

// Every page of a build reads the same list: sorted once per build.
let comuni: Promise<Comune[]> | undefined;

async function readComuni(): Promise<Comune[]> {
  // Typed from the Zod schema, so type checks need no generated Astro types (as in content.ts).
  const list = (await getCollection(TYPES.municipality.collection)) as unknown as { data: Comune }[];
  return list.map((m) => m.data).sort((a, b) => a.name.localeCompare(b.name, 'it'));
}

export function allComuni(): Promise<Comune[]> {
  if (!comuni) comuni = readComuni();
  return comuni;
}

export const comunePoints = async (): Promise<ComunePoint[]> =>
  (await allComuni()).map((c) => ({ istat: c.istatCode, name: c.name, lat: c.latitude, lng: c.longitude }));
