/**
 * `npm run bench:site`: build time and pages per second for the demo content and for a synthetic
 * 10,000-entry snapshot, and per template the gzip bytes of HTML, CSS and JS a visitor downloads
 * (images excluded). The synthetic build runs BENCH_SITE_RUNS times and its median counts. Prints a table
 * and writes bench/results/site.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Snapshot } from '@coesione/cms-client';
import { writeResults } from '../lib/bench.ts';
import { buildSnapshot, demoSnapshot } from '../lib/bench-site.ts';

const SYNTHETIC = Number(process.env.BENCH_SITE_ENTRIES ?? 10_000);
/** Astro's build.concurrency values the synthetic build is measured with (SITE_BUILD_CONCURRENCY). */
const CONCURRENCY = (process.env.BENCH_SITE_CONCURRENCY ?? '4').split(',').map(Number).filter((n) => n >= 1);
/** Builds of the synthetic snapshot per concurrency: the same build varies by a tenth on a shared machine, the median is reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_SITE_RUNS ?? 3));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-site-'));

/** The demo content cloned, with new slugs, until the six content types hold `total` entries. */
function synthetic(demo: Snapshot, total: number): Snapshot {
  const types = ['practice', 'opportunity', 'regulation', 'training-material', 'workshop', 'organization'] as const;
  const entries = { ...demo.entries };
  const per = Math.ceil(total / types.length);
  for (const type of types) {
    const source = demo.entries[type] as { slug: string; documentId: string; title?: string; name?: string }[];
    entries[type] = Array.from({ length: per }, (_, i) => {
      const base = source[i % source.length]!;
      const n = Math.floor(i / source.length);
      return n === 0 ? base : { ...base, slug: `${base.slug}-${n}`, documentId: `${base.documentId}${n}`, ...(base.title ? { title: `${base.title} (${n})` } : { name: `${base.name} (${n})` }) };
    });
  }
  return { ...demo, entries };
}

/** A search server address and key, so /cerca/ is built with its island (only its bytes are measured). */
const build = (snapshot: Snapshot, name: string, concurrency = 4) =>
  buildSnapshot(snapshot, work, name, { PUBLIC_MEILISEARCH_URL: 'http://127.0.0.1:7700', PUBLIC_SEARCH_KEY: 'bench', SITE_BUILD_CONCURRENCY: String(concurrency) });

/** Gzip bytes of a page and of the CSS and JS it loads. */
function weight(dir: string, page: string) {
  const html = fs.readFileSync(path.join(dir, page), 'utf8');
  const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;
  const assets = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!).filter((u) => u.startsWith('/'));
  const css = [...new Set(assets(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g))];
  const js = [...new Set([...assets(/<script[^>]+src="([^"]+)"/g), ...assets(/component-url="([^"]+)"/g), ...assets(/renderer-url="([^"]+)"/g), ...assets(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)])];
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(fs.readFileSync(path.join(dir, f))), 0);
  // JS that imports other chunks: follow static imports once, so shared chunks count.
  const seen = new Set(js);
  for (const f of js) for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/from"\.\/([^"]+\.js)"|import"\.\/([^"]+\.js)"/g)) seen.add(path.posix.join(path.posix.dirname(f), m[1] ?? m[2]!));
  // Inline scripts (Astro's island loader) count as JavaScript, JSON-LD as page data.
  const inline = [...html.matchAll(/<script(?![^>]*application\/ld\+json)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '').join('');
  const html_ = gz(html.replace(/<script(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/g, ''));
  const css_ = sum(css);
  const js_ = sum([...seen]) + (inline ? gz(inline) : 0);
  // Web fonts the stylesheet declares (already compressed: raw bytes); a browser fetches only the faces a
  // page uses, once for the whole site, so this is an upper bound of a first visit.
  const fonts = new Set(css.flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/url\(([^)]+\.woff2)\)/g)].map((m) => m[1]!)));
  const fonts_ = [...fonts].reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return { html: html_, css: css_, js: js_, total: html_ + css_ + js_, fonts: fonts_, files: [...css, ...seen] };
}

