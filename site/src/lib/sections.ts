/** The public sections of the site, one per content type (Italian URLs from DESIGN.md). */
export const SECTIONS = {
  practice: { path: '/buone-prassi/', label: 'Buone prassi', singular: 'Buona prassi' },
  opportunity: { path: '/opportunita/', label: 'Opportunità', singular: 'Opportunità' },
  regulation: { path: '/normativa/', label: 'Normativa e modelli', singular: 'Normativa' },
  'training-material': { path: '/formazione/', label: 'Formazione', singular: 'Materiale formativo' },
  workshop: { path: '/laboratori/', label: 'Laboratori', singular: 'Laboratorio' },
  organization: { path: '/enti/', label: 'Enti', singular: 'Ente' },
} as const;

export type SectionType = keyof typeof SECTIONS;
export const SECTION_TYPES = Object.keys(SECTIONS) as SectionType[];

/** "riparazione_biciclette" → "Riparazione biciclette". */
export const enumLabel = (value: string): string => {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};
