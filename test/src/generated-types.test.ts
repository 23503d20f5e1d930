/**
 * The Strapi types committed in cms/types/generated must match the schemas: regenerate them into a
 * temporary folder and compare, so a schema change without `ts:generate-types` fails here.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CMS_DIR } from '@coesione/scripts/lib/paths.ts';
import { STRAPI_BIN } from '@coesione/scripts/lib/strapi.ts';

it('cms/types/generated matches the content-type schemas', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-types-'));
  const outDir = fs.mkdtempSync(path.join(CMS_DIR, '.types-check-'));
  try {
    execFileSync(process.execPath, [STRAPI_BIN(), 'ts:generate-types', '--silent', '--out-dir', path.relative(CMS_DIR, outDir)], {
      cwd: CMS_DIR,
      env: { ...process.env, COESIONE_DATA_DIR: dataDir, STRAPI_TELEMETRY_DISABLED: 'true' },
      stdio: 'pipe',
    });
    for (const file of ['contentTypes.d.ts', 'components.d.ts']) {
      const fresh = fs.readFileSync(path.join(outDir, 'generated', file), 'utf8');
      const committed = fs.readFileSync(path.join(CMS_DIR, 'types', 'generated', file), 'utf8');
      expect(committed, `${file} is stale: run npm run strapi -w cms -- ts:generate-types`).toBe(fresh);
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  // Strapi loads the whole CMS to generate the types: 22 s on an idle machine, past a minute beside two
  // other suites on two cores (a CI run timed out at the default 60 s).
}, 300_000);
