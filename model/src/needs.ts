/**
 * The need-data loop's shared vocabulary: the coded fields of a need record, the fixed geographies
 * (comuni and the four ambiti of the managing bodies), quarters, and the shape of the published figures.
 * Read by the CMS (validation, CSV import, aggregation), the site (/bisogni/, comune pages, digests) and
 * the seed. No names and no free text exist in a need record: every field is one of these codes.
 */

export interface Coded<C extends string = string> {
  code: C;
  /** Italian label (admin, CSV template, site). */
  label: string;
}

export const AGE_BANDS = [
  { code: 'eta_0_17', label: '0–17' },
  { code: 'eta_18_29', label: '18–29' },
  { code: 'eta_30_49', label: '30–49' },
  { code: 'eta_50_64', label: '50–64' },
  { code: 'eta_65_79', label: '65–79' },
  { code: 'eta_80_piu', label: '80 e più' },
] as const satisfies readonly Coded[];

export const HOUSEHOLDS = [
  { code: 'persona_sola', label: 'Persona sola' },
  { code: 'coppia_senza_figli', label: 'Coppia senza figli' },
  { code: 'coppia_con_figli', label: 'Coppia con figli' },
  { code: 'monogenitore', label: 'Un genitore con figli' },
  { code: 'altro_nucleo', label: 'Altro nucleo (più generazioni, coabitazione)' },
  { code: 'non_indicato', label: 'Non indicato' },
] as const satisfies readonly Coded[];

export const SEXES = [
  { code: 'femmina', label: 'Femmina' },
  { code: 'maschio', label: 'Maschio' },
  { code: 'non_indicato', label: 'Non indicato' },
] as const satisfies readonly Coded[];

export const CITIZENSHIPS = [
  { code: 'italiana', label: 'Italiana' },
  { code: 'ue', label: 'Altro paese dell’Unione europea' },
  { code: 'extra_ue', label: 'Paese extra UE' },
  { code: 'non_indicato', label: 'Non indicato' },
] as const satisfies readonly Coded[];

export type AgeBand = (typeof AGE_BANDS)[number]['code'];

/**
 * The default vocabulary of need categories (editable in the CMS: «Categorie di bisogno»), each with the
 * site's themes (slugs) whose opportunities and practices answer it: the supply beside the need.
 */
export const NEED_CATEGORIES = [
  { slug: 'casa', name: 'Casa', themes: ['abitare'] },
  { slug: 'lavoro', name: 'Lavoro', themes: ['lavoro-inclusione', 'formazione-competenze'] },
  { slug: 'reddito', name: 'Reddito', themes: ['poverta-marginalita'] },
  { slug: 'alimentare', name: 'Alimentare', themes: ['poverta-marginalita'] },
  { slug: 'salute', name: 'Salute', themes: ['salute-benessere'] },
  { slug: 'disabilita', name: 'Disabilità', themes: ['disabilita'] },
  { slug: 'non-autosufficienza', name: 'Non autosufficienza', themes: ['anziani-domiciliarita'] },
  { slug: 'solitudine', name: 'Solitudine', themes: ['anziani-domiciliarita', 'cittadinanza-attiva-beni-comuni'] },
  { slug: 'dipendenze', name: 'Dipendenze', themes: ['salute-benessere'] },
  { slug: 'violenza', name: 'Violenza', themes: ['famiglie-minori', 'salute-benessere'] },
  { slug: 'documenti-e-migrazione', name: 'Documenti e migrazione', themes: ['migrazioni-intercultura'] },
  { slug: 'minori-e-istruzione', name: 'Minori e istruzione', themes: ['famiglie-minori', 'giovani'] },
  { slug: 'mobilita', name: 'Mobilità', themes: ['mobilita-aree-interne'] },
  { slug: 'digitale', name: 'Digitale', themes: ['formazione-competenze'] },
] as const;

/** The default vocabulary of services given (editable in the CMS: «Servizi erogati»). */
export const NEED_SERVICES = [
  { slug: 'ascolto-e-orientamento', name: 'Ascolto e orientamento' },
  { slug: 'aiuto-alimentare', name: 'Aiuto alimentare (pacchi, buoni, mensa)' },
  { slug: 'contributo-economico', name: 'Contributo economico' },
  { slug: 'accoglienza-abitativa', name: 'Accoglienza abitativa' },
  { slug: 'accompagnamento-al-lavoro', name: 'Accompagnamento al lavoro' },
  { slug: 'supporto-scolastico', name: 'Supporto scolastico' },
  { slug: 'assistenza-domiciliare', name: 'Assistenza domiciliare o compagnia' },
  { slug: 'trasporto-sociale', name: 'Trasporto sociale' },
  { slug: 'consulenza-legale-e-pratiche', name: 'Consulenza legale e pratiche' },
  { slug: 'mediazione-linguistica', name: 'Mediazione linguistica e culturale' },
  { slug: 'facilitazione-digitale', name: 'Facilitazione digitale' },
  { slug: 'supporto-psicologico', name: 'Supporto psicologico' },
] as const;

/**
 * The four ambiti of the district's managing bodies (enti gestori: the organisations' slugs) and their
 * comuni (ISTAT codes), as in the seed's municipality-bodies.json. Fixed geographies: the published
 * figures never follow a boundary someone edits.
 */
