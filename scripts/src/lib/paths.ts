import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CMS_DIR = path.join(ROOT, 'cms');
export const SITE_DIR = path.join(ROOT, 'site');
export const SEED_DATA_DIR = path.join(ROOT, 'scripts', 'seed-data');

/** Local state (database, secrets, uploads, search data): `COESIONE_DATA_DIR`, default `.data/`. */
export const dataDir = (): string => path.resolve(process.env.COESIONE_DATA_DIR ?? path.join(ROOT, '.data'));
