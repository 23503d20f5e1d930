/**
 * `npm run bench:lighthouse`: Lighthouse 12 on the seven templates a citizen opens most (home, a list, a
 * practice, /opportunita/, /mappa/, /cerca/ with a query, /partecipa/segnala/), as its default mobile run
 * sees them: a mid-range phone's screen and CPU, a slow 4G network (simulated throttling).
 *
 * The demo content is seeded into a throw-away CMS, indexed in the bundled Meilisearch (so /cerca/ shows
 * real results), built and served compressed by the project's static server, as Netlify serves it.
 * Debian's Chromium answers no host name but loopback's, so map tiles fail at once, as in the tests.
 * Median of BENCH_LIGHTHOUSE_RUNS runs (3) per template. Prints a table, writes bench/results/lighthouse.json.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { createSearchClient, ensureSearchKey, launchMeilisearch } from '@coesione/search';
import { writeResults } from '../lib/bench.ts';
import { buildSnapshot, demoSnapshot } from '../lib/bench-site.ts';
import { freePort } from '../lib/ports.ts';
import { serveStatic } from '../lib/static-server.ts';

const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { performance: 0.95, accessibility: 1 };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-lighthouse-'));

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

interface Run {
  performance: number;
  accessibility: number;
  /** Milliseconds, as Lighthouse simulates them on its throttled phone. */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Bytes over the wire (compressed), every request of the page. */
  bytes: number;
  failedAccessibility: string[];
}

const meili = await launchMeilisearch({ dataDir: path.join(work, 'meili'), port: await freePort(), masterKey: randomBytes(24).toString('hex') });
let chrome: chromeLauncher.LaunchedChrome | undefined;
let site: { url: string; close(): Promise<void> } | undefined;
try {
  console.log('Coesione bench:lighthouse — contenuti dimostrativi, Lighthouse 12 mobile');
  const snapshot = await demoSnapshot(work, meili);
  const key = await ensureSearchKey(createSearchClient(meili.url, meili.masterKey), meili.masterKey);
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const build = await buildSnapshot(snapshot, work, 'demo', { SITE_URL: origin, PUBLIC_MEILISEARCH_URL: meili.url, PUBLIC_SEARCH_KEY: key });
  site = await serveStatic(build.dir, { port });
  const practice = (snapshot.entries.practice as { slug: string; cover?: unknown }[]).find((p) => p.cover)?.slug;
  const templates: Record<string, string> = {
    home: '/',
    'elenco (buone prassi)': '/buone-prassi/',
    'scheda buona prassi': `/buone-prassi/${practice}/`,
    opportunità: '/opportunita/',
    mappa: '/mappa/',
    'cerca «orti»': '/cerca/?q=orti',
    'partecipa/segnala': '/partecipa/segnala/',
  };
  chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const results: Record<string, Run & { runs: number; path: string }> = {};
  for (const [name, pathname] of Object.entries(templates)) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      const result = await lighthouse(`${origin}${pathname}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
      if (!result) throw new Error(`Lighthouse returned nothing for ${pathname}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse on ${pathname}: ${runtimeError.code} ${runtimeError.message}`);
      const value = (id: string) => Math.round((audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000;
      runs.push({
        performance: categories.performance?.score ?? 0,
        accessibility: categories.accessibility?.score ?? 0,
        fcp: Math.round(value('first-contentful-paint')),
        lcp: Math.round(value('largest-contentful-paint')),
        tbt: Math.round(value('total-blocking-time')),
        cls: value('cumulative-layout-shift'),
        bytes: value('total-byte-weight'),
        failedAccessibility: (categories.accessibility?.auditRefs ?? []).filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0).map((ref) => ref.id),
      });
    }
    // The run of median performance, whole: its figures belong together.
    const chosen = runs.find((r) => r.performance === median(runs.map((x) => x.performance)))!;
    results[name] = { ...chosen, runs: RUNS, path: pathname };
    console.log(`  ${name}: prestazioni ${chosen.performance}, accessibilità ${chosen.accessibility}`);
  }
  console.table(Object.fromEntries(Object.entries(results).map(([name, r]) => [name, {
    prestazioni: r.performance,
    accessibilità: r.accessibility,
    'FCP ms': r.fcp,
    'LCP ms': r.lcp,
    'TBT ms': r.tbt,
    CLS: r.cls,
    'KB trasferiti': Math.round(r.bytes / 1024),
  }])));
  const met = Object.values(results).every((r) => r.performance >= TARGETS.performance && r.accessibility >= TARGETS.accessibility);
  console.log(met ? 'Obiettivi raggiunti su ogni modello di pagina.' : 'Obiettivi NON raggiunti su ogni modello di pagina.');
  const file = writeResults('lighthouse', { lighthouse: '12.8.2', chromium: CHROMIUM, preset: 'mobile (simulated throttling)', results, targets: TARGETS, met });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
} finally {
  await chrome?.kill();
  await site?.close();
  await meili.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
