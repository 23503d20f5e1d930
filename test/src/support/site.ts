/**
 * Builds the Astro site into a temporary folder with the given environment. Asynchronous on purpose:
 * the CMS the build reads runs in this same process and must keep answering.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE_DIR } from '@coesione/scripts/lib/paths.ts';
import { astroBuildArgs } from '@coesione/scripts/lib/site-build.ts';

export class SiteBuildError extends Error {
  override name = 'SiteBuildError';
  constructor(readonly output: string) {
    super(`astro build failed:\n${output.slice(-4000)}`);
  }
}

/**
 * Test files build in parallel, so each build keeps its own state: Astro bundles the content from
 * `<cacheDir>/data-store.json`, and writes its server chunks to `./.astro/` of the working directory when
 * the output folder lies outside it. Both get a folder of their own, inside the site (where the chunks
 * can still resolve the site's packages).
 */
const BUILDS_DIR = path.join(SITE_DIR, '.cache', 'builds');

/**
 * Astro's image cache (`<cacheDir>/assets/`: each cover's AVIF, WebP and JPEG variants, keyed by the
 * source and the transform) is shared between builds, as a deploy's build cache keeps it: each build starts
 * with a copy and adds what it encoded. Without it every build of the suite encodes the same covers again.
 */
const IMAGES_DIR = path.join(SITE_DIR, '.cache', 'images');

function shareImages(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    const target = path.join(to, name);
    if (fs.existsSync(target)) continue;
    // Copied under another name, then renamed: a build copying the cache meanwhile never reads half a file.
    const partial = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    fs.copyFileSync(path.join(from, name), partial);
    fs.renameSync(partial, target);
  }
}

export function buildSite(env: Record<string, string>, outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-site-'))): Promise<string> {
  fs.mkdirSync(BUILDS_DIR, { recursive: true });
  const own = fs.mkdtempSync(path.join(BUILDS_DIR, 'build-'));
  const images = path.join(own, 'cache', 'assets');
  shareImages(IMAGES_DIR, images);
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, astroBuildArgs('--root', SITE_DIR), {
      cwd: own,
      env: { ...process.env, NODE_ENV: 'production', ...env, SITE_OUT_DIR: outDir, SITE_CACHE_DIR: path.join(own, 'cache') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new SiteBuildError(output));
      shareImages(images, IMAGES_DIR);
      resolve(outDir);
    });
  }).finally(() => fs.rmSync(own, { recursive: true, force: true }));
}
