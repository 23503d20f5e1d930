import { defineConfig } from 'vitest/config';
import { postgresBinDir } from '../scripts/src/lib/postgres.ts';

/**
 * The suites that touch the database run twice: on SQLite (the default, every file) and on PostgreSQL
 * (a throw-away cluster started by support/postgres-setup.ts). Without PostgreSQL installed the second
 * run is skipped with a warning, except in CI, where it must run (.ci/run installs it).
 */
const DATABASE_SUITES = ['src/cms.test.ts', 'src/search.test.ts', 'src/submissions.test.ts', 'src/needs.test.ts', 'src/crash.test.ts', 'src/cluster.test.ts'];
const withPostgres = process.env.CI === 'true' || postgresBinDir() !== undefined;
if (!withPostgres) console.warn('PostgreSQL is not installed: the database suites run on SQLite only (apt-get install postgresql for both).');

export default defineConfig({
  test: {
    globalSetup: ['src/support/global-setup.ts'],
    // strapi.destroy() breaks the forks pool (STACK.md); each file boots its own Strapi.
    pool: 'threads',
    testTimeout: 60_000,
    // Generous: files share two cores, and a busy machine doubles a site build's time.
    hookTimeout: 420_000,
    projects: [
      // The cluster suite needs PostgreSQL (several CMS processes on one database): only in the second run.
      { extends: true, test: { name: 'sqlite', include: ['src/**/*.test.ts'], exclude: ['src/cluster.test.ts'] } },
      ...(withPostgres
        ? [{ extends: true as const, test: { name: 'postgres', include: DATABASE_SUITES, globalSetup: ['src/support/postgres-setup.ts'], env: { COESIONE_TEST_DATABASE: 'postgres' } } }]
        : []),
    ],
  },
});
