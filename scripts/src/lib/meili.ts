/** A real Meilisearch for tests and benchmarks: the bundled binary on a free loopback port, data in a temporary folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchMeilisearch, type MeilisearchProcess } from '@coesione/search';
import { freePort } from './ports.ts';

export interface TestMeili {
  url: string;
  masterKey: string;
  port: number;
  dataDir: string;
  process: MeilisearchProcess;
  /** Stops the server (an outage); `restart` brings it back on the same port and data. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startMeili(): Promise<TestMeili> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-meili-'));
  const port = await freePort();
  const masterKey = 'test-master-key-0123456789abcdef';
  // Beside two other test files on two cores a start can take longer than the library's 15 s, and a restart
  // may find the old process's port or data lock not yet free: a minute, and three tries a second apart.
  const launch = async (): Promise<MeilisearchProcess> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await launchMeilisearch({ dataDir, port, masterKey, timeoutMs: 60_000 });
      } catch (error) {
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  };
  const meili: TestMeili = {
    url: `http://127.0.0.1:${port}`,
    masterKey,
    port,
    dataDir,
    process: await launch(),
    async kill() {
      await meili.process.stop();
    },
    async restart() {
      meili.process = await launch();
    },
    async stop() {
      await meili.process.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return meili;
}
