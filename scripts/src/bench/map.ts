/**
 * `npm run bench:map`: the map of places in Chromium with synthetic GeoJSON of 1,000, 10,000 and
 * 50,000 points inside the province of Vercelli, served locally (no tile ever loads: the benchmark is
 * offline like the tests).
 *
 * Three pages load the same points:
 * - `/mappa/` itself (React island, supercluster): the product, against the targets;
 * - two bare harnesses, Leaflet + supercluster and Leaflet + Leaflet.markercluster, drawing the same
 *   markers (site/src/components/map/markers.ts), to choose the clustering library on figures.
 * For each: time from navigation to clusters drawn (the `coesione:map-drawn` mark), the same time
 * after the load event, the longest main-thread task (PerformanceObserver "longtask"), the JS heap
 * once drawn, and the gzip bytes of the JavaScript the page loaded. Medians of BENCH_MAP_RUNS runs.
 * Prints a table and writes bench/results/map.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { DISTRICT_BBOX, PUBLIC_KEYS, TYPES } from '@coesione/model';
import { writeResults } from '../lib/bench.ts';
import { SITE_DIR } from '../lib/paths.ts';
import { astroBuildArgs } from '../lib/site-build.ts';
import { serveStatic } from '../lib/static-server.ts';
import { readComuni } from '../seed/data.ts';

const SIZES = (process.env.BENCH_MAP_SIZES ?? '1000,10000,50000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_MAP_RUNS ?? 3);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { drawnAfterLoadMs10k: 500, longestTaskMs: 200, mapPageJsBytesGzip: 120 * 1024 };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-map-'));

/** The site, built from an empty snapshot: only `/mappa/`'s code matters here, the points come later. */
function buildSite(): Promise<string> {
  const snapshot = path.join(work, 'empty.json');
  fs.writeFileSync(snapshot, JSON.stringify({ generatedAt: new Date().toISOString(), cmsUrl: 'bench', entries: Object.fromEntries(PUBLIC_KEYS.map((k) => [k, []])), uploads: {}, ratings: [] }));
  const dir = path.join(work, 'dist');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, astroBuildArgs(), {
      cwd: SITE_DIR,
      // A search address and key, so /mappa/ is built with "Cerca in quest'area" as in production.
      env: { ...process.env, NODE_ENV: 'production', SITE_SNAPSHOT: snapshot, SITE_OUT_DIR: dir, PUBLIC_MEILISEARCH_URL: 'http://127.0.0.1:7700', PUBLIC_SEARCH_KEY: 'bench' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(dir) : reject(new Error(`astro build failed: ${errors.slice(-2000)}`))));
  });
}

