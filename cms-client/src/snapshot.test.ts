import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PUBLIC_KEYS } from '@coesione/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnapshotError } from './errors.js';
import { mediaIn } from './media.js';
import { openSnapshot, takeSnapshot } from './snapshot.js';

const cover = { url: '/uploads/cover.png', mime: 'image/png' };
let server: http.Server;
let cmsUrl: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-cms-client-'));

beforeAll(async () => {
  // One practice whose cover appears twice (cover and inside a component); every other list empty.
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://cms');
    if (url.pathname === '/uploads/cover.png') return res.writeHead(200).end(Buffer.from('png'));
    const data = url.pathname === '/api/practices' ? [{ documentId: 'p1', cover, blocks: [{ image: cover }], link: { url: 'https://example.org/' } }] : [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data, meta: { pagination: { pageCount: 1 } } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cmsUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(work, { recursive: true, force: true });
});

describe('snapshots', () => {
  it('holds every public type in the registry order, each upload once, and reads back as it was written', async () => {
    const snapshot = await takeSnapshot(cmsUrl);
    expect(Object.keys(snapshot.entries)).toEqual(PUBLIC_KEYS);
    expect(snapshot.entries.practice).toHaveLength(1);
    expect(snapshot.uploads).toEqual({ '/uploads/cover.png': Buffer.from('png').toString('base64') });
    const file = path.join(work, 'snapshot.json');
    fs.writeFileSync(file, JSON.stringify(snapshot));
    const opened = openSnapshot(file);
    expect(opened.entries('practice')).toEqual(snapshot.entries.practice);
    expect(Buffer.from(opened.upload('/uploads/cover.png')).toString()).toBe('png');
    expect(opened.ratings()).toEqual([]);
  });

  it('finds media wherever they sit, and only uploads', () => {
    expect([...mediaIn([{ cover, blocks: [{ image: cover }], link: { url: 'https://example.org/' } }])]).toEqual([cover, cover]);
  });

  it('names the file and says to take a new snapshot when a part is missing', () => {
    const file = path.join(work, 'partial.json');
    fs.writeFileSync(file, JSON.stringify({ entries: { practice: [] } }));
    const opened = openSnapshot(file, `SITE_SNAPSHOT=${file}`);
    expect(opened.entries('practice')).toEqual([]);
    expect(() => opened.entries('theme')).toThrow(`SITE_SNAPSHOT=${file} has no "theme" entries: take a new snapshot with npm run snapshot.`);
    expect(() => opened.upload('/uploads/x.png')).toThrow(SnapshotError);
    expect(() => opened.ratings()).toThrow(/has no "ratings"/);
    expect(() => openSnapshot(path.join(work, 'none.json'))).toThrow(/none\.json cannot be read as a snapshot \(make one with npm run snapshot\)/);
  });
});
