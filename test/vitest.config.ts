import { defineConfig } from 'vitest/config';
import { postgresBinDir } from '../scripts/src/lib/postgres.ts';

/**
 * One Vitest run for the whole repository (`npm test`): every workspace's unit tests and the suites of
 * this folder, scheduled together, so the short files fill the gaps beside the long ones.
 *
 * The suites that touch the database run twice: on SQLite (the default, every file) and on PostgreSQL
 * (a throw-away cluster started by support/postgres-setup.ts). Without PostgreSQL installed the second
 * run is skipped with a warning, except in CI, where it must run (.ci/run installs it).
 *
 * COESIONE_TEST_QUICK=true (`npm run test:quick`): the unit tests and the suites that open no browser and
 * build no site, on SQLite only: the loop between commits.
 */
const UNIT_WORKSPACES = ['model', 'search', 'cms-client', 'pdf', 'cms', 'site', 'scripts'];
const DATABASE_SUITES = ['src/cms.test.ts', 'src/bookings.test.ts', 'src/subscriptions.test.ts', 'src/queue-mail.test.ts', 'src/search.test.ts', 'src/submissions.test.ts', 'src/needs.test.ts', 'src/crash.test.ts', 'src/cluster.test.ts'];
/** The suites that open a browser or build the site: left out of the quick run. */
const BROWSER_SUITES = ['src/public-site.test.ts', 'src/start.test.ts', 'src/backup.test.ts', 'src/admin.test.ts', 'src/journey-*.test.ts'];
const quick = process.env.COESIONE_TEST_QUICK === 'true';
const withPostgres = !quick && (process.env.CI === 'true' || postgresBinDir() !== undefined);
if (!quick && !withPostgres) console.warn('PostgreSQL is not installed: the database suites run on SQLite only (apt-get install postgresql for both).');

/** What every suite of this folder runs with. */
const SUITE = {
  globalSetup: ['src/support/global-setup.ts'],
  // strapi.destroy() breaks the forks pool (STACK.md); each file boots its own Strapi.
  pool: 'threads' as const,
  // A browser step may wait a minute for the admin to draw on a busy machine (three files on two cores):
  // a journey test needs more than one such minute, and a CI run must not fail on load alone.
  testTimeout: 180_000,
  // Generous: three files share two cores, and a busy machine doubles a site build's time.
  hookTimeout: 420_000,
};

export default defineConfig({
  test: {
    // Three files at once on two cores (Vitest's default is one fewer than the cores: one file at a time).
    // A file spends much of its time waiting for Chromium, Strapi or a site build in another process;
    // measured on the CI machine: 20 minutes with three, 33 with one (BENCHMARKS.md, Test suite).
    maxWorkers: 3,
    projects: [
      // Each workspace's own vitest.config.ts: its unit tests, no server.
      ...UNIT_WORKSPACES.map((workspace) => `../${workspace}`),
      // The cluster suite needs PostgreSQL (several CMS processes on one database): only in the second run.
      { test: { ...SUITE, name: 'sqlite', include: ['src/**/*.test.ts'], exclude: ['src/cluster.test.ts', ...(quick ? BROWSER_SUITES : [])] } },
      ...(withPostgres
        ? [{ test: { ...SUITE, name: 'postgres', include: DATABASE_SUITES, globalSetup: [...SUITE.globalSetup, 'src/support/postgres-setup.ts'], env: { COESIONE_TEST_DATABASE: 'postgres' } } }]
        : []),
    ],
  },
});
