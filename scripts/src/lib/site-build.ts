/**
 * Builds the static site into a fresh folder, then swaps it into place, so the folder being served is
 * always a complete build. Requests during a build queue one more build (never two at once).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SITE_DIR } from './paths.ts';
import { packageFile, run } from './strapi.ts';

export const SITE_DIST = path.join(SITE_DIR, 'dist');

/**
 * Node's arguments for a production build of the site (then `extra`). A larger young generation: a build
 * keeps the whole content store in memory and allocates for every page, and with V8's default 16 MB the
 * collector promoted and rescanned far too much (at 10,000 entries, 141 s → 118 s). Netlify's build sets
 * the same through NODE_OPTIONS (netlify.toml).
 */
export const astroBuildArgs = (...extra: string[]): string[] => ['--max-semi-space-size=64', packageFile('astro', 'astro.js', SITE_DIR), 'build', ...extra];

export async function buildSiteInPlace(env: NodeJS.ProcessEnv, dist = SITE_DIST): Promise<void> {
  const next = `${dist}.next`;
  const old = `${dist}.old`;
  fs.rmSync(next, { recursive: true, force: true });
  // NODE_ENV is forced: a development value (Strapi sets one) would ship React's development build.
  await run(process.execPath, astroBuildArgs(), { cwd: SITE_DIR, env: { ...env, NODE_ENV: 'production', SITE_OUT_DIR: next }, quiet: true });
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dist)) fs.renameSync(dist, old);
  fs.renameSync(next, dist);
  fs.rmSync(old, { recursive: true, force: true });
}

/** A rebuild trigger: at most one build running and one waiting. */
export function rebuilder(build: () => Promise<void>, log: (line: string) => void): () => void {
  let running: Promise<void> | undefined;
  let again = false;
  const start = (): void => {
    const t0 = Date.now();
    running = build()
      .then(() => log(`  Sito ricostruito in ${((Date.now() - t0) / 1000).toFixed(1)} s`))
      .catch((error: Error) => log(`  Ricostruzione del sito non riuscita: ${error.message.split('\n')[0]}`))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return () => {
    if (running) again = true;
    else start();
  };
}
