/**
 * `npm run bench:needs-site` (the site's half of `bench:needs`): what the need figures cost the site
 * build. The demo content is built three times from one snapshot: without need figures, with the
 * published figures (the seed's, or the tests' synthetic fixture when the seed has written none), and
 * with those figures repeated over BENCH_NEEDS_QUARTERS quarters. For each: build seconds, pages, the
 * /bisogni/ pages (maps, digests) and their CSV, the extra seconds per need page, and the gzip bytes
 * a visitor downloads for a category map page. Prints a table and writes bench/results/needs-site.json.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { takeSnapshot, type Snapshot } from '@coesione/cms-client';
import { writeResults } from '../lib/bench.ts';
import { SITE_DIR } from '../lib/paths.ts';
import { freePort } from '../lib/ports.ts';
import { progress } from '../lib/progress.ts';
import { loadStrapi, packageFile } from '../lib/strapi.ts';
import { seed } from '../seed/seed.ts';
// The synthetic figures the site's tests use, for as long as the seed writes none (test/src/support).
import { ensureNeedFigures } from '../../../test/src/support/need-figures.ts';

const QUARTERS = Number(process.env.BENCH_NEEDS_QUARTERS ?? 24);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-needs-site-'));

async function demoSnapshot(): Promise<Snapshot> {
  Object.assign(process.env, { COESIONE_DATA_DIR: path.join(work, 'cms'), CMS_PORT: String(await freePort()), MEILISEARCH_URL: '', SITE_REBUILD_HOOK_URL: '' });
  const strapi = await loadStrapi();
  try {
    await seed(strapi, { users: false, progress });
    await ensureNeedFigures(strapi);
    await strapi.listen();
    return await takeSnapshot(`http://127.0.0.1:${process.env.CMS_PORT}`);
  } finally {
    await strapi.destroy();
  }
}

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

function build(snapshot: Snapshot, name: string): Promise<{ seconds: number; pages: number; needPages: number; csv: number; dir: string }> {
  const file = path.join(work, `${name}.json`);
  const dir = path.join(work, `${name}-dist`);
  fs.writeFileSync(file, JSON.stringify(snapshot));
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [packageFile('astro', 'astro.js', SITE_DIR), 'build'], {
      cwd: SITE_DIR,
      env: { ...process.env, NODE_ENV: 'production', SITE_SNAPSHOT: file, SITE_OUT_DIR: dir, SITE_CACHE_DIR: path.join(work, `${name}-cache`), BUILD_NOW: '2026-11-24T10:00:00Z' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`astro build failed: ${errors.slice(-2000)}`));
      const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });
      resolve({
        seconds: (Date.now() - started) / 1000,
        pages: files.filter((f) => f.endsWith('.html')).length,
        needPages: files.filter((f) => f.startsWith('bisogni/') && f.endsWith('.html')).length,
        csv: files.filter((f) => f.endsWith('.csv')).length,
        dir,
      });
    });
  });
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
  const demo = await demoSnapshot();
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
