/** The build's places, read once per build from the content collections (see lib/present/places.ts). */
import { entriesOf } from './content';
import type { SectionEntry } from '../present/sections';
import { buildNow } from '../present/format';
import { collectPlaces, PLACE_TYPES, type Place, type PlaceType } from '../present/places';

let places: Promise<Place[]> | undefined;

export function allPlaces(): Promise<Place[]> {
  places ??= Promise.all(PLACE_TYPES.map(async (type) => [type, await entriesOf(type)] as const)).then((pairs) =>
    collectPlaces(Object.fromEntries(pairs) as Record<PlaceType, SectionEntry[]>, buildNow()),
  );
  return places;
}

let byKey: Promise<Map<string, Place[]>> | undefined;
/** The places of one entry (its URL) or of one comune (its ISTAT code), without scanning them all per page. */
export async function placesOf(key: { url?: string | undefined; istat?: string | undefined }): Promise<Place[]> {
  byKey ??= allPlaces().then((list) => {
    const map = new Map<string, Place[]>();
    const add = (k: string, p: Place) => (map.get(k) ?? map.set(k, []).get(k)!).push(p);
    for (const p of list) {
      add(`url:${p.url}`, p);
      if (p.istat) add(`istat:${p.istat}`, p);
    }
    return map;
  });
  return (await byKey).get(key.url ? `url:${key.url}` : `istat:${key.istat}`) ?? [];
}
