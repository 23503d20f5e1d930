/**
 * The trial run of an import: what the file would do to each month, computed before anything is written.
 * Pure (no database): the caller counts the records already there. The same computation runs again at the
 * confirmation, inside the transaction, and its `plan` must match the one the partner saw: the server
 * never takes the client's word for what it confirmed, and a month changed in between (another import,
 * a record edited) stops the replacement instead of replacing something the partner did not see.
 */
import { createHash } from 'node:crypto';
import type { ImportPreview, MonthPlan } from './contract';
import type { Problems } from './csv';

export { MAX_REPORTED_ERRORS } from './csv';

const schede = (n: number) => (n === 1 ? '1 scheda' : `${n} schede`);

export function monthLine({ month, incoming, existing }: MonthPlan): string {
  const nuove = incoming === 1 ? '1 scheda nuova' : `${incoming} schede nuove`;
  if (existing === 0) return `${month}: ${nuove} (il mese è vuoto, nulla da sostituire)`;
  return `${month}: ${nuove} al posto ${existing === 1 ? 'dell’unica scheda già presente' : `delle ${existing} già presenti`}`;
}

export function previewImport(input: {
  organization: number;
  /** sha256 of the uploaded bytes. */
  fileDigest: string;
  total: number;
  /** The month of every valid row. */
  validMonths: readonly string[];
  problems: Problems;
  existing: ReadonlyMap<string, number>;
  validOnly: boolean;
}): ImportPreview {
  const incoming = new Map<string, number>();
  for (const month of input.validMonths) incoming.set(month, (incoming.get(month) ?? 0) + 1);
  const months = [...incoming.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, n]) => ({ month, incoming: n, existing: input.existing.get(month) ?? 0 }));
  const { errors, errorCount, badRows } = input.problems;
  const valid = input.validMonths.length;
  const blocked = errorCount > 0 && !input.validOnly;
  const canImport = !blocked && valid > 0;
  const plan = createHash('sha256')
    .update(JSON.stringify({ organization: input.organization, file: input.fileDigest, validOnly: input.validOnly, months }))
    .digest('base64url')
    .slice(0, 32);
  const replaced = months.reduce((sum, m) => sum + m.existing, 0);
  // A row can break several rules: what stays out is counted in rows (badRows).
  const message = blocked
    ? `Il file ha ${errorCount === 1 ? 'un errore' : `${errorCount} errori`}: correggi le righe indicate e carica di nuovo il file, oppure scegli di importare solo le righe valide. Nessun dato è stato modificato.`
    : valid === 0
      ? 'Nessuna riga valida da importare. Nessun dato è stato modificato.'
      : `Prova riuscita, nulla è stato ancora salvato: confermando importi ${schede(valid)}${replaced > 0 ? ` e sostituisci ${replaced === 1 ? 'la scheda già presente' : `le ${replaced} già presenti`} negli stessi mesi` : ''}${badRows > 0 ? `; ${badRows === 1 ? 'la riga con errori resta fuori' : `le ${badRows} righe con errori restano fuori`}` : ''}.`;
  return { total: input.total, valid, errors, errorCount, months, lines: months.map(monthLine), validOnly: input.validOnly, canImport, plan, message };
}
