/** The comuni of the district with their reference points, for "vicino a un comune" (build time only). */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ComunePoint {
  istat: string;
  name: string;
  lat: number;
  lng: number;
}

const RELATIVE = path.join('scripts', 'seed-data', 'comuni-vercelli.csv');

/**
 * The CSV at the repository root, found by walking up from this module and from the working directory:
 * a build bundles this module into a chunk elsewhere (tests build from their own folder inside site/).
 */
function findCsv(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, RELATIVE))) return path.join(dir, RELATIVE);
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`${RELATIVE} not found above ${process.cwd()}`);
}

export function readComuniPoints(file = findCsv()): ComunePoint[] {
  const [, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return rows
    .map((row) => {
      const [istat = '', name = '', , lat = '', lng = ''] = row.split(',');
      return { istat, name, lat: Number(lat), lng: Number(lng) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}
