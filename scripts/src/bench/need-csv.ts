/** A partner's need-record CSV as the benchmarks write it (bench:needs, bench:soak): the import template's columns, valid rows. */
import { AMBITI, NEED_CATEGORIES } from '@coesione/model';

export const HEADER = 'mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno';
export const COMUNI = AMBITI.flatMap((a) => a.comuni);
export const CATEGORIES = NEED_CATEGORIES.map((c) => c.slug);
export const BANDS = ['0-17', '18-29', '30-49', '50-64', '65-79', '80+'];

/**
 * `n` valid rows, the i-th in `month(i)` for the person with file code `person(i)` (one row per person
 * and month). By default twelve months of 2025, ~n/12 people a month.
 */
export function needCsv(
  n: number,
  month: (i: number) => string = (i) => `2025-${String(1 + (i % 12)).padStart(2, '0')}`,
  person: (i: number) => string = (i) => `B-${Math.floor(i / 12)}`,
): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i += 1) {
    lines.push(`${month(i)};${COMUNI[i % COMUNI.length]};${BANDS[i % 6]};;;;${CATEGORIES[i % 14]}|${CATEGORIES[(i * 7) % 14]};;no;;${person(i)}`);
  }
  return lines.join('\r\n');
}
