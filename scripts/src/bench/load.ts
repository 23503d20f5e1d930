/**
 * A small loopback load generator: N requests at a fixed concurrency, every latency recorded, so the
 * percentiles are exact (no histogram buckets).
 */
import http from 'node:http';

export interface LoadResult {
  requests: number;
  concurrency: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  rps: number;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN);

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * A load generator's connections: kept alive, as a real client would, and dropped after 4 s idle: before
 * the server's own 5 s (Node's keepAliveTimeout), else a request sent on a socket the server is closing
 * that instant fails with ECONNRESET, a race of the load generator and not an error of the CMS.
 */
export const loadAgent = (maxSockets: number): http.Agent => new http.Agent({ keepAlive: true, maxSockets, timeout: 4000 });

/**
 * Runs `requests` calls of `one` with `concurrency` of them in flight, timing each; `one` resolves whether
 * the call succeeded. Connections are kept alive in `agent` (loadAgent).
 */
export async function runLoad(one: (i: number, agent: http.Agent) => Promise<boolean>, options: { requests: number; concurrency: number }): Promise<LoadResult> {
  const agent = loadAgent(options.concurrency);
  const latencies: number[] = [];
  let errors = 0;
  let issued = 0;
  const timed = async (i: number) => {
    const start = process.hrtime.bigint();
    const ok = await one(i, agent).catch(() => false);
    latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (!ok) errors++;
  };
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (issued < options.requests) await timed(issued++);
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    concurrency: options.concurrency,
    errors,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    max: round(sorted[sorted.length - 1] ?? NaN),
    rps: round(latencies.length / seconds),
  };
}

/** GETs of `nextUrl(i)`; anything but a 200 counts as an error. */
export function load(nextUrl: (i: number) => string, options: { requests: number; concurrency: number }): Promise<LoadResult> {
  return runLoad(
    (i, agent) =>
      new Promise<boolean>((resolve) => {
        http
          .get(nextUrl(i), { agent }, (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode === 200));
          })
          .on('error', () => resolve(false));
      }),
    options,
  );
}
