/**
 * Crash safety: a CMS killed with SIGKILL in the middle of a burst of submissions loses none that it
 * acknowledged. On SQLite (write-ahead log) and, in the PostgreSQL run, on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from './support/cms.ts';
import { startCmsProcess, type CmsProcess } from '@coesione/scripts/lib/cms-process.ts';

const BURST = 100;
let cms: CmsProcess;
let database: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-crash-'));
  database = await testDatabase(dataDir);
  cms = await startCmsProcess({ ...database.env, SUBMISSION_RATE_LIMIT: '100000', TRUST_PROXY: 'true' }, { dataDir });
});

afterAll(async () => {
  await cms?.stop();
  await database?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const proposal = (n: number) => ({
  data: {
    kind: 'proposta',
    target: 'practice',
    title: `Proposta numero ${n} della raffica`,
    description: `Una proposta sintetica (${n}) inviata durante la prova di arresto improvviso del CMS.`,
    consent: true,
    startedAt: Date.now() - 10_000,
  },
});

describe('SIGKILL during a burst of submissions', () => {
  it('keeps every submission the CMS answered 201 for, and the CMS starts again on the same database', async () => {
    const acknowledged: string[] = [];
    let answered = 0;
    let killed: Promise<void> | undefined;
    const posts = Array.from({ length: BURST }, (_, n) =>
      fetch(`${cms.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${n % 250}` },
        body: JSON.stringify(proposal(n)),
      })
        .then(async (res) => {
          const body = (await res.json()) as { data?: { receipt?: string } };
          if (res.status === 201 && body.data?.receipt) acknowledged.push(body.data.receipt);
          // A fifth of the burst answered: the rest is in flight when the process dies.
          if (++answered === BURST / 5) killed = cms.kill('SIGKILL');
        })
        .catch(() => undefined),
    );
    await Promise.all(posts);
    await killed;
    console.log(`crash: ${acknowledged.length} of ${BURST} submissions acknowledged before the SIGKILL`);
    expect(acknowledged.length).toBeGreaterThanOrEqual(BURST / 5);
    expect(acknowledged.length, 'the kill came after the whole burst: nothing was in flight').toBeLessThan(BURST);

    await cms.restart();
    const missing: string[] = [];
    for (const receipt of acknowledged) {
      const res = await fetch(`${cms.url}/api/submissions/status/${receipt}`, { headers: { accept: 'application/json' } });
      if (res.status !== 200) missing.push(`${receipt} (${res.status})`);
      else await res.arrayBuffer();
    }
    expect(missing, 'acknowledged submissions lost in the crash').toEqual([]);
  });
});
