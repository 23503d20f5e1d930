/**
 * The only form in which a client's address is ever kept (in memory, as the key of a rate limit or the
 * binding of a confirmation token): HMAC-SHA256 with a secret salt, so the key cannot be turned back into
 * the address by hashing the 2³² IPv4 addresses.
 */
import crypto from 'node:crypto';

export function clientHash(salt: string, address: string): string {
  return crypto.createHmac('sha256', salt).update(address).digest('base64url');
}
