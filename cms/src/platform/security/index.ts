/**
 * The CMS's security primitives, shared by the public forms and the authentication limit: the
 * per-client sliding window, the client's salted hash, and the bound, single-use confirmation token.
 * Shared by every CMS process through the database (shared.ts); in memory for unit tests.
 */
export { authLimitOptions, envNumber, SlidingWindowLimiter, type LimitOptions } from './rate-limit';
export { clientHash } from './client-hash';
export { ConfirmTokens, confirmToken, contentHash, verifyConfirmToken, type ConfirmBinding, type ConfirmRefusal, type ConfirmTiming } from './confirm-token';
export { SingleUseTokens } from './single-use';
export { databaseLimiter, databaseTokens, memoryLimiter, memoryTokens, type Limiter, type Taken, type TokenLedger } from './shared';
