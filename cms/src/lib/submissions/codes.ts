/**
 * The small pieces of cryptography behind the public form: receipt codes, the client key of the rate
 * limit (never the raw address), and the signed token of the no-JavaScript confirmation page.
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

const sign = (salt: string, shownAt: number) =>
  crypto.createHmac('sha256', salt).update(`coesione-confirm:${shownAt}`).digest('base64url');

/** The token of a confirmation page: the time it was shown, signed by the server. */
export function confirmToken(salt: string, shownAt: number): string {
  return `${shownAt}.${sign(salt, shownAt)}`;
}

/** The time a genuine confirmation page was shown, or undefined for a forged or malformed token. */
export function verifyConfirmToken(salt: string, token: unknown): number | undefined {
  if (typeof token !== 'string') return undefined;
  const match = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return undefined;
  const shownAt = Number(match[1]);
  const expected = Buffer.from(sign(salt, shownAt));
  const given = Buffer.from(match[2] ?? '');
  return expected.length === given.length && crypto.timingSafeEqual(expected, given) ? shownAt : undefined;
}
