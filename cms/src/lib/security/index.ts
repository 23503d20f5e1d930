/**
 * The CMS's security primitives, shared by the public forms and the authentication limit: the
 * per-client sliding window, the client's salted hash, and the bound, single-use confirmation token.
 * In memory, one process: see rate-limit.ts and single-use.ts for several instances.
 */
export { authLimitOptions, envNumber, SlidingWindowLimiter, type LimitOptions } from './rate-limit';
export { clientHash } from './client-hash';
export { ConfirmTokens, confirmToken, contentHash, verifyConfirmToken, type ConfirmBinding, type ConfirmRefusal, type ConfirmTiming } from './confirm-token';
export { SingleUseTokens } from './single-use';
