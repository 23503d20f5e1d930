import { describe, expect, it } from 'vitest';
import { authLimitOptions, clientHash, confirmToken, ConfirmTokens, contentHash, envNumber, SingleUseTokens, SlidingWindowLimiter, verifyConfirmToken } from '.';

/** A confirmation shown for one small proposal to one client. */
const binding = { content: contentHash({ kind: 'proposta', title: 'Orto' }), client: clientHash('salt', '203.0.113.7') };

describe('client hash', () => {
  it('hashes an address with the salt, never returning it', () => {
    const hash = clientHash('salt', '203.0.113.7');
    expect(hash).not.toContain('203');
    expect(hash).toBe(clientHash('salt', '203.0.113.7'));
    expect(hash).not.toBe(clientHash('other', '203.0.113.7'));
  });
});

describe('confirmation token', () => {
  it('verifies only tokens signed with the same salt', () => {
    const token = confirmToken('salt', 1_700_000_000_000, binding);
    expect(verifyConfirmToken('salt', token, binding)).toEqual({ id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), shownAt: 1_700_000_000_000 });
    expect(verifyConfirmToken('other', token, binding)).toBeUndefined();
    expect(verifyConfirmToken('salt', token.replace(/\.1700/, '.1800'), binding)).toBeUndefined();
    expect(verifyConfirmToken('salt', 'nonsense', binding)).toBeUndefined();
  });

  it('binds a token to the content it confirms and to the client it was shown to', () => {
    const token = confirmToken('salt', 1_700_000_000_000, binding);
    expect(verifyConfirmToken('salt', token, { ...binding, content: contentHash({ kind: 'proposta', title: 'Orto!' }) })).toBeUndefined();
    expect(verifyConfirmToken('salt', token, { ...binding, client: clientHash('salt', '203.0.113.8') })).toBeUndefined();
    // A fresh id each time, so two pages shown in the same millisecond are two tokens.
    expect(confirmToken('salt', 1_700_000_000_000, binding)).not.toBe(token);
  });

  it('hashes content whatever the order of its fields, leaving absent fields out', () => {
    expect(contentHash({ a: 1, b: 'x' })).toBe(contentHash({ b: 'x', a: 1, c: undefined }));
    expect(contentHash({ a: 1, b: 'x' })).not.toBe(contentHash({ a: 1, b: 'y' }));
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
  });
});

describe('single-use tokens', () => {
  it('accept a token once, refuse it after, and forget it once expired', () => {
    const used = new SingleUseTokens(1000);
    expect(used.consume('a', 5000, 0)).toBe(true);
    expect(used.consume('a', 5000, 10)).toBe(false);
    expect(used.consume('b', 5000, 10)).toBe(true);
    expect(used.consume('late', 100, 200)).toBe(false);
    expect(used.size).toBe(2);
    // The sweep after expiry drops both; "a" is refused again anyway as expired.
    expect(used.consume('c', 9000, 6000)).toBe(true);
    expect(used.size).toBe(1);
    expect(used.consume('a', 5000, 6000)).toBe(false);
  });
});

describe('confirm tokens', () => {
  const timing = { minAgeMs: 3000, ttlMs: 2 * 3_600_000 };
  const shown = 1_700_000_000_000;

  it('redeem once, after the reading time: too soon can be tried again, a second use cannot', async () => {
    const tokens = new ConfirmTokens('salt', timing);
    const token = tokens.issue(binding, shown);
    expect(await tokens.redeem(token, binding, shown + 1000)).toBe('too-soon');
    expect(await tokens.redeem(token, binding, shown + 5000)).toBeUndefined();
    expect(await tokens.redeem(token, binding, shown + 6000)).toBe('used');
  });

  it('refuse other content, another client, an expired or a future page, without spending the token', async () => {
    const tokens = new ConfirmTokens('salt', timing);
    const token = tokens.issue(binding, shown);
    expect(await tokens.redeem(token, { ...binding, content: contentHash({ kind: 'proposta', title: 'Altro' }) }, shown + 5000)).toBe('invalid');
    expect(await tokens.redeem(token, { ...binding, client: clientHash('salt', '198.51.100.1') }, shown + 5000)).toBe('invalid');
    expect(await tokens.redeem(token, binding, shown + timing.ttlMs + 1)).toBe('invalid');
    expect(await tokens.redeem(token, binding, shown - 1)).toBe('invalid');
    expect(await tokens.redeem(token, binding, shown + timing.ttlMs)).toBeUndefined();
  });
});

describe('the sliding window', () => {
  it('allows `limit` per window, gives a slot back, and reopens after the window', () => {
    const limiter = new SlidingWindowLimiter(2, 1000);
    limiter.take('a', 0);
    const release = limiter.take('a', 10);
    expect(limiter.retryAfter('a', 20)).toBe(980);
    expect(limiter.retryAfter('b', 20)).toBe(0);
    release();
    expect(limiter.retryAfter('a', 20)).toBe(0);
    limiter.take('a', 30);
    expect(limiter.retryAfter('a', 999)).toBe(1);
    expect(limiter.retryAfter('a', 1000)).toBe(0);
  });

  it('reads its budget from the environment, keeping the default for a value that is no number', () => {
    expect(authLimitOptions({})).toEqual({ limit: 10, windowMs: 900_000 });
    expect(authLimitOptions({ AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_MS: '60000' })).toEqual({ limit: 3, windowMs: 60_000 });
    for (const wrong of ['', 'dieci', '-1']) expect(envNumber(wrong, 7)).toBe(7);
    expect(envNumber('0', 7)).toBe(0);
  });
});
