/**
 * The signed, bound, single-use token of a confirmation page: the CMS shows a plain form post back with
 * a token in a hidden field and accepts the post only when that page comes back once, unchanged, from
 * the same client, after a reading time and before the token expires.
 *
 * This module says why a token is refused (a reason code); the words a person reads are the caller's.
 */
import crypto from 'node:crypto';
import { memoryTokens, type TokenLedger } from './shared';

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
 * SHA-256 of the fields in a canonical form (keys sorted, absent fields left out). Given the validated
 * fields, so a form post and its confirmation hash alike however the browser spelled them ("on" or
 * "true", spaces around a title), and the fields that are no content (the token itself, the honeypot,
 * the start time, the return link) are not part of it.
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
 * A token: a random id (what makes it single-use), the time it was shown, and a signature over both and
 * the binding. Only the id and the time travel in clear; the content and the client are checked by
 * signing them again.
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

/**
 * Why a token was refused. `invalid` covers forged, expired, changed and moved alike: telling them apart
 * would help only a forger.
 */
export type ConfirmRefusal = 'invalid' | 'too-soon' | 'used';

export interface ConfirmTiming {
  /** Reading time: a page sent back sooner was not read by a person. */
  minAgeMs: number;
  /** How long a page stays valid. */
  ttlMs: number;
}

export class ConfirmTokens {
  constructor(
    private readonly salt: string,
    private readonly timing: ConfirmTiming,
    /** Where spent tokens are remembered: the database in the CMS (shared.ts), memory in unit tests. */
    private readonly used: TokenLedger = memoryTokens(),
  ) {}

  /** The token of a page shown now, for this content, to this client. */
  issue(binding: ConfirmBinding, now = Date.now()): string {
    return confirmToken(this.salt, now, binding);
  }

  /**
   * Undefined when the token confirms this content from this client and has not been used, else why
   * not. The token is spent only when every other check passed: a page sent back too soon can still be
   * sent again a moment later.
   */
  async redeem(token: unknown, binding: ConfirmBinding, now = Date.now()): Promise<ConfirmRefusal | undefined> {
    const verified = verifyConfirmToken(this.salt, token, binding);
    if (!verified || now - verified.shownAt > this.timing.ttlMs || verified.shownAt > now) return 'invalid';
    if (now - verified.shownAt < this.timing.minAgeMs) return 'too-soon';
    if (!(await this.used.consume(verified.id, verified.shownAt + this.timing.ttlMs, now))) return 'used';
    return undefined;
  }
}
