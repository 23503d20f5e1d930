/**
 * `npm start` as a newcomer runs it: on an empty data folder it brings up the site, the CMS and
 * Meilisearch with the demo content and the search index, and Ctrl-C (SIGINT/SIGTERM) stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/src/lib/paths.ts';
import { freePort } from '../../scripts/src/lib/ports.ts';
import { packageFile } from '../../scripts/src/lib/strapi.ts';
import { until } from './support/indexed.ts';

const TSX = packageFile('tsx', 'dist/cli.mjs', ROOT);

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, [TSX, path.join(ROOT, 'scripts/src/start.ts')], {
    cwd: ROOT,
    env: { ...process.env, MEILISEARCH_URL: '', MEILI_MASTER_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

const total = async (url: string) =>
  ((await (await fetch(url, { headers: { connection: 'close' } })).json()) as { meta: { pagination: { total: number } } }).meta.pagination.total;

describe('npm start', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-start-'));
  let ports: { site: number; cms: number; meili: number };
  let run: ReturnType<typeof start>;

  beforeAll(async () => {
    ports = { site: await freePort(), cms: await freePort(), meili: await freePort() };
    run = start({ COESIONE_DATA_DIR: dataDir, SITE_PORT: String(ports.site), CMS_PORT: String(ports.cms), MEILI_PORT: String(ports.meili) });
    await until('the banner', async () => run.output().includes('Coesione è pronta'), 400_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${run.output().slice(-3000)}`);
    });
  });

  afterAll(async () => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one banner with the three URLs and the demo logins', () => {
    const banner = run.output().slice(run.output().indexOf('Coesione è pronta'));
    expect(banner).toContain(`http://127.0.0.1:${ports.site}/`);
    expect(banner).toContain(`http://127.0.0.1:${ports.cms}/admin`);
    expect(banner).toContain(`http://127.0.0.1:${ports.meili}`);
    expect(banner).toContain('admin@coesione.example');
  });

  it('serves the demo content, the site and the search index', async () => {
    const cms = `http://127.0.0.1:${ports.cms}`;
    expect(await total(`${cms}/api/practices`)).toBeGreaterThanOrEqual(15);
    expect(await total(`${cms}/api/municipalities`)).toBe(82);
    expect(await total(`${cms}/api/opportunities`)).toBeGreaterThanOrEqual(20);
    const page = await (await fetch(`http://127.0.0.1:${ports.site}/cerca/`)).text();
    expect(page).toContain('<h1>Cerca nel distretto</h1>');
    const key = /"apiKey":\[0,"([^"&]+)"\]|apiKey&quot;:\[0,&quot;([^&]+)&quot;/.exec(page);
    const searchKey = key?.[1] ?? key?.[2];
    expect(searchKey).toBeTruthy();
    const res = await fetch(`http://127.0.0.1:${ports.meili}/indexes/content/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${searchKey}` },
      body: JSON.stringify({ q: 'orti sociali' }),
    });
    expect(((await res.json()) as { hits: { slug: string }[] }).hits.map((h) => h.slug)).toContain('orti-sociali-caresana');
  });

  it('rebuilds the site when an editor publishes or unpublishes', { timeout: 300_000 }, async () => {
    const cms = `http://127.0.0.1:${ports.cms}`;
    const site = `http://127.0.0.1:${ports.site}`;
    const call = async (path: string, method: string, body?: unknown, token?: string) => {
      const res = await fetch(`${cms}${path}`, {
        method,
        headers: { 'content-type': 'application/json', connection: 'close', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json().catch(() => ({}))) as { data: { token: string; documentId: string } } };
    };
    const login = await call('/admin/login', 'POST', { email: 'admin@coesione.example', password: 'Coesione-Admin-2026' });
    const token = login.body.data.token;
    const CM = '/content-manager/collection-types/api::practice.practice';
    const created = await call(`${CM}?locale=it`, 'POST', { title: 'Merenda solidale del sabato', slug: 'merenda-solidale-del-sabato', summary: 'Una merenda condivisa ogni sabato.' }, token);
    expect(created.status).toBe(201);
    const page = `${site}/buone-prassi/merenda-solidale-del-sabato/`;
    expect((await fetch(page)).status).toBe(404);

    expect((await call(`${CM}/${created.body.data.documentId}/actions/publish?locale=it`, 'POST', {}, token)).status).toBe(200);
    await until('the new page on the site', async () => (await fetch(page)).status === 200, 90_000);
    expect(await (await fetch(page)).text()).toContain('<h1>Merenda solidale del sabato</h1>');

    expect((await call(`${CM}/${created.body.data.documentId}/actions/unpublish?locale=it`, 'POST', {}, token)).status).toBe(200);
    await until('the page to disappear', async () => (await fetch(page)).status === 404, 90_000);
  });

  it('refuses to start on a taken port, naming the variable to change', async () => {
    const second = start({ COESIONE_DATA_DIR: dataDir, SITE_PORT: String(await freePort()), CMS_PORT: String(ports.cms), MEILI_PORT: String(await freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`La porta ${ports.cms} è già in uso: scegli un'altra porta con CMS_PORT`);
  });

  it('stops every child on SIGTERM', async () => {
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await until('the ports to be free', async () => (await portFree(ports.site)) && (await portFree(ports.cms)) && (await portFree(ports.meili)), 15_000);
  });
});