export const AMBITI = [
  { slug: 'ex-ussl-45-vercelli', name: 'Ambito di Vercelli', body: 'Comuni convenzionati ex U.S.S.L. 45 – c/o Comune di Vercelli', comuni: ['002003', '002007', '002017', '002030', '002031', '002045', '002047', '002054', '002065', '002070', '002082', '002088', '002089', '002091', '002093', '002104', '002108', '002115', '002118', '002127', '002142', '002147', '002148', '002158', '002163', '002164'] },
  { slug: 'cisas-santhia', name: 'Ambito di Santhià', body: 'C.I.S.A.S. Santhià', comuni: ['002004', '002009', '002011', '002015', '002032', '002033', '002042', '002049', '002052', '002058', '002059', '002067', '002071', '002079', '002090', '002126', '002128', '002131', '002133', '002150'] },
  { slug: 'casa-gattinara', name: 'Ambito di Gattinara', body: 'C.A.S.A. Gattinara', comuni: ['002006', '002021', '002035', '002061', '002062', '002068', '002072', '002116', '002122', '002137'] },
  { slug: 'unione-montana-valsesia', name: 'Ambito della Valsesia', body: 'Unione Montana dei Comuni della Valsesia', comuni: ['002002', '002008', '002014', '002016', '002025', '002029', '002041', '002043', '002048', '002057', '002066', '002078', '002096', '002097', '002102', '002107', '002110', '002113', '002121', '002134', '002135', '002152', '002156', '002166', '002170', '002171'] },
] as const;

export type AmbitoSlug = (typeof AMBITI)[number]['slug'];

/** The ambito of a comune (ISTAT code), or undefined outside the district. */
export function ambitoOf(istat: string): AmbitoSlug | undefined {
  return AMBITI.find((a) => (a.comuni as readonly string[]).includes(istat))?.slug;
}

/** A month as written in a record: `YYYY-MM`. */
export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The quarter of a month, `2026-T1` for `2026-01`…`2026-03`. */
export function quarterOf(month: string): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return `${m[1]}-T${Math.ceil(Number(m[2]) / 3)}`;
}

/** The three months of a quarter. */
export function monthsOf(quarter: string): string[] {
  const m = /^(\d{4})-T([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Not a quarter (YYYY-Tn): ${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  return [0, 1, 2].map((i) => `${m[1]}-${String(first + i).padStart(2, '0')}`);
}

/** The same quarter a year before (`2025-T3` for `2026-T3`). */
export const yearBefore = (quarter: string): string => `${Number(quarter.slice(0, 4)) - 1}${quarter.slice(4)}`;

/** Italian name of a quarter: «1º trimestre 2026». */
export const quarterLabel = (quarter: string): string => `${quarter.slice(6)}º trimestre ${quarter.slice(0, 4)}`;

/** Every category total, every age band total: the code standing for "all". */
export const ALL = 'tutte';

/**
 * One published figure: distinct people followed in a quarter, in an area, with a need category (or
 * ALL), in an age band (or ALL). `people: null` means suppressed by disclosure control: shown as
 * «meno di N» (never as 0). `multiBody`: of those, people followed by more than one body (same rule).
 */
export interface NeedCell {
  area: string;
  category: string;
  ageBand: AgeBand | typeof ALL;
  people: number | null;
  multiBody: number | null;
  /**
   * Why `people` is null: `primary`, fewer than minCell people (shown «meno di N»); `secondary`, hidden
   * so that no primary cell can be recomputed from the totals (it may hold more: «dato non pubblicato»).
   */
  suppressed?: 'primary' | 'secondary';
}

/**
 * How a suppressed figure reads, on the site and in the partners' files alike: «meno di N» under the
 * threshold (never 0), «non pubblicato» when hidden so that a small one cannot be recomputed (it may be larger).
 */
export const suppressedText = (cell: { suppressed?: NeedCell['suppressed'] | undefined }, minCell: number): string => (cell.suppressed === 'secondary' ? 'non pubblicato' : `meno di ${minCell}`);

/** A release: the figures of one quarter at one level, as the CMS publishes them (type need-figure). */
/**
 * How complete a quarter's figures are at their release: how many bodies were expected to send their
 * records, how many did for every month already due, and how many by the due day. Counts only: the office
 * sees who in the admin, the public never does.
 */
export interface NeedReporting {
  /** Bodies with records in the four quarters before this one, or in this one. */
  expected: number;
  /** Of the expected, those whose records of every month already due have come in. */
  reported: number;
  /** Of those, the ones whose records of each month came in by its due day. */
  onTime: number;
  /** The quarter's months already due at the release (`due`: the day, Rome), with how many bodies sent each. */
  months: { month: string; due: string; reported: number; onTime: number }[];
}

export interface NeedRelease {
  quarter: string;
  level: 'comune' | 'ambito' | 'distretto';
  /** The threshold under which a cell is suppressed (NEED_MIN_CELL). */
  minCell: number;
  /**
   * How many quarters the figures count, when more than one: comune figures count the distinct people of
   * the four quarters to `quarter` (NEED_COMUNE_QUARTERS), so that a comune has a figure twice as often.
   */
  quarters?: number;
  cells: NeedCell[];
  /** Reporting completeness at the release (absent from releases made before it was measured). */
  reporting?: NeedReporting;
}

/** The district's own area code in the figures. */
export const DISTRICT = 'distretto';

/**
 * Whether a codice fiscale (16 characters, omocodia letters allowed) has a valid check character. The
 * letter of the check is computed from the 15 before it, odd and even positions weighted differently
 * (DM 23 dicembre 1976).
 */
export function validCodiceFiscale(input: string): boolean {
  const cf = input.trim().toUpperCase();
  if (!/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPR-T][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/.test(cf)) return false;
  return codiceFiscaleCheck(cf.slice(0, 15)) === cf[15];
}

/** The check character of the first 15 characters of a codice fiscale. */
export function codiceFiscaleCheck(first15: string): string {
  const cf = first15.toUpperCase();
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const c = cf.charCodeAt(i);
    const v = c >= 65 ? c - 65 : c - 48;
    sum += i % 2 === 0 ? odd[v] ?? 0 : v;
  }
  return String.fromCharCode(65 + (sum % 26));
}
