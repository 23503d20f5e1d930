/**
 * The environment of a test CMS (test/src/support/cms.ts) and of a CMS process (cms-process.ts), in a module
 * free of Vitest: test/src/support/seed-into.ts and the benchmarks run outside it.
 */

/** What every test CMS runs with, in process or as its own process: loopback, quiet, no search sync unless asked. */
export const testCmsEnv = (dataDir: string, port: number): Record<string, string> => ({
  COESIONE_DATA_DIR: dataDir,
  CMS_HOST: '127.0.0.1',
  CMS_PORT: String(port),
  CMS_STARTUP_LOG: 'false',
  STRAPI_TELEMETRY_DISABLED: 'true',
  NODE_ENV: 'test',
  // Search sync only where a test asks for it (test files may share a worker thread's environment).
  MEILISEARCH_URL: '',
  MEILI_MASTER_KEY: '',
});
