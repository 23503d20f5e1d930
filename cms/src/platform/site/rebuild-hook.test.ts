import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_TYPES } from '../content-types';
import { lastRebuildRequest, registerRebuildHook } from './rebuild-hook';
import { createFakeStrapi, type FakeStrapi } from '../../../test-support/fake-strapi';

const PRACTICE = 'api::practice.practice';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for `done`, without a stopwatch deciding the test: a slow machine only waits longer. */
async function until(done: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !done(); await pause(10)) {
    if (Date.now() > deadline) throw new Error('timed out');
  }
}

let server: http.Server;
let builds: number;
let answer = 202;
let strapi: FakeStrapi;

beforeEach(async () => {
  builds = 0;
  answer = 202;
  server = http.createServer((req, res) => {
    if (req.method === 'POST') builds++;
    res.statusCode = answer;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  strapi = createFakeStrapi();
  registerRebuildHook(strapi, PUBLIC_TYPES, { SITE_REBUILD_HOOK_URL: `http://127.0.0.1:${address.port}/`, SITE_REBUILD_DEBOUNCE_MS: '20' });
});

afterEach(() => new Promise((resolve) => server.close(resolve)));

describe('the site rebuild hook', () => {
  it('asks for one build after a burst of publishes', async () => {
    for (const documentId of ['p1', 'p2', 'p3']) await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId } });
    await until(() => builds > 0);
    await pause(100);
    expect(builds).toBe(1);
  });

  it('asks for one when a reference type changes, and none after a draft edit', async () => {
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', data: { title: 'Bozza' } } });
    await strapi.run({ uid: 'api::theme.theme', action: 'update', params: { documentId: 't1', data: { name: 'Riuso' } } });
    await until(() => builds > 0);
    await pause(100);
    expect(builds).toBe(1);
    await strapi.run({ uid: PRACTICE, action: 'update', params: { documentId: 'p1', data: { title: 'Ancora bozza' } } });
    await pause(100);
    expect(builds).toBe(1);
  });

  it('never holds up or fails the write when the hook is unreachable', async () => {
    await new Promise((resolve) => server.close(resolve));
    server = http.createServer();
    await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } });
    expect(strapi.calls).toHaveLength(1);
    await until(() => strapi.logs.warn.length > 0);
    expect(strapi.logs.warn).toEqual([expect.stringMatching(/site rebuild hook unreachable/)]);
  });

  it('remembers when the hook last accepted a request, for the admin’s «Sul sito» panel, and not a refused one', async () => {
    const before = Date.now();
    await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p1' } });
    let accepted: string | null = null;
    for (const deadline = Date.now() + 5000; !(accepted && Date.parse(accepted) >= before); accepted = await lastRebuildRequest(strapi)) {
      if (Date.now() > deadline) throw new Error('the accepted request was not recorded');
      await pause(10);
    }

    answer = 500;
    await strapi.run({ uid: PRACTICE, action: 'publish', params: { documentId: 'p2' } });
    await until(() => builds > 1);
    await until(() => strapi.logs.warn.length > 0);
    expect(strapi.logs.warn).toEqual(['site rebuild hook answered 500']);
    expect(await lastRebuildRequest(strapi)).toBe(accepted);
  });
});
