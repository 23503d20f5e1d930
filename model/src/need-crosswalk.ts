/**
 * The crosswalk from the district's need vocabulary (NEED_CATEGORIES, NEED_SERVICES) to the national
 * lists partners and public offices already code with: the SIUSS areas and ISTAT's areas of utenza and
 * Caritas's macro-voci of need for each category; the CISIS nomenclator and the SIUSS codes of social
 * benefits for each service. The method page shows it, the open data carry it, and the CSV import
 * accepts the national codes that name one district code and no wider need (`importCodes`).
 *
 * Each code says how sure it is (`status`), and how the national item compares with the district's
 * (`fit`): a national code stands for a district code on import only when its list codes needs or
 * services, it is confirmed or probable, no wider than the district item, and no other entry of the
 * crosswalk uses it. A code read the wrong way would file a person's need under the wrong category
 * without anyone seeing it, so a guess never reaches the import: it is shown «da verificare» until
 * someone checks it against the official list.
 */
import { NEED_CATEGORIES, NEED_SERVICES } from './needs.js';

/**
 * The national lists, with where each is defined and whether the import takes their codes. The areas of
 * utenza sort people by who they are (a family, a disabled person), not by what they need, and each
 * holds several categories: the import never reads them as a need.
 */
export const CROSSWALK_SOURCES = {
  'siuss-area': {
    name: 'SIUSS – aree di utenza',
    importable: false,
    reference: 'INPS, SIUSS (già Casellario dell’assistenza), banca dati delle valutazioni e progettazioni personalizzate: sezioni SINBA, SINA e SIP',
  },
  'istat-area': {
    name: 'ISTAT – area di utenza',
    importable: false,
    reference: 'ISTAT, Indagine sugli interventi e servizi sociali dei Comuni singoli o associati (IstatData, codici dell’area di utenza)',
  },
  caritas: {
    name: 'Caritas – macro-voci di bisogno',
    importable: true,
    reference: 'Caritas Italiana, Classificazione bisogni-richieste-interventi dei Centri di ascolto (2015) e Rapporti su povertà ed esclusione sociale',
  },
  cisis: {
    name: 'CISIS – Nomenclatore interregionale degli interventi e servizi sociali',
    importable: true,
    reference: 'CISIS, Nomenclatore interregionale degli interventi e servizi sociali, versione 2 (2013)',
  },
  'siuss-prestazione': {
    name: 'SIUSS – codici delle prestazioni sociali',
    importable: true,
    reference: 'INPS, SIUSS (già Casellario dell’assistenza), tabella delle prestazioni sociali agevolate (codici A1, A2, A3)',
  },
} as const;
export type CrosswalkSource = keyof typeof CROSSWALK_SOURCES;

/**
 * How sure a code is. `confirmed`: read in the list or in a document that quotes it. `probable`: the
 * label is the list's, and the code follows the scheme of the codes we read but was not itself seen.
 * `nearest`: the label is the list's item nearest to the district's, the code our best reading of the
 * list's numbering, to be checked against the official text.
 */
export type CodeStatus = 'confirmed' | 'probable' | 'nearest';

/** The national item against the district's: the same need, a part of it, a wider one, or one that overlaps. */
export type CodeFit = 'same' | 'narrower' | 'broader' | 'overlap';

export interface NationalCode<S extends CrosswalkSource = CrosswalkSource> {
  code: string;
  /** The list's own Italian label. */
  label: string;
  source: S;
  status: CodeStatus;
  fit: CodeFit;
}

export interface CategoryCrosswalk {
  siuss: NationalCode<'siuss-area'>;
  istat: NationalCode<'istat-area'>;
  caritas: NationalCode<'caritas'>;
}

export interface ServiceCrosswalk {
  cisis: NationalCode<'cisis'>;
  /** The SIUSS benefit codes that are a form of this service: none when the list has no such benefit. */
  siuss: readonly NationalCode<'siuss-prestazione'>[];
}