try {
  console.log(`Coesione bench:site — contenuti dimostrativi e ${SYNTHETIC} schede sintetiche`);
  const demo = await demoSnapshot(work);
  const small = await build(demo, 'demo');
  console.log(`  demo: ${small.pages} pagine in ${small.seconds.toFixed(1)} s`);
  const bigs: Record<string, { seconds: number; pages: number; runs: number[] }> = {};
  const big = synthetic(demo, SYNTHETIC);
  for (const concurrency of CONCURRENCY) {
    const runs: { seconds: number; pages: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      // The synthetic entries share the demo's 14 covers: their encoded variants come from the demo build's
      // cache, as a rebuild (npm start) or Netlify's build cache has them, so pages/s measures pages. Each
      // run starts from that same cache.
      const name = `synthetic-${concurrency}-${i}`;
      fs.cpSync(path.join(work, 'demo-cache'), path.join(work, `${name}-cache`), { recursive: true });
      const run = await build(big, name, concurrency);
      fs.rmSync(run.dir, { recursive: true, force: true });
      fs.rmSync(path.join(work, `${name}-cache`), { recursive: true, force: true });
      runs.push(run);
      console.log(`  sintetico (build.concurrency ${concurrency}, ${i + 1} di ${RUNS}): ${run.pages} pagine in ${run.seconds.toFixed(1)} s`);
    }
    const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
    bigs[concurrency] = { pages: runs[0]!.pages, seconds: seconds[Math.floor((seconds.length - 1) / 2)]!, runs: seconds };
  }
  const templates: Record<string, string> = {
    home: 'index.html',
    'elenco (buone prassi)': 'buone-prassi/index.html',
    'scheda buona prassi': `buone-prassi/${(demo.entries.practice[0] as { slug: string }).slug}/index.html`,
    'scheda opportunità': 'opportunita/tirocini-inclusione-sartoria-sociale/index.html',
    'scheda normativa (regolamento)': 'normativa/regolamento-amministrazione-condivisa-beni-comuni/index.html',
    'scheda laboratorio': `laboratori/${(demo.entries.workshop[0] as { slug: string }).slug}/index.html`,
    'comune (Vercelli)': 'comuni/vercelli/index.html',
    'tema': `temi/${(demo.entries.theme[0] as { slug: string }).slug}/index.html`,
    'cerca (isola di ricerca)': 'cerca/index.html',
    'mappa (isola della mappa)': 'mappa/index.html',
    'partecipa/proponi (isola del modulo)': 'partecipa/proponi/index.html',
  };
  const weights = Object.fromEntries(Object.entries(templates).map(([name, page]) => [name, weight(small.dir, page)]));
  console.table(Object.fromEntries(Object.entries(weights).map(([k, w]) => [k, { 'HTML gz': w.html, 'CSS gz': w.css, 'JS gz': w.js, 'totale gz': w.total, 'font (una volta)': w.fonts }])));
  const builds = {
    demo: { pages: small.pages, seconds: small.seconds, pagesPerSecond: Math.round(small.pages / small.seconds) },
    ...Object.fromEntries(Object.entries(bigs).map(([c, b]) => [`synthetic${c === '1' ? '' : ` (concurrency ${c})`}`, { entries: SYNTHETIC, concurrency: Number(c), pages: b.pages, seconds: b.seconds, pagesPerSecond: Math.round(b.pages / b.seconds), runs: b.runs.length, slowest: b.runs.at(-1) }])),
  };
  console.table(builds);
  const file = writeResults('site', { builds, bytesGzipPerTemplate: weights, targets: { pagesPerSecond: 100, contentPageJsBytes: 0, contentPageBytesGzip: 60 * 1024 } });
  console.log(`Risultati in ${path.relative(process.cwd(), file)}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
