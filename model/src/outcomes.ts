/**
 * What a cycle of workshops produced, as its organiser reports it in the admin (`workshop-outcome`,
 * private), and as the public reads it (`GET /api/risultati-laboratori`): per workshop, per comune (where the
 * workshops take place) and for the district, with every figure about people under the small-cell rule of
 * the need figures (NEED_MIN_CELL).
 */

/** The measures of a cycle, in the order a page lists them. `people`: a count of people (small-cell rule). */
export const OUTCOME_MEASURES = [
  { key: 'participants', label: 'Persone che hanno partecipato', people: true },
  { key: 'fragileParticipants', label: 'di cui in situazione di fragilità', people: true },
  { key: 'placements', label: 'Tirocini o lavori avviati entro 6 mesi', people: true },
  { key: 'newVolunteers', label: 'Nuovi volontari', people: true },
  { key: 'newArtisans', label: 'Nuovi artigiani', people: true },
  { key: 'itemsRepaired', label: 'Oggetti riparati o riusati', people: false },
  { key: 'kgReused', label: 'Chili di materiale riusato', people: false },
] as const;

export type OutcomeMeasure = (typeof OUTCOME_MEASURES)[number]['key'];

/** One published figure: the value, or null with why it is not shown. */
export type OutcomeFigure =
  | { value: number }
  /** `small`: under the threshold; `secondary`: hidden so that a small one cannot be worked out by subtraction. */
  | { value: null; hidden: 'small' | 'secondary' };

/**
 * One entry of `GET /api/risultati-laboratori`, a list: the district's first (neither workshop nor comune),
 * then each comune's (the workshops that take place there), then each workshop's.
 */
export interface OutcomeFigures {
  workshop: { documentId: string; slug: string; title: string } | null;
  comune: { istatCode: string; name: string; slug: string } | null;
  /** The threshold under which no figure about people is published (NEED_MIN_CELL). */
  minCell: number;
  /** Cycles reported, and the span they cover (dates, YYYY-MM-DD). */
  cycles: number;
  from: string;
  to: string;
  figures: Record<OutcomeMeasure, OutcomeFigure>;
}

export interface OutcomeReport {
  district: OutcomeFigures | null;
  comuni: OutcomeFigures[];
  workshops: OutcomeFigures[];
}

/** How a figure reads on a page: «12», «meno di 5», «non pubblicato». */
export function outcomeFigureText(figure: OutcomeFigure, minCell: number, measure?: OutcomeMeasure): string {
  if (figure.value === null) return figure.hidden === 'small' ? `meno di ${minCell}` : 'non pubblicato';
  return measure === 'kgReused' ? figure.value.toLocaleString('it-IT', { maximumFractionDigits: 1 }) : figure.value.toLocaleString('it-IT');
}