export type NeedCategorySlug = (typeof NEED_CATEGORIES)[number]['slug'];
export type NeedServiceSlug = (typeof NEED_SERVICES)[number]['slug'];

const entry =
  <S extends CrosswalkSource>(source: S) =>
  (code: string, label: string, status: CodeStatus, fit: CodeFit): NationalCode<S> => ({ code, label, source, status, fit });

/**
 * The SIUSS modules of the assessments bank, one per area of utenza (codes and names on INPS's page of
 * the SIUSS). Health, migration and the practical needs have no module of their own: the nearest is SIP,
 * «altre forme di disagio».
 */
const siussArea = entry('siuss-area');
const SINBA = (fit: CodeFit) => siussArea('SINBA', 'Infanzia, adolescenza e famiglia', 'confirmed', fit);
const SINA = (fit: CodeFit) => siussArea('SINA', 'Disabilità e non autosufficienza', 'confirmed', fit);
const SIP = (fit: CodeFit) => siussArea('SIP', 'Povertà, esclusione sociale e altre forme di disagio', 'confirmed', fit);

/**
 * ISTAT's seven areas of utenza of the municipal social services, with the codes of IstatData's
 * dimension (as a published reading of the IstatData files lists them). They group people by who they
 * are, not by what they need: most categories fall in one only loosely.
 */
const istatArea = entry('istat-area');
const POV = (fit: CodeFit) => istatArea('POV', 'Povertà, disagio adulti e senza dimora', 'confirmed', fit);
const FAM = (fit: CodeFit) => istatArea('FAM', 'Famiglia e minori', 'confirmed', fit);
const DIS = (fit: CodeFit) => istatArea('DIS', 'Disabili', 'confirmed', fit);
const ELD = (fit: CodeFit) => istatArea('ELD', 'Anziani', 'confirmed', fit);
const ADD = (fit: CodeFit) => istatArea('ADD', 'Dipendenze', 'confirmed', fit);
const IMMNOM = (fit: CodeFit) => istatArea('IMMNOM', 'Immigrati, Rom, Sinti e Caminanti', 'confirmed', fit);
const MULBEN = (fit: CodeFit) => istatArea('MULBEN', 'Multiutenza', 'confirmed', fit);

/**
 * Caritas's macro-voci of need. The labels are those of Caritas's reports; of the codes, CAS and DEN
 * were read in the 2015 classification (CAS01…CAS99 below CAS, and so on), the others follow its
 * three-letter scheme and are marked `probable` until read.
 */
const caritas = entry('caritas');
const CAS = (fit: CodeFit) => caritas('CAS', 'Problematiche abitative', 'confirmed', fit);
const OCC = (fit: CodeFit) => caritas('OCC', 'Problemi di occupazione', 'probable', fit);
const POVC = (fit: CodeFit) => caritas('POV', 'Povertà economica', 'probable', fit);
const SAL = (fit: CodeFit) => caritas('SAL', 'Problemi di salute', 'probable', fit);
const HAN = (fit: CodeFit) => caritas('HAN', 'Handicap/disabilità', 'probable', fit);
const DIP = (fit: CodeFit) => caritas('DIP', 'Dipendenze', 'probable', fit);
const FAMC = (fit: CodeFit) => caritas('FAM', 'Problemi familiari', 'probable', fit);
const IMM = (fit: CodeFit) => caritas('IMM', 'Problemi legati all’immigrazione', 'probable', fit);
const IST = (fit: CodeFit) => caritas('IST', 'Problemi di istruzione', 'probable', fit);
const ALT = (fit: CodeFit) => caritas('ALT', 'Altri tipi di problemi', 'probable', fit);

