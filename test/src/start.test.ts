/**
 * `npm start` as a newcomer runs it: on an empty data folder it brings up the site, the CMS and
 * Meilisearch with the demo content and the search index, and Ctrl-C (SIGINT/SIGTERM) stops everything.
 * Publishing as the Editor rebuilds the site, and the admin's «Sul sito» panel says when and links there;
 * unpublishing takes the page off.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '@coesione/scripts/lib/paths.ts';
import { freePort } from '@coesione/scripts/lib/ports.ts';
import { packageFile } from '@coesione/scripts/lib/strapi.ts';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { launchBrowser } from './support/browser.ts';
import { until } from './support/indexed.ts';

const SCREENSHOTS = path.join(ROOT, 'test/screenshots');

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

/** A signed-in admin's bearer token (Strapi 5.54 answers `token`, session-based versions `accessToken`). */
async function adminToken(cms: string, user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${cms}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json', connection: 'close' }, body: JSON.stringify({ email: user.email, password: user.password }) });
  const body = (await res.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.token ?? body.data?.accessToken;
  if (!token) throw new Error(`sign-in of ${user.email} refused (${res.status})`);
  return token;
}

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

  // One publish and one unpublish, each a real rebuild of the site by `npm start`'s hook (a rebuild is the
  // longest step here: the API's publish is the same action the admin's button calls).
  it('rebuilds the site when the Editor publishes in the admin, says when, «Vedi sul sito» opens the page; unpublishing takes it off', { timeout: 480_000 }, async () => {
    const cms = `http://127.0.0.1:${ports.cms}`;
    const site = `http://127.0.0.1:${ports.site}`;
    const title = 'Cena di quartiere a Trino';
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 1440, height: 900 } });
      const admin = await context.newPage();
      await admin.goto(`${cms}/admin/auth/login`);
      await admin.locator('input[name="email"]').fill(DEMO_USERS.editor.email);
      await admin.locator('input[name="password"]').fill(DEMO_USERS.editor.password);
      await admin.locator('button[type="submit"]').click();
      await admin.waitForURL((url) => !url.pathname.includes('/auth/'), { timeout: 60_000 });

      await admin.goto(`${cms}/admin/content-manager/collection-types/api::practice.practice/create?plugins[i18n][locale]=it`);
      await admin.locator('input[name="title"]').waitFor({ timeout: 60_000 });
      await admin.locator('input[name="title"]').fill(title);
      await admin.locator('textarea[name="summary"]').fill('Una cena condivisa tra vicini, una volta al mese.');
      await admin.getByRole('button', { name: 'Salva' }).click();
      await admin.waitForURL((url) => !url.pathname.endsWith('/create'), { timeout: 30_000 });
      const slug = 'cena-di-quartiere-a-trino';
      await expect.poll(() => admin.locator('input[name="slug"]').inputValue(), { timeout: 15_000 }).toBe(slug);

      const panel = admin.locator('aside', { has: admin.getByRole('heading', { name: 'Sul sito', exact: true }) });
      await expect.poll(() => panel.innerText(), { timeout: 30_000 }).toContain('non è ancora sul sito');
      expect((await fetch(`${site}/buone-prassi/${slug}/`)).status).toBe(404);
      expect(await panel.getByRole('link', { name: /Vedi sul sito/ }).count()).toBe(0);

      const publishedAt = Date.now();
      await admin.getByRole('button', { name: 'Pubblica', exact: true }).click();
      const link = panel.getByRole('link', { name: 'Vedi sul sito (si apre in una nuova scheda)' });
      await link.waitFor({ timeout: 30_000 });
      const href = `${site}/buone-prassi/${slug}/`;
      expect(await link.getAttribute('href')).toBe(href);
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await panel.innerText()).toMatch(/Il sito si aggiorna entro circa \d+ (secondi|minuti?) dalla pubblicazione/);

      // The panel follows the rebuild: once the hook has been called for this publish, it says when.
      const editor = await adminToken(cms, DEMO_USERS.editor);
      const asked = await until('the rebuild request after the publish', async () => {
        const status = (await (await fetch(`${cms}/admin/coesione/site`, { headers: { authorization: `Bearer ${editor}`, connection: 'close' } })).json()) as { lastRebuildRequestedAt: string | null };
        return status.lastRebuildRequestedAt && Date.parse(status.lastRebuildRequestedAt) >= publishedAt ? status.lastRebuildRequestedAt : undefined;
      }, 60_000);
      const shown = new Intl.DateTimeFormat('it-IT', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Rome' }).format(new Date(asked));
      await expect.poll(() => panel.innerText(), { timeout: 15_000 }).toContain(`Ultima richiesta di aggiornamento del sito: ${shown}`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await panel.screenshot({ path: path.join(SCREENSHOTS, 'redazione-vedi-sul-sito.png') });

      const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
      await until('the page on the site with the entry’s title', async () => {
        const res = await tab.goto(href);
        return res?.status() === 200 && (await tab.locator('h1').first().innerText()) === title;
        // A whole site build: past a minute and a half beside two other test files on two cores.
      }, 150_000);
      expect(tab.url()).toBe(href);

      // Unpublished, the page leaves the site at the next rebuild.
      const documentId = /\/collection-types\/[^/]+\/([^/?]+)/.exec(new URL(admin.url()).pathname)?.[1];
      const unpublished = await fetch(`${cms}/content-manager/collection-types/api::practice.practice/${documentId}/actions/unpublish?locale=it`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${editor}`, connection: 'close' },
        body: '{}',
      });
      expect(unpublished.status).toBe(200);
      await until('the page to disappear', async () => (await fetch(href)).status === 404, 150_000);
    } finally {
      await browser.close();
    }
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
