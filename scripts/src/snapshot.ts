/**
 * `npm run snapshot [-- <file>]`: writes every published entry of every public type, as the public REST
 * API returns it, to one JSON file (default `.data/snapshot.json`). `SITE_SNAPSHOT=<file> npm run build -w site`
 * then builds the site with no CMS running (tests and previews).
 */
import fs from 'node:fs';
import path from 'node:path';
import { takeSnapshot } from '@coesione/cms-client';
import { readStartConfig } from './lib/config.ts';

const config = readStartConfig();
const cmsUrl = process.env.CMS_URL ?? config.cmsUrl;
const file = path.resolve(process.argv[2] ?? path.join(config.dataDir, 'snapshot.json'));
try {
  const snapshot = await takeSnapshot(cmsUrl);
  fs.writeFileSync(file, JSON.stringify(snapshot));
  const counts = Object.entries(snapshot.entries).map(([type, list]) => `${type} ${list.length}`).join(', ');
  console.log(`Istantanea scritta in ${path.relative(process.cwd(), file)}: ${counts}`);
} catch (error) {
  console.error(`Istantanea non riuscita: ${(error as Error).message}`);
  process.exitCode = 1;
}
