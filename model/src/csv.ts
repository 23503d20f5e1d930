/**
 * The one CSV writer of the platform: the site's open data and digests (`,`), and the CMS's files for
 * partners (`;` and a BOM, as Excel with Italian settings opens them by double click).
 */

/** A cell: a text, or a number written as it is. */
export type CsvCell = string | number;

export interface CsvOptions {
  /** `,` (RFC 4180, the default) or `;` (what Italian spreadsheets read and write). */
  separator?: ',' | ';';
  /** A UTF-8 byte-order mark first, so Excel reads the file as UTF-8 (the CMS's files; the site's open data has none). */
  bom?: boolean;
}

/** Text that a spreadsheet would read as the start of a formula. */
const FORMULA = /^[=+\-@\t\r]/;
/** A plain decimal number, which a spreadsheet reads as a number, not a formula. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell. Formula injection (OWASP «CSV Injection»): a cell that starts with `=`, `+`, `-`, `@`, TAB
 * or CR is run as a formula when the file is opened in a spreadsheet, so a name or a label typed by
 * anyone could run `=HYPERLINK(…)` or worse on an editor's computer. Such a text gets a leading `'`,
 * which spreadsheets read as «this is text». A number is not touched: a number cell, or a text that is
 * a plain decimal like `-3` or `-0.5`, is read as a number and runs nothing, and a prefix would turn
 * it into text. Then RFC 4180: a cell holding `"`, the separator, CR or LF is quoted, its quotes doubled.
 */
function cell(value: CsvCell, separator: string): string {
  const text = String(value);
  const safe = FORMULA.test(text) && !(typeof value === 'number' && Number.isFinite(value)) && !NUMBER.test(text) ? `'${text}` : text;
  return safe.includes('"') || safe.includes(separator) || /[\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV text: one line a row, every line ended by CRLF (RFC 4180), formulas neutralised. */
export function csv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const separator = options.separator ?? ',';
  const body = `${rows.map((row) => row.map((v) => cell(v, separator)).join(separator)).join('\r\n')}\r\n`;
  return options.bom ? `\uFEFF${body}` : body;
}
