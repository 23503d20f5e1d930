import type { TestProject } from 'vitest/node';
import { startPostgres } from '@coesione/scripts/lib/postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the throw-away cluster's maintenance database (the PostgreSQL run only). */
    postgresUrl: string;
  }
}

/** One throw-away PostgreSQL cluster for the whole PostgreSQL run; each test file gets its own database. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgres();
  project.provide('postgresUrl', cluster.url());
  return () => cluster.stop();
}
