/**
 * Loading the CMS in this process (seed, benchmarks, tests) and keeping its build current.
 *
 * Strapi is required through CommonJS: its ESM build fails on a lodash directory import (STACK.md).
 */
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { CMS_DIR } from './paths.ts';

const require = createRequire(import.meta.url);
type StrapiModule = {
  createStrapi(options: { appDir: string; distDir: string; serveAdminPanel?: boolean; autoReload?: boolean }): Core.Strapi;
};
const strapiModule = (): StrapiModule => require(require.resolve('@strapi/strapi', { paths: [CMS_DIR] })) as StrapiModule;

const SOURCES = ['src', 'config', 'package.json', 'tsconfig.json', 'favicon.png'];
const STAMP = path.join(CMS_DIR, 'dist', '.source-hash');

function* files(entry: string): Generator<string> {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isFile()) yield entry;
  else if (stat.isDirectory()) for (const name of fs.readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

/** A hash of everything `strapi build` reads: the build is reused while it matches. */
export function cmsSourceHash(): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for (const file of files(path.join(CMS_DIR, source))) {
      hash.update(path.relative(CMS_DIR, file)).update('\0').update(fs.readFileSync(file));
    }
  }
  return hash.digest('hex');
}

export function cmsBuildIsCurrent(): boolean {
  return fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === cmsSourceHash();
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; quiet?: boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output.slice(-4000)}`)),
    );
  });
}

/** A file inside an installed package, whatever the package's `exports` allow. */
export const packageFile = (name: string, file: string, from: string): string =>
  path.join(path.dirname(require.resolve(`${name}/package.json`, { paths: [from] })), file);

export const STRAPI_BIN = (): string => packageFile('@strapi/strapi', 'bin/strapi.js', CMS_DIR);

/** Builds the admin panel and compiles the server code, unless the last build used the same sources. */
export async function ensureCmsBuilt(log: (line: string) => void = console.log): Promise<boolean> {
  if (cmsBuildIsCurrent()) return false;
  // Two processes (npm start and a test run) must not build into cms/dist at once: the second waits.
  const release = await lock(path.join(CMS_DIR, '.build-lock'));
  try {
    if (cmsBuildIsCurrent()) return false;
    log('  CMS: build del pannello di amministrazione (una tantum, circa 40 s)…');
    const hash = cmsSourceHash();
    await run(process.execPath, [STRAPI_BIN(), 'build'], { cwd: CMS_DIR, quiet: true });
    fs.writeFileSync(STAMP, hash);
    return true;
  } finally {
    release();
  }
}

/** A directory as a lock between processes; one left by a crashed holder is taken over after 5 minutes. */
export async function lock(dir: string): Promise<() => void> {
  for (;;) {
    try {
      fs.mkdirSync(dir);
      return () => fs.rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 5 * 60_000) fs.rmSync(dir, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

/** Loads (registers and bootstraps) Strapi in this process, without an HTTP listener; `serveAdminPanel` for browser tests of the admin. */
export async function loadStrapi(distDir = path.join(CMS_DIR, 'dist'), { serveAdminPanel = false } = {}): Promise<Core.Strapi> {
  const app = strapiModule().createStrapi({ appDir: CMS_DIR, distDir, serveAdminPanel, autoReload: false });
  app.log.level = process.env.CMS_LOG_LEVEL ?? 'warn';
  return app.load();
}
