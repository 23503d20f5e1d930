import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureCmsBuilt } from '@coesione/scripts/lib/strapi.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's seed cache: demo databases seeded once, copied by each file (support/cms.ts, startSeededCms). */
    seedCacheDir: string;
  }
}

/**
 * Builds the CMS once, admin panel included, before any test file runs: the start test serves the
 * admin, and a build during the run would rewrite cms/dist under the other files' Strapi instances.
 * Later runs reuse the build while the CMS sources are unchanged. Opens the run's seed cache and
 * removes it at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await ensureCmsBuilt();
  const seedCache = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-seed-cache-'));
  project.provide('seedCacheDir', seedCache);
  return () => fs.rmSync(seedCache, { recursive: true, force: true });
}
