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

const CSV = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/seed-data/comuni-vercelli.csv');

export function readComuniPoints(file = CSV): ComunePoint[] {
  const [, ...rows] = fs.readFileSync(file, 'utf8').trim().split(/\r?\n/);
  return rows
    .map((row) => {
      const [istat = '', name = '', , lat = '', lng = ''] = row.split(',');
      return { istat, name, lat: Number(lat), lng: Number(lng) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}
