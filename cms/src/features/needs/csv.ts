/**
 * Reading a partner's spreadsheet of need records: the bytes as spreadsheets write them (UTF-8, with or
 * without BOM, or the Latin-1/Windows-1252 of older Excel), `;` or `,` as separator, Italian headers in
 * any case and with or without accents, values as codes or as their Italian labels. Every problem is
 * reported with its row, its column and why, in Italian; nothing here touches the database.
 */
import { parse } from 'csv-parse/sync';
import { AGE_BANDS, CITIZENSHIPS, HOUSEHOLDS, MONTH, SEXES, categoryCrosswalk, csv, importAccepted, importCodes, serviceCrosswalk, validCodiceFiscale, type Coded, type CsvCell, type NationalCode } from '@coesione/model';
import type { RowError } from './contract';

/** The template's columns, in order, with what each holds (the downloadable template's second line). */
export const COLUMNS = [
  { name: 'mese', example: '2026-10', help: 'AAAA-MM (o MM/AAAA)' },
  { name: 'comune', example: '002158', help: 'codice ISTAT o nome del comune di residenza' },
  { name: 'fascia_eta', example: '30-49', help: AGE_BANDS.map((b) => b.label).join(', ') },
  { name: 'tipo_nucleo', example: 'monogenitore', help: HOUSEHOLDS.map((b) => b.code).join(', ') },
  { name: 'sesso', example: 'non indicato', help: SEXES.map((b) => b.label.toLowerCase()).join(', ') + ' (facoltativo)' },
  { name: 'cittadinanza', example: 'extra UE', help: 'italiana, UE, extra UE, non indicato (facoltativo)' },
  { name: 'bisogni', example: 'casa|lavoro', help: 'una o più categorie separate da | (barra verticale): i codici sono nell’elenco «codici ammessi» del pannello' },
  { name: 'servizi', example: 'ascolto-e-orientamento', help: 'zero o più servizi separati da |: i codici sono nell’elenco «codici ammessi» del pannello' },
  { name: 'servizio_sociale', example: 'sì', help: 'sì se il servizio sociale dell’ente gestore segue la persona, altrimenti no' },
  { name: 'codice_fiscale', example: '', help: 'facoltativo: della persona o del referente del nucleo; non viene conservato' },
  { name: 'codice_interno', example: 'SCH-0012', help: 'facoltativo: il numero della vostra scheda, per contare una persona una sola volta nei mesi' },
] as const;
export type Column = (typeof COLUMNS)[number]['name'];

const ALIASES: Record<string, Column> = {
  codice_istat: 'comune', codice_istat_comune: 'comune', codice_comune: 'comune', istat: 'comune',
  eta: 'fascia_eta', fascia_di_eta: 'fascia_eta', nucleo: 'tipo_nucleo', tipo_di_nucleo: 'tipo_nucleo',
  categorie: 'bisogni', bisogno: 'bisogni', servizio: 'servizi', servizi_erogati: 'servizi',
  servizio_sociale_coinvolto: 'servizio_sociale', cf: 'codice_fiscale', codice_scheda: 'codice_interno',
};

/** Lower case, no accents, runs of anything else as one `_`: «Fascia d’età» → `fascia_d_eta`. */
export const normalize = (text: string): string =>
  text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9+]+/g, '_').replace(/^_+|_+$/g, '');

/** UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Windows-1252, which Latin-1 files also read as. */
export function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Errors a report carries: enough to fix a file, few enough that a broken 200,000-row file stays a small answer. */
export const MAX_REPORTED_ERRORS = 100;

/**
 * A file's problems as a report carries them: the first MAX_REPORTED_ERRORS in row order, and how many errors
 * and rows there were in all. A broken 200,000-row file has over a million errors: they are counted, never
 * held, nor copied from the parsing thread to the CMS's.
 */
export interface Problems {
  errors: RowError[];
  errorCount: number;
  /** Rows with at least one error (a row can break several rules). */
  badRows: number;
}

/** Collects problems row by row, in row order, keeping the first MAX_REPORTED_ERRORS. */
export class ProblemList implements Problems {
  errors: RowError[] = [];
  errorCount = 0;
  badRows = 0;

  /** The problems of one row (none: nothing happens). */
  add(problems: readonly RowError[]): this {
    if (problems.length === 0) return this;
    this.errorCount += problems.length;
    this.badRows++;
    for (const problem of problems) if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push(problem);
    return this;
  }

  /** Problems from another pass over the same file (other rows): the first of both, in row order. */
  merge(other: Problems): Problems {
    return {
      errors: [...this.errors, ...other.errors].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_ERRORS),
      errorCount: this.errorCount + other.errorCount,
      badRows: this.badRows + other.badRows,
    };
  }
}

