/**
 * `npm run bench:needs-site` (the site's half of `bench:needs`): what the need figures cost the site
 * build. The demo content is built three times from one snapshot: without need figures, with the
 * published figures (the seed's), and
 * with those figures repeated over BENCH_NEEDS_QUARTERS quarters. For each: build seconds, pages, the
 * /bisogni/ pages (maps, digests) and their CSV, the extra seconds per need page, and the gzip bytes
 * a visitor downloads for a category map page. Prints a table and writes bench/results/needs-site.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Snapshot } from '@coesione/cms-client';
import { writeResults } from '../lib/bench.ts';
import { buildSnapshot, demoSnapshot } from '../lib/bench-site.ts';

const QUARTERS = Number(process.env.BENCH_NEEDS_QUARTERS ?? 24);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-needs-site-'));

type Release = { documentId: string; quarter: string; level: string };

/** The published releases repeated backwards in time until there are `total` quarters. */
function moreQuarters(demo: Snapshot, total: number): Snapshot {
  const releases = demo.entries['need-figure'] as Release[];
  const quarters = [...new Set(releases.map((r) => r.quarter))].sort();
  const latest = quarters.at(-1)!;
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(6)) - 1;
  const name = (i: number) => `${Math.floor(i / 4)}-T${(i % 4) + 1}`;
  const out: Release[] = [];
  for (let i = 0; i < total; i++) {
    const source = quarters[quarters.length - 1 - (i % quarters.length)]!;
    const target = name(index(latest) - i);
    for (const r of releases.filter((x) => x.quarter === source)) out.push({ ...r, documentId: `${r.documentId}-${i}`, quarter: target });
  }
  return { ...demo, entries: { ...demo.entries, 'need-figure': out } };
}

async function build(snapshot: Snapshot, name: string) {
  const run = await buildSnapshot(snapshot, work, name);
  return { ...run, needPages: run.files.filter((f) => f.startsWith('bisogni/') && f.endsWith('.html')).length, csv: run.files.filter((f) => f.endsWith('.csv')).length };
}

/** Gzip bytes of a page, the CSS it links and the island code it loads. */
function weight(dir: string, page: string) {
  const html = fs.readFileSync(path.join(dir, page), 'utf8');
  const gz = (b: string | Buffer) => gzipSync(b, { level: 9 }).length;
  const urls = (re: RegExp) => [...new Set([...html.matchAll(re)].map((m) => m[1]!).filter((u) => u.startsWith('/')))];
  const sum = (list: string[]) => list.reduce((n, f) => n + gz(fs.readFileSync(path.join(dir, f))), 0);
  return {
    html: gz(html),
    css: sum(urls(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)),
    js: sum([...urls(/component-url="([^"]+)"/g), ...urls(/renderer-url="([^"]+)"/g)]),
  };
}

try {
  const demo = await demoSnapshot(work);
  const none = { ...demo, entries: { ...demo.entries, 'need-figure': [] } };
  const runs = [
    { name: 'senza cifre', result: await build(none, 'none') },
    { name: 'cifre pubblicate', result: await build(demo, 'demo') },
    { name: `${QUARTERS} trimestri`, result: await build(moreQuarters(demo, QUARTERS), 'more') },
  ];
  const base = runs[0]!.result;
  const rows = runs.map(({ name, result }) => ({
    run: name,
    seconds: result.seconds,
    pages: result.pages,
    needPages: result.needPages,
    csv: result.csv,
    extraMsPerNeedPage: result.needPages > 2 ? Math.round(((result.seconds - base.seconds) * 1000) / (result.needPages - 2)) : null,
  }));
  console.table(rows);
  const page = weight(runs[1]!.result.dir, 'bisogni/casa/index.html');
  const digest = weight(runs[1]!.result.dir, 'bisogni/sintesi/ambiti/cisas-santhia/index.html');
  console.table({ 'bisogni/casa/': page, 'sintesi ambito': digest });
  console.log(`results: ${writeResults('needs-site', { builds: rows, bytesGzip: { categoryPage: page, ambitoDigest: digest } })}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
