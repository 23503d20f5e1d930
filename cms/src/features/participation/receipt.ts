/**
 * Fresh receipt codes. Their alphabet and how a typed code is read back (`normalizeReceipt`) are the
 * model's, shared with the status form of the site.
 */
import crypto from 'node:crypto';
import { RECEIPT_ALPHABET } from '@coesione/model';

/** 12 random characters (60 bits) in three groups of four: `ABCD-EFGH-JKMN`. */
export function newReceipt(): string {
  // 256 is a multiple of 32, so `byte & 31` is uniform.
  const chars = [...crypto.randomBytes(12)].map((byte) => RECEIPT_ALPHABET[byte & 31]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
