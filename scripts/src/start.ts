/**
 * `npm start` (and `npm run dev` with --dev): Meilisearch, then Strapi, the demo content on first run,
 * then the site; one banner with the URLs; Ctrl-C stops every child.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { MAILBOX_ADMIN_PATH } from '@coesione/model';
import { launchMeilisearch, waitForHealth, type MeilisearchProcess } from '@coesione/search';
import { readStartConfig } from './lib/config.ts';
import { CMS_DIR, ROOT, SITE_DIR } from './lib/paths.ts';
import { assertPortFree, freePort, PortTakenError, waitForUrl } from './lib/ports.ts';
import { progress } from './lib/progress.ts';
import { prepareSearch, reindexFromCms } from './lib/search-setup.ts';
import { buildSiteInPlace, rebuilder, SITE_DIST } from './lib/site-build.ts';
import { serveStatic } from './lib/static-server.ts';
import { ensureCmsBuilt, packageFile, run, STRAPI_BIN } from './lib/strapi.ts';
import { demoUsers } from './seed/seed.ts';

const dev = process.argv.includes('--dev');
const ASTRO_BIN = packageFile('astro', 'astro.js', SITE_DIR);
const TSX_CLI = packageFile('tsx', 'dist/cli.mjs', ROOT);

const children: ChildProcess[] = [];
const closers: (() => Promise<void>)[] = [];
let meili: MeilisearchProcess | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  const killer = setTimeout(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')), 5000);
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
  await meili?.stop();
  await Promise.all(closers.map((close) => close().catch(() => undefined)));
  clearTimeout(killer);
  process.exit(code);
}

function launch(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`\n${name} si è fermato (${signal ?? `codice ${code}`}): arresto tutto.`);
    void stopAll(1);
  });
  return child;
}

async function main(): Promise<void> {
  const config = readStartConfig();
  const t0 = Date.now();
  await assertPortFree(config.cmsPort, config.host, 'CMS_PORT');
  await assertPortFree(config.sitePort, config.host, 'SITE_PORT');
  if (!config.meiliUrl) await assertPortFree(config.meiliPort, config.host, 'MEILI_PORT');

  console.log(`Coesione: avvio (${dev ? 'sviluppo' : 'locale'}), dati in ${path.relative(process.cwd(), config.dataDir) || '.'}`);
  let meiliUrl = config.meiliUrl;
  if (meiliUrl) {
    await waitForHealth(meiliUrl, 10_000);
  } else {
    meili = await launchMeilisearch({ dataDir: config.dataDir, port: config.meiliPort, host: config.host, masterKey: config.meiliMasterKey });
    meiliUrl = meili.url;
  }

  await ensureCmsBuilt();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COESIONE_DATA_DIR: config.dataDir,
    CMS_HOST: config.host,
    CMS_PORT: String(config.cmsPort),
    MEILISEARCH_URL: meiliUrl,
    MEILI_MASTER_KEY: config.meiliMasterKey,
    STRAPI_TELEMETRY_DISABLED: 'true',
    CMS_URL: config.cmsUrl,
    SITE_URL: config.siteUrl,
    SITE_PORT: String(config.sitePort),
  };

  // Publishing in the CMS calls this listener (SITE_REBUILD_HOOK_URL), which rebuilds the served site.
  const rebuildSite = rebuilder(() => buildSiteInPlace(env), (line) => console.log(line));
  if (!dev) {
    const hookPort = await freePort(config.host);
    const hook = http.createServer((req, res) => {
      if (req.method === 'POST' && req.url === '/rebuild') {
        rebuildSite();
        res.writeHead(202).end();
      } else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => hook.listen(hookPort, config.host, resolve));
    closers.push(() => new Promise((resolve) => hook.close(() => resolve())));
    env.SITE_REBUILD_HOOK_URL = `http://${config.host}:${hookPort}/rebuild`;
    // What the admin's «Sul sito» panel announces: a local build of the demo site takes 10–20 s, not a Netlify minute.
    env.SITE_BUILD_ESTIMATE_MS ??= '20000';
  }

  const seeded = path.join(config.dataDir, 'seeded');
  if (!fs.existsSync(seeded)) {
    await run(process.execPath, [TSX_CLI, path.join(ROOT, 'scripts/src/seed-cli.ts')], { cwd: ROOT, env });
    fs.writeFileSync(seeded, new Date().toISOString());
  }

  launch('Il CMS', [STRAPI_BIN(), ...(dev ? ['develop', '--no-open', '--no-install-deps'] : ['start'])], CMS_DIR, { ...env, CMS_STARTUP_LOG: 'false' });
  await waitForUrl(`${config.cmsUrl}/_health`, 120_000, (s) => s === 204);

  // The site gets a key that can only search the public index; the master key stays here and in the CMS.
  const search = await prepareSearch(meiliUrl, config.meiliMasterKey, config.dataDir);
  if (search.rebuild) {
    await reindexFromCms({ meiliUrl, masterKey: config.meiliMasterKey, cmsUrl: config.cmsUrl }, progress);
    search.markBuilt();
  }
  env.PUBLIC_MEILISEARCH_URL = process.env.PUBLIC_MEILISEARCH_URL ?? meiliUrl;
  env.PUBLIC_SEARCH_KEY = process.env.PUBLIC_SEARCH_KEY ?? search.searchKey;

  if (dev) {
    launch('Il sito', [ASTRO_BIN, 'dev', '--host', config.host, '--port', String(config.sitePort)], SITE_DIR, env);
  } else {
    await buildSiteInPlace(env);
    const site = await serveStatic(SITE_DIST, { port: config.sitePort, host: config.host });
    closers.push(site.close);
  }
  await waitForUrl(`${config.siteUrl}/`, 60_000);

  const users = demoUsers();
  const line = '─'.repeat(64);
  console.log(
    [
      '',
      line,
      `  Coesione è pronta (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      '',
      `  Sito pubblico     ${config.siteUrl}/`,
      `  CMS (admin)       ${config.cmsUrl}/admin`,
      `  API pubblica      ${config.cmsUrl}/api/practices`,
      `  Meilisearch       ${meiliUrl}`,
      // Without SMTP_URL the CMS writes the messages it would send (bookings, certificates) here (platform/mail),
      // and the super admin reads them in the admin.
      ...(process.env.SMTP_URL
        ? ['  Posta             inviata a SMTP_URL']
        : [
            `  Posta di prova    ${config.cmsUrl}/admin/${MAILBOX_ADMIN_PATH} (amministrazione)`,
            `                    ${path.relative(process.cwd(), process.env.MAIL_DIR || path.join(config.dataDir, 'mailbox')) || '.'}/ (un file .eml per messaggio)`,
          ]),
      '',
      '  Accessi dimostrativi (solo in locale):',
      `    amministrazione  ${users.admin.email} / ${users.admin.password}`,
      `    redazione        ${users.editor.email} / ${users.editor.password}`,
      `    ente partner     ${users.partner.email} / ${users.partner.password}`,
      '',
      '  Ctrl-C per fermare tutto.',
      line,
    ].join('\n'),
  );
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
main().catch((error: unknown) => {
  console.error(error instanceof PortTakenError ? error.message : error);
  void stopAll(1);
});
