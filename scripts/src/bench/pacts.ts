/**
 * `npm run bench:pacts`: what the register of collaboration pacts costs the site build. The demo content
 * is built with its pacts and with the pacts cloned to BENCH_PACTS (default 1,000) over the same comuni,
 * themes and stages (new slugs, titles and receipt days); for each: seconds, pages, the /patti/ pages,
 * and the extra milliseconds per added pact. Prints a table and writes bench/results/pacts.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Snapshot } from '@coesione/cms-client';
import { writeResults } from '../lib/bench.ts';
import { buildSnapshot, demoSnapshot } from '../lib/bench-site.ts';

const PACTS = Number(process.env.BENCH_PACTS ?? 1000);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-bench-pacts-'));

type Pact = { documentId: string; slug: string; title: string };

/** The demo pacts repeated until there are `total`, each a distinct page. */
function morePacts(demo: Snapshot, total: number): Snapshot {
  const source = demo.entries.pact as Pact[];
  const pacts = Array.from({ length: total }, (_, i) => {
    const base = source[i % source.length]!;
    const n = Math.floor(i / source.length);
    return n === 0 ? base : { ...base, documentId: `${base.documentId}${n}`, slug: `${base.slug}-${n}`, title: `${base.title} (${n})` };
  });
  return { ...demo, entries: { ...demo.entries, pact: pacts } };
}

try {
  console.log(`Coesione bench:pacts — il registro dei patti con i patti dimostrativi e con ${PACTS} patti`);
  const demo = await demoSnapshot(work);
  const demoPacts = (demo.entries.pact as Pact[]).length;
  const runs = [
    { name: `${demoPacts} patti (dimostrativi)`, pacts: demoPacts, result: await buildSnapshot(demo, work, 'demo') },
    { name: `${PACTS} patti`, pacts: PACTS, result: await buildSnapshot(morePacts(demo, PACTS), work, 'many') },
  ];
  const [small, big] = runs.map((r) => r.result) as [Awaited<ReturnType<typeof buildSnapshot>>, Awaited<ReturnType<typeof buildSnapshot>>];
  const rows = runs.map(({ name, pacts, result }) => ({
    run: name,
    seconds: result.seconds,
    pages: result.pages,
    pactPages: result.files.filter((f) => f.startsWith('patti/') && f.endsWith('.html')).length,
    pagesPerSecond: Math.round(result.pages / result.seconds),
    pacts,
  }));
  const extraMsPerPact = Math.round(((big.seconds - small.seconds) * 1000) / (PACTS - demoPacts));
  console.table(rows);
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join(big.dir, file)), { level: 9 }).length;
  const register = { 'patti/index.html': gz('patti/index.html') };
  console.log(`  ${extraMsPerPact} ms di build in più per ogni patto aggiunto; /patti/ con ${PACTS} patti: ${register['patti/index.html']} byte gzip`);
  console.log(`results: ${writeResults('pacts', { builds: rows, extraMsPerPact, registerBytesGzip: register })}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
