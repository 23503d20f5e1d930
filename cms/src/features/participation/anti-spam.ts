/**
 * The cheap brakes on scripted posts, with the Italian message of each: the honeypot field, the minimum
 * fill time of the islands (`startedAt`, the browser's time when the form opened), and the confirmation
 * page of a plain form post (timed from when the page was shown; the token itself is platform/security's).
 */
import type { ConfirmRefusal } from '../../platform/security';
import type { SubmissionOptions } from './options';
import { FIELD_LABELS, type FieldError } from './validation';

export type FillLimits = Pick<SubmissionOptions, 'minFillMs' | 'maxFillMs' | 'clockSkewMs'>;

const refuse = (field: string, message: string): FieldError => ({ path: [field], message });

/** A field hidden from people: only a robot fills it. */
export function checkHoneypot(fields: Readonly<Record<string, unknown>>): FieldError | undefined {
  if (fields.website === undefined) return undefined;
  return refuse('website', `«${FIELD_LABELS.website}» deve restare vuoto: è un campo di controllo contro gli invii automatici.`);
}

export const tooFastMessage = (minFillMs: number): string =>
  `Invio troppo rapido: attendi qualche secondo prima di inviare (almeno ${Math.ceil(minFillMs / 1000)} secondi dall'apertura del modulo).`;

/**
 * Undefined when `startedAt` is a plausible opening time at least `minFillMs` ago, else the error on
 * the field. Only a bounded window counts: without the lower bound 0 or −1 (or any old time) would pass
 * the minimum as "filled for decades".
 */
export function checkStartedAt(startedAt: unknown, now: number, limits: FillLimits): FieldError | undefined {
  const field = `«${FIELD_LABELS.startedAt}»`;
  if (typeof startedAt !== 'number' || !Number.isSafeInteger(startedAt)) {
    return refuse('startedAt', `${field} manca o non è valida: ricarica la pagina del modulo e riprova.`);
  }
  if (startedAt > now + limits.clockSkewMs) {
    return refuse('startedAt', `${field} è nel futuro: controlla che data e ora del dispositivo siano giuste, poi ricarica la pagina del modulo e riprova.`);
  }
  if (now - startedAt > limits.maxFillMs) {
    const hours = Math.round(limits.maxFillMs / 3_600_000);
    return refuse('startedAt', `Il modulo è aperto da più di ${hours} ${hours === 1 ? 'ora' : 'ore'}: copia il testo che hai scritto, ricarica la pagina e invia di nuovo.`);
  }
  if (now - startedAt < limits.minFillMs) return refuse('startedAt', tooFastMessage(limits.minFillMs));
  return undefined;
}

const CONFIRM_MESSAGES: Record<Exclude<ConfirmRefusal, 'too-soon'>, string> = {
  invalid: 'La conferma non è valida o è scaduta (per esempio perché i dati o la connessione sono cambiati): torna al modulo e invia di nuovo.',
  used: 'Questa pagina di conferma è già stata inviata e non si può inviare una seconda volta: il primo invio ti ha dato il codice di ricevuta. Per mandare un altro contributo torna al modulo e ricomincia.',
};

/** The error on the confirmation of a plain form post that platform/security refused. */
export function confirmationError(refusal: ConfirmRefusal, minFillMs: number): FieldError {
  return refuse('confirmToken', refusal === 'too-soon' ? tooFastMessage(minFillMs) : CONFIRM_MESSAGES[refusal]);
}