/** The two bare harnesses, bundled into the built site under /_bench/ (same origin, same CSP). */
async function buildHarnesses(dist: string): Promise<void> {
  const common = `
    import L from 'leaflet';
    import 'leaflet/dist/leaflet.css';
    import '${SITE_DIR}/src/components/map/map.css';
    import { placeIcon, clusterIcon } from '${SITE_DIR}/src/components/map/markers.ts';
    const map = L.map(document.getElementById('map'), { keyboard: true, maxZoom: 19 });
    L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', { maxZoom: 19 }).addTo(map); // blocked, as on /mappa/ in the tests
    map.fitBounds([[${DISTRICT_BBOX[1]}, ${DISTRICT_BBOX[0]}], [${DISTRICT_BBOX[3]}, ${DISTRICT_BBOX[2]}]]);
    const data = await (await fetch('/dati-aperti/luoghi.geojson')).json();
    const drawn = () => requestAnimationFrame(() => { document.body.dataset.ready = 'true'; performance.mark('coesione:map-drawn'); });`;
  const entries = {
    supercluster: `${common}
      import { PlaceClusters, isCluster } from '${SITE_DIR}/src/components/map/cluster.ts';
      const index = new PlaceClusters(data.features);
      const layer = L.layerGroup().addTo(map);
      const draw = () => {
        layer.clearLayers();
        const b = map.getBounds();
        for (const f of index.inView([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom())) {
          const [lng, lat] = f.geometry.coordinates;
          layer.addLayer(L.marker([lat, lng], { icon: isCluster(f) ? clusterIcon(f.properties.point_count) : placeIcon(f.properties) }));
        }
      };
      map.on('moveend', draw);
      draw();
      drawn();`,
    markercluster: `${common}
      import 'leaflet.markercluster/dist/MarkerCluster.css';
      // The plugin extends the global L when it runs: set it first.
      window.L = L;
      await import('leaflet.markercluster');
      // chunkedLoading keeps the page responsive; the map is drawn once the last chunk is in.
      const group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: (done, total) => done === total && drawn(),
        iconCreateFunction: (c) => clusterIcon(c.getChildCount()),
      });
      map.addLayer(group);
      group.addLayers(data.features.map((f) => L.marker([f.geometry.coordinates[1], f.geometry.coordinates[0]], { icon: placeIcon(f.properties) })));`,
  };
  const out = path.join(dist, '_bench');
  fs.mkdirSync(out, { recursive: true });
  for (const [name, contents] of Object.entries(entries)) {
    await esbuild({
      stdin: { contents, resolveDir: SITE_DIR, sourcefile: `${name}.ts`, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2022',
      outfile: path.join(out, `${name}.js`),
      loader: { '.png': 'dataurl', '.svg': 'dataurl' },
      logLevel: 'error',
    });
    fs.writeFileSync(
      path.join(out, `${name}.html`),
      `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>${name}</title><link rel="stylesheet" href="/_bench/${name}.css"><style>#map{height:600px}</style></head><body><div id="map"></div><script type="module" src="/_bench/${name}.js"></script></body></html>`,
    );
  }
}

/** N points spread around the comuni of the province, the four place types in turn. */
function syntheticGeojson(n: number): string {
  // By name, so the seeded draw picks the same comuni whatever the order of the file.
  const comuni = readComuni().sort((a, b) => a.name.localeCompare(b.name, 'it'));
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const types = (['practice', 'opportunity', 'workshop', 'organization'] as const).map((type) => [type, TYPES[type].singular, TYPES[type].section] as const);
  const features = Array.from({ length: n }, (_, i) => {
    const comune = comuni[Math.floor(next() * comuni.length)]!;
    const [type, typeLabel, section] = types[i % types.length]!;
    const id = `${type}/luogo-${i}/1`;
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [+(comune.lng + (next() - 0.5) * 0.04).toFixed(6), +(comune.lat + (next() - 0.5) * 0.03).toFixed(6)] },
      properties: { id, type, typeLabel, title: `Luogo di prova ${i}`, url: `${section}luogo-${i}/`, label: null, address: `Via Roma ${i % 200}`, comune: comune.name, istat: comune.istat, comuneSlug: null, themes: ['lavoro-inclusione'], open: type === 'opportunity' ? i % 3 !== 0 : null },
    };
  });
  return JSON.stringify({ type: 'FeatureCollection', features });
}

