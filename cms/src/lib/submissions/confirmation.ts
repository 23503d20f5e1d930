/**
 * The confirmation page of a plain form post (no JavaScript): the CMS shows the data back with a token
 * in a hidden field (lib/security's ConfirmTokens), and stores the contribution only when that page is
 * sent back, once, unchanged, from the same client, after a reading time and before the token expires.
 * Here: what the person reads when it is not.
 */
import { ConfirmTokens, type ConfirmBinding } from '../security';
import { tooFastMessage } from './fill-time';
import type { SubmissionOptions } from './options';
import type { FieldError } from './validation';

const refuse = (message: string): FieldError => ({ path: ['confirmToken'], message });

export class Confirmations {
  private readonly tokens: ConfirmTokens;

  constructor(
    salt: string,
    private readonly options: Pick<SubmissionOptions, 'minFillMs' | 'confirmTtlMs'>,
  ) {
    this.tokens = new ConfirmTokens(salt, { minAgeMs: options.minFillMs, ttlMs: options.confirmTtlMs });
  }

  /** The token of a confirmation page shown now, for this content, to this client. */
  issue(binding: ConfirmBinding, now = Date.now()): string {
    return this.tokens.issue(binding, now);
  }

  /** Undefined when the token confirms this content from this client and has not been used, else the error on the field. */
  redeem(token: unknown, binding: ConfirmBinding, now = Date.now()): FieldError | undefined {
    switch (this.tokens.redeem(token, binding, now)) {
      case undefined:
        return undefined;
      case 'invalid':
        return refuse('La conferma non è valida o è scaduta (per esempio perché i dati o la connessione sono cambiati): torna al modulo e invia di nuovo.');
      case 'too-soon':
        return refuse(tooFastMessage(this.options.minFillMs));
      case 'used':
        return refuse("Questa pagina di conferma è già stata inviata e non si può inviare una seconda volta: il primo invio ti ha dato il codice di ricevuta. Per mandare un altro contributo torna al modulo e ricomincia.");
    }
  }
}