export const CATEGORY_CROSSWALK: Readonly<Record<NeedCategorySlug, CategoryCrosswalk>> = {
  casa: { siuss: SIP('broader'), istat: POV('broader'), caritas: CAS('same') },
  lavoro: { siuss: SIP('broader'), istat: POV('broader'), caritas: OCC('same') },
  // Caritas's economic poverty is both the district's «reddito» and its «alimentare»: POV names neither on import.
  reddito: { siuss: SIP('broader'), istat: POV('broader'), caritas: POVC('same') },
  alimentare: { siuss: SIP('broader'), istat: POV('broader'), caritas: POVC('broader') },
  salute: { siuss: SIP('overlap'), istat: MULBEN('overlap'), caritas: SAL('same') },
  disabilita: { siuss: SINA('broader'), istat: DIS('same'), caritas: HAN('same') },
  // SIUSS keeps disability and dependency in one module (SINA), and so the crosswalk does in Caritas's list.
  'non-autosufficienza': { siuss: SINA('broader'), istat: ELD('overlap'), caritas: HAN('overlap') },
  solitudine: { siuss: SIP('overlap'), istat: ELD('overlap'), caritas: ALT('broader') },
  dipendenze: { siuss: SIP('broader'), istat: ADD('same'), caritas: DIP('same') },
  // Family problems are wider than violence, and violence is not only in the family: FAM stays out of the import.
  violenza: { siuss: SINBA('overlap'), istat: FAM('overlap'), caritas: FAMC('overlap') },
  'documenti-e-migrazione': { siuss: SIP('overlap'), istat: IMMNOM('overlap'), caritas: IMM('same') },
  // Caritas's schooling problems (illiteracy, schooling, language) all fall in the district's «istruzione».
  'minori-e-istruzione': { siuss: SINBA('overlap'), istat: FAM('overlap'), caritas: IST('narrower') },
  mobilita: { siuss: SIP('overlap'), istat: MULBEN('overlap'), caritas: ALT('broader') },
  digitale: { siuss: SIP('overlap'), istat: MULBEN('overlap'), caritas: ALT('broader') },
};

/**
 * The CISIS nomenclator's items: labels as the nomenclator and ISTAT's survey name them, grouped in the
 * macro-areas «Servizio sociale professionale» (A), «Integrazione sociale» (B), «Interventi e servizi
 * educativo-assistenziali e per l’inserimento lavorativo» (C), «Assistenza domiciliare» (D), «Servizi di
 * supporto» (E), «Trasferimenti in denaro» (F) and «Strutture» (M). We could not read the 2013 text: every
 * code is `nearest`, and none is accepted on import until someone checks it.
 */
const cisis = entry('cisis');
const nearest = (code: string, label: string, fit: CodeFit) => cisis(code, label, 'nearest', fit);

/**
 * SIUSS benefit codes, as the list of benefits INPS's ISEE consultation takes («prestazione da erogare»)
 * names them.
 */
const siussBenefit = entry('siuss-prestazione');
const benefit = (code: string, label: string, fit: CodeFit) => siussBenefit(code, label, 'confirmed', fit);

