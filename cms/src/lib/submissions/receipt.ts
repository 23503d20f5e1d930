/**
 * The small pieces of cryptography behind the public form: receipt codes, the client key of the rate
 * limit (never the raw address), and the signed, bound token of the no-JavaScript confirmation page.
 */
import crypto from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed by hand is hard to get wrong. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 random characters (60 bits) in three groups of four: `ABCD-EFGH-JKMN`. */
export function newReceipt(): string {
  // 256 is a multiple of 32, so `byte & 31` is uniform.
  const chars = [...crypto.randomBytes(12)].map((byte) => CROCKFORD[byte & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/**
 * A code as a person may type it (lower case, spaces, O for 0, I or L for 1) in canonical form,
 * or undefined when it cannot be a receipt.
 */
export function normalizeReceipt(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const chars = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(chars)) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** HMAC-SHA256(salt, address): the only form in which a client's address is ever kept (in memory). */
export function clientHash(salt: string, address: string): string {
  return crypto.createHmac('sha256', salt).update(address).digest('base64url');
}

/**
 * What a confirmation token is bound to: a hash of the content it confirms (`contentHash`) and the
 * client it was shown to (`clientHash`, never the address). A token shown for one content to one
 * client proves nothing about any other.
 */
export interface ConfirmBinding {
  content: string;
  client: string;
}

/**
 * SHA-256 of the submission's fields in a canonical form (keys sorted, absent fields left out). Given
 * the validated fields, so the form post and its confirmation hash alike however the browser spelled
 * them ("on" or "true", spaces around a title), and the fields that are no content (the token itself,
 * the honeypot, the start time, the return link) are not part of it.
 */
export function contentHash(fields: Readonly<Record<string, unknown>>): string {
  const canonical = Object.keys(fields)
    .filter((key) => fields[key] !== undefined)
    .sort()
    .map((key) => [key, fields[key]]);
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}

const sign = (salt: string, id: string, shownAt: number, binding: ConfirmBinding) =>
  crypto
    .createHmac('sha256', salt)
    .update(['coesione-confirm-v2', id, shownAt, binding.content, binding.client].join('\n'))
    .digest('base64url');

/**
 * The token of a confirmation page: a random id (what makes it single-use, see SingleUseTokens), the
 * time it was shown, and a signature over both and the binding. Only the id and the time travel in
 * clear; the content and the client are checked by signing them again.
 */
export function confirmToken(salt: string, shownAt: number, binding: ConfirmBinding): string {
  const id = crypto.randomBytes(16).toString('base64url');
  return `${id}.${shownAt}.${sign(salt, id, shownAt, binding)}`;
}

/**
 * The id and showing time of a genuine token for this content and client, or undefined for a forged
 * or malformed token, or one shown for other content or to another client.
 */
export function verifyConfirmToken(salt: string, token: unknown, binding: ConfirmBinding): { id: string; shownAt: number } | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^([A-Za-z0-9_-]{22})\.(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const id = match[1] ?? '';
  const shownAt = Number(match[2]);
  const expected = Buffer.from(sign(salt, id, shownAt, binding));
  const given = Buffer.from(match[3] ?? '');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? { id, shownAt } : undefined;
}
