import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmsResponseError, CmsUnreachableError } from './errors.js';
import { getList, readAll, readPages, readRatings, readUpload } from './rest.js';

/** A stand-in for the CMS's public API: 250 practices (3 pages), per-locale titles, one upload. */
let server: http.Server;
let cmsUrl: string;
const requests: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cms');
    requests.push(`${url.pathname}${url.search}`);
    const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (url.pathname === '/api/practices') {
      const page = Number(url.searchParams.get('pagination[page]'));
      const size = Number(url.searchParams.get('pagination[pageSize]'));
      const locale = url.searchParams.get('locale') ?? 'it';
      const all = Array.from({ length: 250 }, (_, i) => ({ documentId: `p${i}`, title: `${locale} ${i}` }));
      return json(200, { data: all.slice((page - 1) * size, page * size), meta: { pagination: { page, pageSize: size, pageCount: Math.ceil(all.length / size), total: all.length } } });
    }
    if (url.pathname === '/api/ratings') return json(200, { data: [{ targetType: 'practice', targetDocumentId: 'p1', average: 4, count: 3 }] });
    if (url.pathname === '/api/themes') return json(200, { error: 'no list here' });
    if (url.pathname === '/uploads/cover.png') return res.writeHead(200).end(Buffer.from([1, 2, 3]));
    return json(404, { error: { status: 404, name: 'NotFoundError' } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('reading the public API', () => {
  it('reads every page of a type, at the REST path of the registry, 100 entries at a time', async () => {
    requests.length = 0;
    const all = (await readAll(cmsUrl, 'practice')) as { documentId: string }[];
    expect(all).toHaveLength(250);
    expect(new Set(all.map((e) => e.documentId)).size).toBe(250);
    expect(requests).toEqual([1, 2, 3].map((p) => `/api/practices?pagination[page]=${p}&pagination[pageSize]=100`));
  });

  it('gives the pages one by one, in the locale asked for', async () => {
    const sizes: number[] = [];
    let first: unknown;
    for await (const page of readPages(cmsUrl, 'practice', { locale: 'en' })) {
      sizes.push(page.length);
      first ??= page[0];
    }
    expect(sizes).toEqual([100, 100, 50]);
    expect(first).toEqual({ documentId: 'p0', title: 'en 0' });
  });

  it('reads the rating aggregates and the bytes of an upload', async () => {
    expect(await readRatings(cmsUrl)).toEqual([{ targetType: 'practice', targetDocumentId: 'p1', average: 4, count: 3 }]);
    expect([...(await readUpload(cmsUrl, '/uploads/cover.png'))]).toEqual([1, 2, 3]);
  });

  it('names the URL and the status when the CMS refuses, and when an answer has no list', async () => {
    const refused = await getList(cmsUrl, '/api/nothing').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CmsResponseError);
    expect((refused as CmsResponseError).status).toBe(404);
    expect((refused as Error).message).toContain(`GET ${cmsUrl}/api/nothing answered 404`);
    await expect(readAll(cmsUrl, 'theme')).rejects.toThrow(`GET ${cmsUrl}/api/themes?pagination[page]=1&pagination[pageSize]=100 returned no "data" list.`);
    await expect(readUpload(cmsUrl, '/uploads/missing.pdf')).rejects.toThrow(/\/uploads\/missing\.pdf \(an upload an entry refers to\) answered 404/);
  });

  it('says so, with the address, when nothing answers', async () => {
    const error = await readAll('http://127.0.0.1:9', 'practice').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CmsUnreachableError);
    expect((error as Error).message).toBe('The CMS does not answer at http://127.0.0.1:9 (http://127.0.0.1:9/api/practices?pagination[page]=1&pagination[pageSize]=100).');
  });
});
