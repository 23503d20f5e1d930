/**
 * Receipt codes: fresh ones, and a typed one read back. The client's hash and the confirmation token
 * are lib/security's.
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
