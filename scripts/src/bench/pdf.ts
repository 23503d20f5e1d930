/**
 * `npm run bench:pdf`: the pact document (site/src/lib/present/pact-document.ts, the code the build runs) for the
 * demo pacts, filled into the district's real template (the `modello-patto-di-collaborazione` regulation
 * of the seed data). Times BENCH_PDF_RUNS generations of the richest demo pact (two parties, a complex
 * pact's full history with a renewal, milestones), one after another as a build writes them, after a few
 * warm-up runs; then writes each demo pact once for the sizes. Also times the seed's model PDF (the
 * template itself). Median, p95 and max in ms, sizes in bytes; writes bench/results/pdf.json.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays, romeDay } from '@coesione/model';
import { richTextBlocks, taggedPdf, type RichTextNode } from '@coesione/pdf';
import { writeResults } from '../lib/bench.ts';
import { SITE_DIR } from '../lib/paths.ts';
import { toBlocks } from '../seed/blocks.ts';
import { readSeedData } from '../seed/data.ts';
import { DEMO_PACTS, demoHistory, type DemoPact } from '../seed/pacts.ts';

const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 200);
const WARMUP = 10;

interface Template { slug: string; title: string; body: RichTextNode[] }
/** The one function of the site's module the benchmark calls, loaded at run time like the build does. */
type PactDocument = (pact: object, template: Template | undefined) => Promise<Buffer>;
const { pactDocument } = (await import(pathToFileURL(path.join(SITE_DIR, 'src/lib/present/pact-document.ts')).href)) as { pactDocument: PactDocument };

const data = readSeedData();
const model = data.regulations.find((r) => r.slug === 'modello-patto-di-collaborazione');
if (!model) throw new Error('bench:pdf: the seed data has no modello-patto-di-collaborazione regulation');
const template: Template = { slug: model.slug, title: model.title, body: toBlocks(model.body) };
const themes = new Map(data.themes.map((t) => [t.slug, t.name]));
const comuni = new Map(data.comuni.map((c) => [c.istat, c.name]));
const today = romeDay(new Date());

/** A demo pact as the site reads it from the CMS (the seed's mapping, without the CMS). */
function sitePact(p: DemoPact): object {
  const history = demoHistory(p, today);
  const comune = { name: comuni.get(p.istat) ?? p.istat, slug: p.istat, istatCode: p.istat };
  return {
    documentId: p.slug, slug: p.slug, title: p.title, summary: p.summary, body: null, commonGood: p.commonGood, kind: p.kind, stage: history[history.length - 1]?.stage,
    stageHistory: history, receivedAt: history[0]?.at, publicProposer: p.publicProposer,
    location: { label: null, address: p.address, latitude: 45.3, longitude: 8.4, municipality: comune }, municipalities: [comune],
    managingBody: { name: p.managingBody, slug: p.managingBody, kind: 'ente_gestore' },
    themes: p.themes.map((slug) => ({ slug, name: themes.get(slug) ?? slug })), targetGroups: [],
    parties: p.parties.map((party) => ({ name: party.name, role: party.role, organization: null, commitments: party.commitments.map(([kind, description]) => ({ kind, description })) })),
    provisions: p.provisions.map(([kind, description]) => ({ kind, description })),
    durationMonths: p.durationMonths ?? null,
    milestones: (p.milestones ?? []).map(([title, progress, dueIn]) => ({ title, progress, due: addDays(today, dueIn), note: null })),
    reports: (p.reports ?? []).map((r) => ({ date: addDays(today, -r.daysAgo), summary: r.summary, indicators: r.indicators.map(([name, value, unit]) => ({ name, value, unit, year: 2026 })) })),
    publishedAt: history[0]?.at, updatedAt: history[history.length - 1]?.at,
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
const round = (n: number) => Math.round(n * 100) / 100;

async function time(label: string, make: () => Promise<Buffer>): Promise<{ label: string; runs: number; medianMs: number; p95Ms: number; maxMs: number; bytes: number }> {
  for (let i = 0; i < WARMUP; i++) await make();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    bytes = (await make()).length;
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { label, runs: RUNS, medianMs: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), maxMs: round(times[times.length - 1] ?? 0), bytes };
}

const richest = DEMO_PACTS.find((p) => p.slug === 'portineria-di-quartiere-isola') ?? DEMO_PACTS[0]!;
const coldStart = process.hrtime.bigint();
await pactDocument(sitePact(richest), template);
const coldMs = round(Number(process.hrtime.bigint() - coldStart) / 1e6);

const timings = [
  await time(`pact document: ${richest.slug}`, () => pactDocument(sitePact(richest), template)),
  await time('seed model PDF: modello-patto-di-collaborazione', () =>
    taggedPdf({ title: model.title, subject: model.summary, author: model.issuer, footer: model.issuer, blocks: [{ kind: 'heading', level: 1, text: model.title }, ...richTextBlocks(template.body)] }),
  ),
];
const sizes = [];
for (const p of DEMO_PACTS) sizes.push({ slug: p.slug, bytes: (await pactDocument(sitePact(p), template)).length });
const bytes = sizes.map((s) => s.bytes).sort((a, b) => a - b);

console.log(`first document (module warm-up included): ${coldMs} ms`);
console.table(timings.map((t) => ({ what: t.label, runs: t.runs, 'median ms': t.medianMs, 'p95 ms': t.p95Ms, 'max ms': t.maxMs, bytes: t.bytes })));
console.log(`demo pact documents: ${sizes.length}, ${bytes[0]}–${bytes[bytes.length - 1]} bytes (median ${quantile(bytes, 0.5)})`);
const file = writeResults('pdf', { runs: RUNS, warmup: WARMUP, coldMs, timings, pactSizes: { min: bytes[0], median: quantile(bytes, 0.5), max: bytes[bytes.length - 1], each: sizes } });
console.log(`written ${path.relative(process.cwd(), file)}`);
