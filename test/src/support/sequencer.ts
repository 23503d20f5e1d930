import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, across projects (Vitest's own order runs the projects one after the other,
 * by name, and on a fresh clone starts each project's files by size: the one-import public-site file
 * came last and its 9 minutes set the run's end). Seconds per file as measured in a full run with three
 * workers (BENCHMARKS.md, Test suite); a file not listed keeps Vitest's order after these.
 */
const SECONDS: Record<string, number> = {
  'sqlite:src/public-site.test.ts': 527,
  'sqlite:src/journey-editor.test.ts': 391,
  'sqlite:src/start.test.ts': 308,
  'sqlite:src/backup.test.ts': 286,
  'postgres:src/cluster.test.ts': 149,
  'sqlite:src/access-matrix.test.ts': 107,
  'postgres:src/submissions.test.ts': 105,
  'postgres:src/search.test.ts': 101,
  'sqlite:src/search.test.ts': 75,
  'postgres:src/needs.test.ts': 69,
  'sqlite:src/typecheck.test.ts': 68,
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    const seconds = (spec: TestSpecification) => SECONDS[`${spec.project.name}:${path.relative(spec.project.config.root, spec.moduleId)}`] ?? 0;
    // Array.prototype.sort is stable: equal weights keep Vitest's order.
    return [...base].sort((a, b) => seconds(b) - seconds(a));
  }
}
