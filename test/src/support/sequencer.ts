/**
 * The order `npm test` starts its files in: longest first, across all projects (longest-processing-time
 * scheduling), so the three workers finish together instead of one running a long browser file alone at the
 * end.
 *
 * Vitest's own sequencer orders by project name first, then by the durations of the last run kept in
 * node_modules/.vite; a fresh clone (CI) has none, so it falls back to file size, and the long SQLite browser
 * files started after every PostgreSQL one. Here the durations are the ones measured by the fresh-clone run
 * (BENCHMARKS.md, Test suite), rounded; a file not listed counts by its size, as Vitest would. Refresh the
 * table when a file's time changes by more than a minute.
 */
import fs from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds each file took on the CI machine, by `project:path` (path from the project's root). */
const SECONDS: Record<string, number> = {
  'sqlite:src/journey-editor.test.ts': 600,
  'sqlite:src/public-site.test.ts': 565,
  'sqlite:src/backup.test.ts': 520,
  'postgres:src/cluster.test.ts': 360,
  'sqlite:src/access-matrix.test.ts': 310,
  'sqlite:src/admin.test.ts': 250,
  'postgres:src/submissions.test.ts': 215,
  'postgres:src/search.test.ts': 210,
  'sqlite:src/search.test.ts': 210,
  'sqlite:src/cms.test.ts': 210,
  'sqlite:src/journey-partner.test.ts': 205,
  'sqlite:src/start.test.ts': 190,
  'sqlite:src/submissions.test.ts': 180,
  'sqlite:src/access.test.ts': 175,
  'sqlite:src/typecheck.test.ts': 155,
  'postgres:src/needs.test.ts': 150,
  'postgres:src/cms.test.ts': 130,
  'sqlite:src/needs.test.ts': 120,
  'sqlite:src/journey-places.test.ts': 120,
  'sqlite:src/journey-needs-import.test.ts': 120,
  'sqlite:src/subscriptions.test.ts': 75,
  'postgres:src/crash.test.ts': 60,
  'sqlite:src/generated-types.test.ts': 60,
  'sqlite:src/logging.test.ts': 60,
  'sqlite:src/bookings.test.ts': 55,
  'postgres:src/bookings.test.ts': 55,
  'sqlite:src/crash.test.ts': 50,
  'postgres:src/subscriptions.test.ts': 50,
  'sqlite:src/queue-mail.test.ts': 40,
  'sqlite:src/lint.test.ts': 40,
  'postgres:src/queue-mail.test.ts': 35,
};

/** An unlisted file: a second per 10 kB of source, so a unit test file counts as well under a second. */
function estimate(spec: TestSpecification): number {
  const key = `${spec.project.name}:${path.relative(spec.project.config.root, spec.moduleId)}`;
  const known = SECONDS[key];
  if (known !== undefined) return known;
  try {
    return fs.statSync(spec.moduleId).size / 10_000;
  } catch {
    return 0;
  }
}

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => estimate(b) - estimate(a));
  }
}
