/**
 * The open datasets of /dati-aperti/: every public type as CSV and JSON, each described by its columns, and
 * the data dictionary page drawn from the same description (field, type, meaning, an example). One list of
 * columns per dataset is the single home of what a file holds: the CSV header, the JSON keys and the
 * dictionary cannot disagree. Only what the public pages show: no contact of a person, no private field.
 */
import { csv, type CsvCell } from '@coesione/model';

/** The kinds a dictionary names, in Italian. */
export type FieldType = 'identificativo' | 'testo' | 'numero' | 'data' | 'data e ora' | 'URL' | 'elenco' | 'codice ISTAT' | 'elenco di codici ISTAT';

export type Value = string | number | null | string[];

export interface Column<T> {
  name: string;
  type: FieldType;
  meaning: string;
  value: (entry: T, site: string) => Value;
}

export interface Dataset<T> {
  /** The files' name: /dati-aperti/<slug>.csv, .json and the dictionary /dati-aperti/<slug>/. */
  slug: string;
  title: string;
  description: string;
  columns: Column<T>[];
}

/** Lists in a CSV cell: joined by « | », as the pacts' register does. */
export const LIST_SEPARATOR = ' | ';

const cell = (value: Value): CsvCell => (Array.isArray(value) ? value.join(LIST_SEPARATOR) : value === null ? '' : value);

export function datasetCsv<T>(dataset: Dataset<T>, entries: readonly T[], site: string): string {
  return csv([dataset.columns.map((c) => c.name), ...entries.map((e) => dataset.columns.map((c) => cell(c.value(e, site))))]);
}

export function datasetJson<T>(dataset: Dataset<T>, entries: readonly T[], site: string): Record<string, Value>[] {
  return entries.map((e) => Object.fromEntries(dataset.columns.map((c) => [c.name, c.value(e, site)])));
}

export interface DictionaryRow {
  name: string;
  type: FieldType;
  meaning: string;
  /** The first entry's value that says something, as the CSV writes it. */
  example: string;
}

export function dictionary<T>(dataset: Dataset<T>, entries: readonly T[], site: string): DictionaryRow[] {
  return dataset.columns.map((c) => {
    const found = entries.map((e) => cell(c.value(e, site))).find((v) => v !== '' && v !== null);
    return { name: c.name, type: c.type, meaning: c.meaning, example: found === undefined || found === null ? '' : String(found) };
  });
}

// --- Column helpers shared by the datasets ---------------------------------------------------------------

interface Named {
  name: string;
}
interface Comuned {
  municipalities: { name: string; istatCode: string }[];
}
interface Tagged {
  themes: Named[];
  targetGroups: Named[];
}
interface Dated {
  documentId: string;
  slug: string;
  summary: string;
  publishedAt: string;
  updatedAt: string;
}

const pageOf = (section: string) => (e: { slug: string }, site: string) => new URL(`${section}${e.slug}/`, site).href;
const names = (list: readonly Named[]) => list.map((x) => x.name);

export const id = <T extends Dated>(): Column<T> => ({ name: 'id', type: 'identificativo', meaning: 'Identificativo stabile della scheda nel CMS: non cambia quando la scheda è modificata.', value: (e) => e.documentId });
export const page = <T extends Dated>(section: string): Column<T> => ({ name: 'pagina', type: 'URL', meaning: 'La pagina della scheda sul sito.', value: pageOf(section) });
export const summary = <T extends Dated>(): Column<T> => ({ name: 'sintesi', type: 'testo', meaning: 'Il riassunto della scheda (al massimo 300 caratteri).', value: (e) => e.summary });
export const comuni = <T extends Comuned>(): Column<T>[] => [
  { name: 'comuni', type: 'elenco', meaning: 'I comuni in cui vale; vuoto: tutto il distretto.', value: (e) => e.municipalities.map((m) => m.name) },
  { name: 'comuni_istat', type: 'elenco di codici ISTAT', meaning: 'Gli stessi comuni, con il codice ISTAT a sei cifre, nello stesso ordine.', value: (e) => e.municipalities.map((m) => m.istatCode) },
];
export const tags = <T extends Tagged>(): Column<T>[] => [
  { name: 'temi', type: 'elenco', meaning: 'Le aree tematiche della scheda.', value: (e) => names(e.themes) },
  { name: 'destinatari', type: 'elenco', meaning: 'A chi si rivolge.', value: (e) => names(e.targetGroups) },
];
export const dates = <T extends Dated>(): Column<T>[] => [
  { name: 'pubblicata', type: 'data e ora', meaning: 'Quando la scheda è stata pubblicata (ISO 8601, UTC).', value: (e) => e.publishedAt },
  { name: 'aggiornata', type: 'data e ora', meaning: 'L’ultima modifica pubblicata (ISO 8601, UTC).', value: (e) => e.updatedAt },
];
export const text = (value: string | null | undefined): string | null => (value === undefined || value === null || value === '' ? null : value);