/** The problems of a list of errors, each row counted once (tests, and one-error answers). */
export function problemsOf(errors: readonly RowError[]): Problems {
  const list = new ProblemList();
  const byRow = new Map<number, RowError[]>();
  for (const error of [...errors].sort((a, b) => a.row - b.row)) {
    const row = byRow.get(error.row);
    if (row) row.push(error);
    else byRow.set(error.row, [error]);
  }
  for (const row of byRow.values()) list.add(row);
  return { errors: list.errors, errorCount: list.errorCount, badRows: list.badRows };
}

/** A row read and checked: codes only, and the identifying codes still in clear (hashed by the caller, then dropped). */
export interface CodedRow {
  row: number;
  month: string;
  istat: string;
  ageBand: string;
  household: string;
  sex: string;
  citizenship: string;
  categories: string[];
  services: string[];
  socialServiceInvolved: boolean;
  codiceFiscale?: string;
  internalCode?: string;
}

export interface Vocabularies {
  /** ISTAT code and normalized name → ISTAT code, for the district's comuni. */
  comuni: Map<string, string>;
  /** Normalized slug or name → slug. */
  categories: Map<string, string>;
  services: Map<string, string>;
}

/** A CMS vocabulary (need categories or services) as the import reads it: normalized slug and name → slug. */
export const vocabularyOf = (list: readonly { slug: string; name: string }[]): Map<string, string> =>
  new Map(list.flatMap((v) => [[normalize(v.slug), v.slug], [normalize(v.name), v.slug]] as [string, string][]));

/**
 * The vocabularies with the national codes the import accepts in place of the district's (the model's
 * crosswalk: Caritas's needs, SIUSS's benefits). A district slug or name that reads the same always wins,
 * and a code is left out when its district slug is no longer in the CMS's vocabulary.
 */
export function withNationalCodes(vocab: Vocabularies): Vocabularies {
  const add = (map: Map<string, string>, codes: ReadonlyMap<string, string>) => {
    const slugs = new Set(map.values());
    const out = new Map(map);
    for (const [code, slug] of codes) if (slugs.has(slug) && !out.has(normalize(code))) out.set(normalize(code), slug);
    return out;
  };
  return { ...vocab, categories: add(vocab.categories, importCodes('categories')), services: add(vocab.services, importCodes('services')) };
}

/** Lookup of a coded list by code, by label and by a few spellings people use. */
function lookup(list: readonly Coded[], extra: Record<string, string> = {}): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of list) {
    map.set(normalize(item.code), item.code);
    map.set(normalize(item.label), item.code);
  }
  for (const [spelling, code] of Object.entries(extra)) map.set(normalize(spelling), code);
  return map;
}

const AGE = lookup(AGE_BANDS, { '80+': 'eta_80_piu', 'oltre 80': 'eta_80_piu', '80 piu': 'eta_80_piu', '0 18': 'eta_0_17', minori: 'eta_0_17' });
const HOUSEHOLD = lookup(HOUSEHOLDS, { sola: 'persona_sola', single: 'persona_sola', coppia: 'coppia_senza_figli', famiglia_con_figli: 'coppia_con_figli', genitore_solo: 'monogenitore', monoparentale: 'monogenitore', altro: 'altro_nucleo' });
const SEX = lookup(SEXES, { f: 'femmina', m: 'maschio', donna: 'femmina', uomo: 'maschio' });
const CITIZENSHIP = lookup(CITIZENSHIPS, { it: 'italiana', italia: 'italiana', unione_europea: 'ue', extraue: 'extra_ue', extra_ue: 'extra_ue', non_ue: 'extra_ue' });
const YES = new Set(['si', 's', 'yes', 'y', '1', 'vero', 'x']);
const NO = new Set(['no', 'n', '0', 'falso', '']);
/** Left blank, an optional coded field is «non indicato». */
const UNSTATED = 'non_indicato';

function readMonth(value: string): string | undefined {
  const v = value.trim();
  if (MONTH.test(v)) return v;
  const m = /^(0?[1-9]|1[0-2])[/.-](\d{4})$/.exec(v);
  return m ? `${m[2]}-${m[1]!.padStart(2, '0')}` : undefined;
}

/**
 * A codice fiscale's shape (omocodia letters allowed in the digit places), anywhere in a cell: a partner
 * who pastes codes into the wrong column must not get them back in a report, a screenshot or a log.
 */
const LOOKS_LIKE_CF = /[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]/i;

