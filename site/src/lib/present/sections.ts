/**
 * The public sections of the site: the registry's editorial types (@coesione/model), each with its
 * `section` path, its `label` and its `singular`, in the order of the site's navigation; and the data of
 * an entry of each.
 */
import type { z } from 'astro/zod';
import { EDITORIAL_KEYS, TYPES, type EditorialKey } from '@coesione/model';
import type { schemas } from '../cms/schemas';

export type SectionType = EditorialKey;
export const SECTION_TYPES: readonly SectionType[] = EDITORIAL_KEYS;
export const SECTIONS: Pick<typeof TYPES, SectionType> = TYPES;

/** Typed from the Zod schemas, so type checks need no generated Astro types (and so no CMS). */
export type SectionData<T extends SectionType = SectionType> = z.infer<(typeof schemas)[T]>;
export interface SectionEntry<T extends SectionType = SectionType> {
  id: string;
  data: SectionData<T>;
}

/** "riparazione_biciclette" → "Riparazione biciclette". */
export const enumLabel = (value: string): string => {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
