/**
 * A partner's CSV read off the CMS's event loop: the parse of a file of several megabytes takes seconds of
 * CPU, and done on the main thread it held every other request (public reads, forms, the admin) for as long.
 * The file goes to a worker thread (this same module, run as the worker), which parses and checks it with
 * `readNeedCsv` and sends back the coded rows and the first problems with their counts (never all of them); its heap is capped, so a hostile file ends the worker, not the
 * CMS. Where the compiled module is not there to run (unit tests from TypeScript), the parse runs in place.
 */
import fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readNeedCsv, refusedFile, type ParsedFile, type Vocabularies } from './csv';

interface Job {
  bytes: Uint8Array;
  vocab: Vocabularies;
  limits: { maxRows: number; today: string };
}

/** Heap of the parsing thread: a 32 MB file of short rows needs about a quarter of it. */
const WORKER_HEAP_MB = 768;

const TOO_BIG = 'Il file è troppo grande o troppo complesso per essere letto in una volta: dividilo per mese e importalo in più volte.';

export function readNeedCsvOffThread(bytes: Uint8Array, vocab: Vocabularies, limits: Job['limits']): Promise<ParsedFile> {
  const script = __filename.endsWith('.js') ? __filename : undefined;
  if (!script || !fs.existsSync(script)) return Promise.resolve(readNeedCsv(bytes, vocab, limits));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { bytes, vocab, limits } satisfies Job, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    worker.once('message', (parsed: ParsedFile) => {
      settled = true;
      resolve(parsed);
    });
    worker.once('error', (error: Error & { code?: string }) => {
      settled = true;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve(refusedFile(0, { row: 1, field: '', message: TOO_BIG }));
      else reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The CSV worker exited with code ${code} before answering`));
    });
  });
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | undefined)?.bytes) {
  const job = workerData as Job;
  parentPort.postMessage(readNeedCsv(job.bytes, job.vocab, job.limits));
}
