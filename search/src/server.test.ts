import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchMeilisearch, MeilisearchLaunchError, type MeilisearchProcess } from './server';

// A free loopback port (this package cannot borrow the scripts' helper: no importing another package's src/).
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const get = (url: string, key?: string) => fetch(url, { headers: { connection: 'close', ...(key ? { authorization: `Bearer ${key}` } : {}) } });

describe('launchMeilisearch', () => {
  const masterKey = 'server-test-master-key-0123456789';
  let dataDir: string;
  let meili: MeilisearchProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-meili-server-'));
    meili = await launchMeilisearch({ dataDir, port: await freePort(), masterKey });
  });

  afterAll(async () => {
    await meili?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the master key off the command line, where every local user can read it', () => {
    const cmdline = fs.readFileSync(`/proc/${meili.child.pid}/cmdline`, 'utf8');
    expect(cmdline).toContain('meilisearch');
    expect(cmdline).not.toContain(masterKey);
  });

  it('runs in production mode: no request without a key, no search preview, health still open', async () => {
    const anonymous = await get(`${meili.url}/indexes`);
    expect(anonymous.status).toBe(401);
    expect((await get(`${meili.url}/indexes`, masterKey)).status).toBe(200);
    // Development mode serves the search preview dashboard (HTML) at the root; production does not.
    const root = await get(`${meili.url}/`);
    expect(root.headers.get('content-type')).not.toMatch(/html/);
    const health = await get(`${meili.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'available' });
  });

  it('refuses a master key production mode would reject, with a sentence instead of a crash', async () => {
    await expect(launchMeilisearch({ dataDir, port: await freePort(), masterKey: 'short-key' })).rejects.toThrow(MeilisearchLaunchError);
    await expect(launchMeilisearch({ dataDir, port: await freePort(), masterKey: 'short-key' })).rejects.toThrow(/16 bytes/);
  });
});
