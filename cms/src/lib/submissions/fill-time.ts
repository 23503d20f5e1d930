/**
 * The minimum fill time, a cheap brake on scripted posts: the islands send `startedAt` (the browser's
 * time when the form opened); a plain form post is timed from its confirmation page (confirmation.ts).
 */
import type { SubmissionOptions } from './options';
import { FIELD_LABELS, type FieldError } from './validation';

export type FillLimits = Pick<SubmissionOptions, 'minFillMs' | 'maxFillMs' | 'clockSkewMs'>;

export const tooFastMessage = (minFillMs: number): string =>
  `Invio troppo rapido: attendi qualche secondo prima di inviare (almeno ${Math.ceil(minFillMs / 1000)} secondi dall'apertura del modulo).`;

const field = `«${FIELD_LABELS.startedAt}»`;
const refuse = (message: string): FieldError => ({ path: ['startedAt'], message });

/**
 * Undefined when `startedAt` is a plausible opening time at least `minFillMs` ago, else the error on
 * the field. Only a bounded window counts: without the lower bound 0 or −1 (or any old time) would pass
 * the minimum as "filled for decades".
 */
export function checkStartedAt(startedAt: unknown, now: number, limits: FillLimits): FieldError | undefined {
  if (typeof startedAt !== 'number' || !Number.isSafeInteger(startedAt)) {
    return refuse(`${field} manca o non è valida: ricarica la pagina del modulo e riprova.`);
  }
  if (startedAt > now + limits.clockSkewMs) {
    return refuse(`${field} è nel futuro: controlla che data e ora del dispositivo siano giuste, poi ricarica la pagina del modulo e riprova.`);
  }
  if (now - startedAt > limits.maxFillMs) {
    const hours = Math.round(limits.maxFillMs / 3_600_000);
    return refuse(`Il modulo è aperto da più di ${hours} ${hours === 1 ? 'ora' : 'ore'}: copia il testo che hai scritto, ricarica la pagina e invia di nuovo.`);
  }
  if (now - startedAt < limits.minFillMs) return refuse(tooFastMessage(limits.minFillMs));
  return undefined;
}
