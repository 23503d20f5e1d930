import net from 'node:net';
import { beforeEach, describe, expect, it } from 'vitest';
import { createFakeStrapi, type FakeStrapi } from '../../../test-support/fake-strapi';
import { drainOutbox } from './drain';
import type { SearchSyncOptions } from './options';
import { backoffMs, OUTBOX, recordChanges } from './outbox';
import { startWorker } from './worker';

/** A loopback port nothing listens on: Meilisearch "down", refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let strapi: FakeStrapi;
let options: SearchSyncOptions;

beforeEach(async () => {
  strapi = createFakeStrapi();
  options = { url: `http://127.0.0.1:${await closedPort()}`, apiKey: 'test', intervalMs: 5, maxBackoffMs: 4000, batchSize: 200 };
  await recordChanges(strapi, [
    { contentType: 'api::practice.practice', entryId: 'p1', entryLocale: 'it', operation: 'upsert' },
    { contentType: 'api::practice.practice', entryId: 'p2', entryLocale: 'it', operation: 'delete' },
  ]);
});

describe('the outbox while Meilisearch is down', () => {
  it('keeps every row, counts the attempt and sets it aside for the backoff', async () => {
    const before = Date.now();
    expect(await drainOutbox(strapi, options, { indexReady: false })).toBe(0);
    const rows = strapi.table(OUTBOX);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ attempts: 1, lastError: expect.any(String) });
      expect(row.nextAttemptAt).toBeInstanceOf(Date);
      expect(Number(row.nextAttemptAt)).toBeGreaterThanOrEqual(before + 1000);
    }
    expect(strapi.logs.warn).toEqual([expect.stringMatching(/2 change\(s\) wait for Meilisearch/)]);
  });

  it('does not retry before the backoff has run out', async () => {
    await drainOutbox(strapi, options, { indexReady: false });
    await drainOutbox(strapi, options, { indexReady: false });
    expect(strapi.table(OUTBOX).map((r) => r.attempts)).toEqual([1, 1]);
  });

  it('doubles the wait at each failure, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 30].map((attempts) => backoffMs(attempts, 4000))).toEqual([1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('stops: no pass starts after stop() has returned', async () => {
    const stop = startWorker(strapi, { ...options, maxBackoffMs: 0 });
    await new Promise((r) => setTimeout(r, 100));
    await stop();
    const attempts = strapi.table(OUTBOX).map((r) => r.attempts);
    expect(attempts[0]).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(strapi.table(OUTBOX).map((r) => r.attempts)).toEqual(attempts);
  });
});
