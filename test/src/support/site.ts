/** Builds the Astro site into a temporary folder with the given environment. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_DIR } from '../../../scripts/src/lib/paths.ts';
import { packageFile } from '../../../scripts/src/lib/strapi.ts';

export function buildSite(env: Record<string, string>): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-site-'));
  execFileSync(process.execPath, [packageFile('astro', 'astro.js', SITE_DIR), 'build'], {
    cwd: SITE_DIR,
    env: { ...process.env, ...env, SITE_OUT_DIR: outDir },
    stdio: 'pipe',
  });
  return outDir;
}