/** A cell quoted back in a report, unless it may identify a person. */
export const echo = (value: string): string => (LOOKS_LIKE_CF.test(value.replace(/\s+/g, '')) ? 'Il valore (che sembra un codice fiscale, quindi non lo ripetiamo)' : `«${value.slice(0, 60)}»`);

export interface ParsedFile extends Problems {
  rows: CodedRow[];
  /** Data rows in the file (valid or not). */
  total: number;
}

/** A file refused as a whole, with one error. */
export const refusedFile = (total: number, error: RowError): ParsedFile => ({ rows: [], total, ...problemsOf([error]) });

/** Reads the whole file: `rows` every row without a problem, and the problems (the first ones, and how many). */
export function readNeedCsv(bytes: Uint8Array, vocab: Vocabularies, limits: { maxRows: number; today: string }): ParsedFile {
  // Counted on the bytes, before anything is decoded or parsed: a file of a million one-letter rows is
  // refused at once, not after the parser has held the CMS for minutes.
  let lines = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lines++;
  if (bytes.length > 0 && bytes[bytes.length - 1] !== 0x0a) lines++;
  // The header and the template's help line do not count.
  if (lines - 2 > limits.maxRows) {
    return refusedFile(lines - 1, { row: 1, field: '', message: `Il file ha più di ${limits.maxRows} righe (circa ${lines - 1}): il massimo è ${limits.maxRows} per importazione. Dividilo per mese.` });
  }
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (cause) {
    const line = (cause as { lines?: number }).lines;
    return refusedFile(0, { row: line ?? 1, field: '', message: 'Il file non si legge come CSV (virgolette non chiuse?): salvalo di nuovo come «CSV UTF-8» o «CSV (separato da punto e virgola)».' });
  }
  const [header, ...data] = records;
  if (!header) return refusedFile(0, { row: 1, field: '', message: 'Il file è vuoto: scarica il modello e compila una riga per persona e mese.' });
  const columns = header.map((h) => {
    const n = normalize(h);
    return (COLUMNS.find((c) => c.name === n)?.name ?? ALIASES[n]) as Column | undefined;
  });
  const missing = (['mese', 'comune', 'fascia_eta', 'bisogni'] as Column[]).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return refusedFile(data.length, { row: 1, field: missing.join(', '), message: `Mancano le colonne ${missing.join(', ')}: usa le intestazioni del modello (${COLUMNS.map((c) => c.name).join(';')}).` });
  }
  const problems = new ProblemList();
  const rows: CodedRow[] = [];
  // Template's help line (second row) is skipped when left in place.
  const body = data.filter((r, i) => !(i === 0 && r[0]?.startsWith('AAAA-MM')));
  const offset = data.length - body.length;
  if (body.length > limits.maxRows) {
    return refusedFile(body.length, { row: 1, field: '', message: `Il file ha ${body.length} righe: il massimo è ${limits.maxRows} per importazione. Dividilo per mese.` });
  }
  body.forEach((record, i) => {
    const row = i + 2 + offset;
    const cell = (name: Column) => {
      const at = columns.indexOf(name);
      return at >= 0 ? (record[at] ?? '').trim() : '';
    };
    const found: RowError[] = [];
    const fail = (field: Column, message: string) => found.push({ row, field, message });
    const month = readMonth(cell('mese'));
    if (!month) fail('mese', `${echo(cell('mese'))} non è un mese: scrivi AAAA-MM, per esempio 2026-10.`);
    else if (month > limits.today.slice(0, 7)) fail('mese', `${month} è un mese futuro.`);
    const istat = vocab.comuni.get(normalize(cell('comune'))) ?? vocab.comuni.get(cell('comune').padStart(6, '0'));
    if (!istat) fail('comune', `${echo(cell('comune'))} non è un comune del distretto: usa il codice ISTAT (6 cifre) o il nome.`);
    const coded = (field: Column, map: Map<string, string>, required: boolean): string => {
      const value = cell(field);
      if (!value && !required) return UNSTATED;
      const code = map.get(normalize(value));
      if (!code) fail(field, value ? `${echo(value)} non è tra i valori ammessi (${COLUMNS.find((c) => c.name === field)?.help}).` : 'Il campo è obbligatorio.');
      return code ?? '';
    };
    const ageBand = coded('fascia_eta', AGE, true);
    const household = coded('tipo_nucleo', HOUSEHOLD, false);
    const sex = coded('sesso', SEX, false);
    const citizenship = coded('cittadinanza', CITIZENSHIP, false);
    const list = (field: Column, map: Map<string, string>, required: boolean): string[] => {
      const items = cell(field).split('|').map((s) => s.trim()).filter(Boolean);
      if (required && items.length === 0) fail(field, 'Indica almeno un bisogno.');
      const codes = items.map((item) => {
        const code = map.get(normalize(item)) ?? map.get(item.toLowerCase());
        if (!code) fail(field, `${echo(item)} non è nel vocabolario: vedi l’elenco dei codici ammessi nel pannello («Scarica i codici ammessi»).`);
        return code;
      });
      return [...new Set(codes.filter((c): c is string => Boolean(c)))];
    };
    const categories = list('bisogni', vocab.categories, true);
    const services = list('servizi', vocab.services, false);
    const social = normalize(cell('servizio_sociale'));
    if (!YES.has(social) && !NO.has(social)) fail('servizio_sociale', `${echo(cell('servizio_sociale'))}: scrivi sì o no.`);
    const cf = cell('codice_fiscale').replace(/\s+/g, '').toUpperCase();
    // Never echoed back: the report does not repeat the code.
    if (cf && !validCodiceFiscale(cf)) fail('codice_fiscale', 'Il codice fiscale non è valido (16 caratteri con il carattere di controllo finale corretto).');
    const internal = cell('codice_interno');
    if (internal.length > 40) fail('codice_interno', 'Il codice interno supera i 40 caratteri.');
    if (found.length > 0) {
      problems.add(found);
      return;
    }
    rows.push({
      row, month: month!, istat: istat!, ageBand, household, sex, citizenship, categories, services,
      socialServiceInvolved: YES.has(social),
      ...(cf ? { codiceFiscale: cf } : {}),
      ...(internal ? { internalCode: internal } : {}),
    });
  });
  return { rows, total: body.length, errors: problems.errors, errorCount: problems.errorCount, badRows: problems.badRows };
}

