/**
 * The CMS's production log as an operator's collector reads it: the stdout of a `strapi start` process
 * with LOG_FORMAT=json. One JSON object per line, each request with its id (the load balancer's, or a
 * new one, sent back as X-Request-Id), and nothing a citizen typed: no search words, no e-mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCmsProcess, type CmsProcess } from '@coesione/scripts/lib/cms-process.ts';
import { send } from './support/http.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const REQUEST_KEYS = ['level', 'method', 'ms', 'msg', 'path', 'requestId', 'status', 'time'];

let cms: CmsProcess;
/** stdout lines written while the CMS booted; the assertions are about what came after. */
let bootLines = 0;

beforeAll(async () => {
  cms = await startCmsProcess({ LOG_FORMAT: 'json', LOG_LEVEL: 'http' });
  bootLines = cms.lines('stdout').length;
});

afterAll(async () => {
  await cms?.stop();
});

const afterBoot = () => cms.lines('stdout').slice(bootLines).filter((line) => line.trim() !== '');
const everything = () => cms.lines().join('\n');

/** The request line with this id, once the child's stdout has reached us. */
async function requestLine(requestId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    for (const line of afterBoot()) {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        if (entry.msg === 'request' && entry.requestId === requestId) return entry;
      } catch {
        // not JSON: the last test says so
      }
    }
    if (Date.now() > deadline) throw new Error(`no request line with id ${requestId} in:\n${afterBoot().join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('X-Request-Id', () => {
  it('sends back the id the load balancer set, and logs the request under it as one JSON line', async () => {
    const res = await send(`${cms.url}/api/health`, { headers: { 'x-request-id': 'test-1234abcd' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('test-1234abcd');
    const entry = await requestLine('test-1234abcd');
    expect(entry).toMatchObject({ level: 'http', msg: 'request', requestId: 'test-1234abcd', method: 'GET', path: '/api/health', status: 200 });
    expect(new Date(entry.time as string).toISOString()).toBe(entry.time);
    expect(entry.ms).toEqual(expect.any(Number));
    // Nothing else: no address, no header, no user.
    expect(Object.keys(entry).sort()).toEqual(REQUEST_KEYS);
  });

  it('gives a request without one, or with one that is not a sane token, a fresh UUID', async () => {
    const cases: Record<string, string>[] = [{}, { 'x-request-id': 'short' }, { 'x-request-id': '<b>mario.rossi@example.it</b>' }];
    for (const headers of cases) {
      const res = await send(`${cms.url}/api/health`, { headers });
      const id = res.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      expect(await requestLine(id)).toMatchObject({ path: '/api/health', status: 200 });
    }
    expect(everything()).not.toContain('mario.rossi@example.it');
  });

  it('comes back on an error answer too', async () => {
    const res = await send(`${cms.url}/api/nothing-here`, { headers: { 'x-request-id': 'test-404-abcdef' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('test-404-abcdef');
    expect(await requestLine('test-404-abcdef')).toMatchObject({ method: 'GET', path: '/api/nothing-here', status: 404 });
  });
});

describe('what a request line leaves out', () => {
  it('logs a search by its path alone: the words searched for appear nowhere', async () => {
    const words = 'Ippocastano Quarzoviola Tramontanina';
    const res = await send(`${cms.url}/api/cerca?q=${encodeURIComponent(words)}`, { headers: { accept: 'application/json', 'x-request-id': 'test-search-0001' } });
    expect(res.status).toBe(200);
    expect(await requestLine('test-search-0001')).toMatchObject({ method: 'GET', path: '/api/cerca', query: true, status: 200 });
    for (const word of [...words.split(' '), encodeURIComponent(words)]) expect(everything()).not.toContain(word);
  });

  it('logs a refused contribution without the e-mail or the text it carried', async () => {
    const res = await send(`${cms.url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'test-submit-0001' },
      body: JSON.stringify({
        data: {
          kind: 'proposta', target: 'practice', title: 'Orto Melogranosegreto', description: 'Una proposta Melogranosegreto.', comune: '002158',
          email: 'mario.rossi.logtest@example.it', consent: false, startedAt: Date.now() - 10_000,
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(await requestLine('test-submit-0001')).toMatchObject({ method: 'POST', path: '/api/submissions', status: 400 });
    for (const secret of ['mario.rossi.logtest@example.it', 'mario.rossi.logtest', 'Melogranosegreto']) expect(everything()).not.toContain(secret);
  });
});

describe('the output', () => {
  it('has Strapi\'s own lines as JSON too', () => {
    const started = cms
      .lines('stdout')
      .slice(0, bootLines)
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return undefined;
        }
      })
      .find((entry) => entry?.msg === 'Strapi started successfully');
    expect(started).toMatchObject({ level: 'info', time: expect.any(String) });
  });

  it('is one JSON object per line on stdout after boot, each with an ISO time, a level and a msg', () => {
    const lines = afterBoot();
    expect(lines.length).toBeGreaterThanOrEqual(7);
    for (const line of lines) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
      expect(entry, line).toMatchObject({ time: expect.any(String), level: expect.any(String) });
      expect(new Date(entry.time as string).toISOString(), line).toBe(entry.time);
      expect(entry, line).toHaveProperty('msg');
    }
  });
});
