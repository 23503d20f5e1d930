import net from 'node:net';

export class PortTakenError extends Error {
  override name = 'PortTakenError';
}

/** Resolves when `port` can be bound on `host`; otherwise a one-line error naming the variable to change. */
export function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new PortTakenError(
          error.code === 'EADDRINUSE'
            ? `La porta ${port} è già in uso: scegli un'altra porta con ${variable} (per esempio ${variable}=${port + 1} npm start).`
            : `Impossibile usare la porta ${port} su ${host} (${error.code ?? error.message}): cambia ${variable}.`,
        ),
      ),
    );
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve()));
  });
}

/** A free loopback port (for tests and benchmarks). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitForUrl(url: string, timeoutMs: number, ok: (status: number) => boolean = (s) => s < 400): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { headers: { connection: 'close' } });
      if (ok(res.status)) return;
      last = `HTTP ${res.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${last})`);
}
