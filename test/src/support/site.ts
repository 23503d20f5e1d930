/**
 * Builds the Astro site into a temporary folder with the given environment. Asynchronous on purpose:
 * the CMS the build reads runs in this same process and must keep answering.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_DIR } from '../../../scripts/src/lib/paths.ts';
import { packageFile } from '../../../scripts/src/lib/strapi.ts';

export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
  constructor(readonly output: string) {
    super(`astro build failed:\n${output.slice(-4000)}`);
  }
}

export function buildSite(env: Record<string, string>, outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-site-'))): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [packageFile('astro', 'astro.js', SITE_DIR), 'build'], {
      cwd: SITE_DIR,
      env: { ...process.env, NODE_ENV: 'production', ...env, SITE_OUT_DIR: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(outDir) : reject(new SiteBuildError(output))));
  });
}
