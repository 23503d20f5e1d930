import { describe, expect, it } from 'vitest';
import { errorStatus, isSaneRequestId, jsonLogLine, LogConfigError, logFormat, logLevel, requestIdFor, requestLogEntry, requestTextLine } from './logging';

describe('logFormat and logLevel', () => {
  it('writes JSON in production and text elsewhere, unless LOG_FORMAT says otherwise', () => {
    expect(logFormat(undefined, 'production')).toBe('json');
    expect(logFormat('', 'production')).toBe('json');
    expect(logFormat(undefined, 'development')).toBe('text');
    expect(logFormat(undefined, undefined)).toBe('text');
    expect(logFormat('text', 'production')).toBe('text');
    expect(logFormat(' JSON ', 'test')).toBe('json');
  });

  it('stops at start on a misspelt format or level instead of logging in a shape nobody parses', () => {
    expect(() => logFormat('jsno', 'production')).toThrow(LogConfigError);
    expect(() => logFormat('jsno', 'production')).toThrow(/LOG_FORMAT must be "json" or "text"/);
    expect(() => logLevel('loud')).toThrow(/LOG_LEVEL must be one of error, warn, info, http/);
  });

  it('logs requests by default (http, Strapi\'s own default level)', () => {
    expect(logLevel(undefined)).toBe('http');
    expect(logLevel('')).toBe('http');
    expect(logLevel('Warn')).toBe('warn');
  });
});

describe('request ids', () => {
  it('keeps the id a load balancer set', () => {
    for (const id of ['test-1234abcd', '3f1c9a4e-2b7d-4c1e-9f3a-0d5e6b7c8a9f', '1-67891233-abcdef012345678912345678', 'a.b_c:d-e']) {
      expect(isSaneRequestId(id)).toBe(true);
      expect(requestIdFor(id, () => 'generated')).toBe(id);
    }
  });

  it('replaces a missing, short, long or odd one with a fresh UUID', () => {
    for (const id of [undefined, '', 'short', 'x'.repeat(129), 'has space in it', 'a,b,c,d,e,f,g', 'test-1234abcd, test-5678efgh', '<script>alert(1)</script>', 'mario.rossi@example.it', 'line\nbreak-injected']) {
      expect(requestIdFor(id, () => 'generated')).toBe('generated');
    }
    expect(requestIdFor(undefined)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe('requestLogEntry', () => {
  const facts = { requestId: 'test-1234abcd', method: 'GET', status: 200, ms: 3.14159 };

  it('keeps the path and says only that there was a query, never its words', () => {
    const entry = requestLogEntry({ ...facts, url: '/api/cerca?q=mio+figlio+disabile&comune=002158' });
    expect(entry).toEqual({ requestId: 'test-1234abcd', method: 'GET', path: '/api/cerca', query: true, status: 200, ms: 3.1 });
    expect(JSON.stringify(entry)).not.toMatch(/figlio|002158/);
  });

  it('has no query field when there was none (or an empty one)', () => {
    expect(requestLogEntry({ ...facts, url: '/api/health' })).toEqual({ requestId: 'test-1234abcd', method: 'GET', path: '/api/health', status: 200, ms: 3.1 });
    expect(requestLogEntry({ ...facts, url: '/api/health?' })).not.toHaveProperty('query');
  });

  it('masks receipt codes in the path', () => {
    expect(requestLogEntry({ ...facts, url: '/api/submissions/status/ABCD-EFGH-JKMN' }).path).toBe('/api/submissions/status/…');
    expect(requestLogEntry({ ...facts, url: '/api/submissions/status?codice=ABCD-EFGH-JKMN' })).toMatchObject({ path: '/api/submissions/status', query: true });
  });

  it('keeps Strapi\'s text line, with the id', () => {
    expect(requestTextLine({ ...facts, url: '/api/submissions/status/ABCD-EFGH-JKMN' })).toBe('GET /api/submissions/status/… (4 ms) 200 [test-1234abcd]');
    expect(requestTextLine({ ...facts, url: '/api/cerca?q=mio+figlio+disabile' })).toBe('GET /api/cerca?… (4 ms) 200 [test-1234abcd]');
  });
});

describe('errorStatus', () => {
  it('is the error\'s own HTTP status, else 500', () => {
    expect(errorStatus(Object.assign(new Error('nope'), { status: 404 }))).toBe(404);
    expect(errorStatus(Object.assign(new Error('odd'), { status: 200 }))).toBe(500);
    expect(errorStatus(new Error('boom'))).toBe(500);
    expect(errorStatus('a string')).toBe(500);
  });
});

describe('jsonLogLine', () => {
  it('writes time, level and msg first, then the entry\'s fields', () => {
    const line = jsonLogLine({ level: 'http', message: 'request', timestamp: '2026-11-20T10:00:00.000Z', requestId: 'test-1234abcd', status: 200 });
    expect(line).toBe('{"time":"2026-11-20T10:00:00.000Z","level":"http","msg":"request","requestId":"test-1234abcd","status":200}');
  });

  it('is one line whatever the message holds', () => {
    const line = jsonLogLine({ level: 'error', message: 'first\nsecond', timestamp: 't', stack: 'Error: x\n    at y' });
    expect(line).not.toContain('\n');
    expect(JSON.parse(line)).toEqual({ time: 't', level: 'error', msg: 'first\nsecond', stack: 'Error: x\n    at y' });
  });

  it('never throws on what JSON cannot hold: cycles, BigInts, errors, dates', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const shared = { id: 1 };
    const line = jsonLogLine({ level: 'warn', message: 'odd', cyclic, count: BigInt(10), cause: new Error('inner'), at: new Date('2026-01-02T03:04:05Z'), twice: [shared, shared] });
    expect(JSON.parse(line)).toMatchObject({
      cyclic: { name: 'loop', self: '[Circular]' },
      count: '10',
      cause: { name: 'Error', message: 'inner' },
      at: '2026-01-02T03:04:05.000Z',
      twice: [{ id: 1 }, { id: 1 }],
    });
  });

  it('stamps a line that reached it without a time', () => {
    expect(JSON.parse(jsonLogLine({ level: 'info', message: 'x' })).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