/**
 * How the CMS writes a file for partners: `;` and a BOM, as Excel with Italian settings opens them by
 * double click and as the import reads them back; a cell that would run as a formula is neutralised.
 */
export const partnerCsv = (rows: readonly (readonly CsvCell[])[]): string => csv(rows, { separator: ';', bom: true });

/** The template a partner downloads: the header and one line saying what each column holds, with an example (skipped on import). */
export function templateCsv(): string {
  return partnerCsv([COLUMNS.map((c) => c.name), COLUMNS.map((c) => (c.example ? `${c.help}; es. ${c.example}` : c.help))]);
}

/** One allowed value of a coded column: the code the template takes and its Italian label (also accepted). */
export interface AllowedCode {
  code: string;
  label: string;
}

/** The national columns of the codes list, after code and label: what each district code is in the national lists. */
const NATIONAL_COLUMNS = ['codici_nazionali_ammessi', 'caritas', 'area_siuss', 'area_utenza_istat', 'nomenclatore_cisis', 'prestazioni_siuss'] as const;

/** A national code as the codes list shows it: code and label, and «da verificare» when it is not confirmed. */
const nationalText = (n: NationalCode): string => `${n.code} ${n.label}${n.status === 'confirmed' ? '' : ' (da verificare)'}`;

function nationalCells(column: Column, code: string): string[] {
  const category = column === 'bisogni' ? categoryCrosswalk(code) : undefined;
  const service = column === 'servizi' ? serviceCrosswalk(code) : undefined;
  const all = category ? [category.caritas, category.siuss, category.istat] : service ? [service.cisis, ...service.siuss] : [];
  const accepted = all.filter((n) => importAccepted(column === 'bisogni' ? 'categories' : 'services', n)).map((n) => n.code);
  return [
    accepted.join('|'),
    category ? nationalText(category.caritas) : '',
    category ? nationalText(category.siuss) : '',
    category ? nationalText(category.istat) : '',
    service ? nationalText(service.cisis) : '',
    service ? service.siuss.map(nationalText).join('|') : '',
  ];
}

/**
 * The companion of the template: every coded column's allowed values with their Italian labels, the need
 * categories and services read from the CMS's vocabularies (editable, so never written here), and beside
 * each category and service its national codes: those the import accepts in its place, then what it is
 * in each national list.
 */
export function codesCsv(vocabularies: { categories: readonly AllowedCode[]; services: readonly AllowedCode[] }): string {
  const rows: string[][] = [['colonna', 'codice', 'etichetta', ...NATIONAL_COLUMNS]];
  const add = (column: Column, list: readonly AllowedCode[]) => {
    for (const item of list) rows.push([column, item.code, item.label, ...nationalCells(column, item.code)]);
  };
  add('bisogni', vocabularies.categories);
  add('servizi', vocabularies.services);
  add('fascia_eta', AGE_BANDS);
  add('tipo_nucleo', HOUSEHOLDS);
  add('sesso', SEXES);
  add('cittadinanza', CITIZENSHIPS);
  return partnerCsv(rows);
}
