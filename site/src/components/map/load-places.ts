/** The build's places, read once per build from the content collections (see lib/places.ts). */
import { entriesOf } from '../../lib/content';
import { buildNow } from '../../lib/format';
import { collectPlaces, PLACE_TYPES, type Place, type PlaceType } from '../../lib/places';
import type { SectionEntry } from '../../lib/content';

let places: Promise<Place[]> | undefined;

export function allPlaces(): Promise<Place[]> {
  places ??= Promise.all(PLACE_TYPES.map(async (type) => [type, await entriesOf(type)] as const)).then((pairs) =>
    collectPlaces(Object.fromEntries(pairs) as Record<PlaceType, SectionEntry[]>, buildNow()),
  );
  return places;
}
