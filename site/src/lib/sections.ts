/**
 * The public sections of the site: the registry's editorial types (@coesione/model), each with its
 * `section` path, its `label` and its `singular`, in the order of the site's navigation.
 */
import { EDITORIAL_KEYS, TYPES, type EditorialKey } from '@coesione/model';

export type SectionType = EditorialKey;
export const SECTION_TYPES: readonly SectionType[] = EDITORIAL_KEYS;
export const SECTIONS: Pick<typeof TYPES, SectionType> = TYPES;

/** "riparazione_biciclette" → "Riparazione biciclette". */
export const enumLabel = (value: string): string => {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