interface Run {
  drawnMs: number;
  drawnAfterLoadMs: number;
  longestTaskMs: number;
  heapMiB: number;
  jsBytesGzip: number;
  markersInDom: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

async function measure(browser: Browser, url: string, dist: string): Promise<Run> {
  const context = await browser.newContext();
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  // Long tasks from the very start of the page, before any of its own scripts run.
  // (Browser code as text: this workspace compiles without the DOM types.)
  await page.addInitScript(`
    window.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  `);
  const scripts = new Set<string>();
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.add(new URL(res.url()).pathname);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.waitForSelector('[data-ready="true"]', { state: 'attached', timeout: 120_000 }).catch((cause: unknown) => {
    throw new Error(`${url} never drew its map${errors.length ? `: ${errors.join('; ')}` : ''}`, { cause });
  });
  await page.waitForTimeout(300); // a task still running when the mark was set ends and is reported
  const timing = (await page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const drawn = performance.getEntriesByName('coesione:map-drawn')[0]?.startTime ?? NaN;
    return { drawn, load: nav.loadEventEnd, longTasks: window.__longTasks, markers: document.querySelectorAll('.leaflet-marker-icon').length };
  })()`)) as { drawn: number; load: number; longTasks: number[]; markers: number };
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const html = fs.readFileSync(path.join(dist, new URL(url).pathname.replace(/\/$/, '/index.html')), 'utf8');
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('');
  const jsBytesGzip = [...scripts].reduce((n, p) => n + gz(path.join(dist, p)), 0) + (inline ? gzipSync(inline, { level: 9 }).length : 0);
  await context.close();
  return {
    drawnMs: Math.round(timing.drawn),
    drawnAfterLoadMs: Math.round(timing.drawn - timing.load),
    longestTaskMs: Math.round(Math.max(0, ...timing.longTasks)),
    heapMiB: Math.round((usedSize / 2 ** 20) * 10) / 10,
    jsBytesGzip,
    markersInDom: timing.markers,
  };
}

/** Gzip bytes of the chunks `/mappa/` loads only on "Cerca in quest'area" (the search client). */
function lazyChunks(dist: string): number {
  const astro = path.join(dist, '_astro');
  const island = fs.readdirSync(astro).find((f) => /^MapIsland\..*\.js$/.test(f));
  if (!island) return 0;
  const dynamic = [...fs.readFileSync(path.join(astro, island), 'utf8').matchAll(/import\("\.\/([^"]+\.js)"\)/g)].map((m) => m[1]!);
  return dynamic.reduce((n, f) => n + gz(path.join(astro, f)), 0);
}

let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
let browser: Browser | undefined;
try {
  console.log(`Coesione bench:map — ${SIZES.join(', ')} punti, ${RUNS} misure ciascuno, Chromium senza tile`);
  const dist = await buildSite();
  await buildHarnesses(dist);
  server = await serveStatic(dist);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const pages = { 'mappa (prodotto)': '/mappa/', 'supercluster (base)': '/_bench/supercluster.html', 'markercluster (base)': '/_bench/markercluster.html' };
  const results: Record<string, Record<string, Run>> = {};
  for (const size of SIZES) {
    fs.writeFileSync(path.join(dist, 'dati-aperti', 'luoghi.geojson'), syntheticGeojson(size));
    for (const [name, pagePath] of Object.entries(pages)) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, `${server.url}${pagePath}`, dist));
      const keys = Object.keys(runs[0]!) as (keyof Run)[];
      (results[name] ??= {})[String(size)] = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as unknown as Run;
      console.log(`  ${name}, ${size} punti: disegnata in ${results[name][String(size)]!.drawnMs} ms`);
    }
  }
  const rows: Record<string, Record<string, number>> = {};
  for (const [name, bySize] of Object.entries(results)) {
    for (const [size, r] of Object.entries(bySize)) {
      rows[`${name} ${size}`] = { 'disegnata ms': r.drawnMs, 'dopo load ms': r.drawnAfterLoadMs, 'task più lungo ms': r.longestTaskMs, 'heap MiB': r.heapMiB, 'JS gz KB': Math.round(r.jsBytesGzip / 102.4) / 10, 'marker nel DOM': r.markersInDom };
    }
  }
  console.table(rows);
  const product = results['mappa (prodotto)']!;
  const tenK = product['10000'];
  const mapPage = { jsBytesGzip: tenK?.jsBytesGzip ?? Object.values(product)[0]!.jsBytesGzip, lazySearchClientBytesGzip: lazyChunks(dist) };
  console.log(`JS di /mappa/ (gzip): ${mapPage.jsBytesGzip} byte al caricamento, più ${mapPage.lazySearchClientBytesGzip} byte solo alla prima «Cerca in quest'area».`);
  const met = tenK
    ? { drawnAfterLoad10k: tenK.drawnAfterLoadMs <= TARGETS.drawnAfterLoadMs10k, longestTask10k: tenK.longestTaskMs <= TARGETS.longestTaskMs, mapPageJs: mapPage.jsBytesGzip <= TARGETS.mapPageJsBytesGzip }
    : undefined;
  if (met) console.log(`Obiettivi: ${Object.entries(met).map(([k, v]) => `${k} ${v ? 'rispettato' : 'NON rispettato'}`).join(', ')}`);
  const file = writeResults('map', { sizes: SIZES, runs: RUNS, results, mapPage, targets: TARGETS, met });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
} finally {
  await browser?.close();
  await server?.close();
  fs.rmSync(work, { recursive: true, force: true });
}