export const SERVICE_CROSSWALK: Readonly<Record<NeedServiceSlug, ServiceCrosswalk>> = {
  'ascolto-e-orientamento': { cisis: nearest('A1', 'Segretariato sociale', 'same'), siuss: [] },
  'aiuto-alimentare': {
    cisis: nearest('E3', 'Distribuzione beni di prima necessità', 'overlap'),
    siuss: [benefit('A1.06', 'Buoni spesa o buoni pasto', 'narrower'), benefit('A2.01', 'Mensa sociale', 'narrower')],
  },
  'contributo-economico': {
    cisis: nearest('F1', 'Contributi economici a integrazione del reddito familiare', 'narrower'),
    siuss: [benefit('A1.04', 'Contributi economici a integrazione del reddito familiare', 'narrower'), benefit('A1.05', 'Contributi economici per alloggio', 'narrower')],
  },
  // SIUSS's residential structures (A3.02) hold nursing homes too: wider than a roof for the night.
  'accoglienza-abitativa': { cisis: nearest('M1', 'Strutture residenziali (centri di accoglienza)', 'overlap'), siuss: [] },
  'accompagnamento-al-lavoro': {
    cisis: nearest('C3', 'Sostegno all’inserimento lavorativo', 'same'),
    siuss: [benefit('A2.09', 'Supporto all’inserimento lavorativo', 'same')],
  },
  'supporto-scolastico': {
    cisis: nearest('C1', 'Sostegno socio-educativo scolastico', 'overlap'),
    siuss: [benefit('A2.11', 'Sostegno socio-educativo scolastico', 'narrower')],
  },
  'assistenza-domiciliare': {
    cisis: nearest('D1', 'Assistenza domiciliare socio-assistenziale', 'narrower'),
    siuss: [benefit('A2.07', 'Assistenza domiciliare socio-assistenziale', 'narrower')],
  },
  'trasporto-sociale': { cisis: nearest('E2', 'Trasporto sociale', 'same'), siuss: [] },
  // Legal advice and paperwork have no item of their own: the nearest is the social secretariat, as for listening.
  'consulenza-legale-e-pratiche': { cisis: nearest('A1', 'Segretariato sociale', 'overlap'), siuss: [] },
  'mediazione-linguistica': { cisis: nearest('B3', 'Servizi di mediazione culturale', 'same'), siuss: [] },
  'facilitazione-digitale': { cisis: nearest('B1', 'Interventi per l’integrazione sociale dei soggetti deboli o a rischio', 'broader'), siuss: [] },
  'supporto-psicologico': { cisis: nearest('C2', 'Sostegno socio-educativo territoriale o domiciliare', 'overlap'), siuss: [] },
};

/** The national codes of a category (SIUSS area, ISTAT area, Caritas), or undefined for a slug the crosswalk lacks. */
export const categoryCrosswalk = (slug: string): CategoryCrosswalk | undefined =>
  Object.hasOwn(CATEGORY_CROSSWALK, slug) ? CATEGORY_CROSSWALK[slug as NeedCategorySlug] : undefined;

/** The national codes of a service (CISIS, SIUSS benefits), or undefined for a slug the crosswalk lacks. */
export const serviceCrosswalk = (slug: string): ServiceCrosswalk | undefined =>
  Object.hasOwn(SERVICE_CROSSWALK, slug) ? SERVICE_CROSSWALK[slug as NeedServiceSlug] : undefined;

/** Every entry of a vocabulary's crosswalk, with the district slug it belongs to. */
export function crosswalkEntries(kind: 'categories' | 'services'): { slug: string; national: NationalCode }[] {
  if (kind === 'categories') {
    return Object.entries(CATEGORY_CROSSWALK).flatMap(([slug, c]) => [c.siuss, c.istat, c.caritas].map((national) => ({ slug, national })));
  }
  return Object.entries(SERVICE_CROSSWALK).flatMap(([slug, s]) => [s.cisis, ...s.siuss].map((national) => ({ slug, national })));
}

/**
 * Whether the import takes this entry's code for its district slug: from a list of needs or services,
 * not a guess, no wider than the district item, and a code no other entry of the same vocabulary's crosswalk uses (in any list, in any
 * case: «FAM» is both ISTAT's families and Caritas's family problems, so it names neither).
 */
export function importAccepted(kind: 'categories' | 'services', national: NationalCode): boolean {
  if (!CROSSWALK_SOURCES[national.source].importable) return false;
  if (national.status === 'nearest' || (national.fit !== 'same' && national.fit !== 'narrower')) return false;
  const code = national.code.toLowerCase();
  return crosswalkEntries(kind).filter((e) => e.national.code.toLowerCase() === code).length === 1;
}

/** The national codes the import accepts for a vocabulary, as written in the lists → the district slug. */
export function importCodes(kind: 'categories' | 'services'): ReadonlyMap<string, string> {
  return new Map(crosswalkEntries(kind).filter((e) => importAccepted(kind, e.national)).map((e) => [e.national.code, e.slug]));
}
