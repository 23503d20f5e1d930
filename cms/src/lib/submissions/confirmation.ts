/**
 * The confirmation page of a plain form post (no JavaScript): the CMS shows the data back with a token
 * in a hidden field, and stores the contribution only when that page is sent back, once, unchanged,
 * from the same client, after a reading time and before the token expires.
 */
import { confirmToken, verifyConfirmToken, type ConfirmBinding } from './codes';
import { tooFastMessage } from './fill-time';
import type { SubmissionOptions } from './options';
import { SingleUseTokens } from './single-use';
import type { FieldError } from './validation';

const refuse = (message: string): FieldError => ({ path: ['confirmToken'], message });

export class Confirmations {
  constructor(
    private readonly salt: string,
    private readonly options: Pick<SubmissionOptions, 'minFillMs' | 'confirmTtlMs'>,
    private readonly used = new SingleUseTokens(),
  ) {}

  /** The token of a confirmation page shown now, for this content, to this client. */
  issue(binding: ConfirmBinding, now = Date.now()): string {
    return confirmToken(this.salt, now, binding);
  }

  /**
   * Undefined when the token confirms this content from this client and has not been used, else the
   * error on the field. The token is spent only when every other check passed: a page sent back too
   * fast can still be sent again a moment later.
   */
  redeem(token: unknown, binding: ConfirmBinding, now = Date.now()): FieldError | undefined {
    const verified = verifyConfirmToken(this.salt, token, binding);
    if (!verified || now - verified.shownAt > this.options.confirmTtlMs || verified.shownAt > now) {
      // One message for forged, expired, changed and moved: telling them apart would help only a forger.
      return refuse('La conferma non è valida o è scaduta (per esempio perché i dati o la connessione sono cambiati): torna al modulo e invia di nuovo.');
    }
    if (now - verified.shownAt < this.options.minFillMs) return refuse(tooFastMessage(this.options.minFillMs));
    if (!this.used.consume(verified.id, verified.shownAt + this.options.confirmTtlMs, now)) {
      return refuse("Questa pagina di conferma è già stata inviata e non si può inviare una seconda volta: il primo invio ti ha dato il codice di ricevuta. Per mandare un altro contributo torna al modulo e ricomincia.");
    }
    return undefined;
  }
}
