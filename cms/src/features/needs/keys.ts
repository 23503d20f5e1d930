/**
 * Distinct people without identity. A partner may give the codice fiscale of the person (or of the
 * household's reference person) or its own file code; the CMS keeps only an HMAC of it under the district
 * secret NEED_KEY_SECRET and drops the code. The same codice fiscale gives the same key whichever partner
 * enters it (so a household followed by two bodies counts once, and shows as followed by more than one);
 * a file code counts only within its organisation. The key never leaves the CMS: it is a private field,
 * outside every permission, export and log.
 */
import { createHmac } from 'node:crypto';
import { validCodiceFiscale } from '@coesione/model';
import { secret } from '../../platform/runtime';

const hmac = (text: string) => createHmac('sha256', secret('NEED_KEY_SECRET')).update(text).digest('base64url');

/** The person key of a record, or null when neither code was given (then each record counts alone). */
export function personKey(input: { codiceFiscale?: string | null; internalCode?: string | null; organization: string }): string | null {
  const cf = input.codiceFiscale?.replace(/\s+/g, '').toUpperCase();
  if (cf) {
    if (!validCodiceFiscale(cf)) throw new Error('invalid codice fiscale');
    return `cf:${hmac(`cf\u0000${cf}`)}`;
  }
  const code = input.internalCode?.trim();
  return code ? `in:${hmac(`in\u0000${input.organization}\u0000${code}`)}` : null;
}
