/** Every setting of `npm start`, read once from the environment (docs/configuration.md lists them). */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, ROOT } from './paths.ts';

const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name}="${raw}" is not a port number (1–65535).`);
  return value;
};

export interface StartConfig {
  host: string;
  sitePort: number;
  cmsPort: number;
  meiliPort: number;
  /** An external Meilisearch; when unset the bundled binary runs on meiliPort. */
  meiliUrl: string | undefined;
  meiliMasterKey: string;
  dataDir: string;
  cmsUrl: string;
  siteUrl: string;
}

/** The Meilisearch master key: MEILI_MASTER_KEY, else generated once into `.data/meili-master-key`. */
function masterKey(dir: string): string {
  if (process.env.MEILI_MASTER_KEY) return process.env.MEILI_MASTER_KEY;
  const file = path.join(dir, 'meili-master-key');
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
  return fs.readFileSync(file, 'utf8').trim();
}

export function readStartConfig(): StartConfig {
  // A local `.env` (see .env.example) fills what the environment leaves unset.
  const envFile = path.join(ROOT, '.env');
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  const dir = dataDir();
  fs.mkdirSync(dir, { recursive: true });
  const host = process.env.HOST ?? '127.0.0.1';
  const sitePort = int('SITE_PORT', 4321);
  const cmsPort = int('CMS_PORT', 1337);
  const meiliPort = int('MEILI_PORT', 7700);
  return {
    host,
    sitePort,
    cmsPort,
    meiliPort,
    meiliUrl: process.env.MEILISEARCH_URL || undefined,
    meiliMasterKey: masterKey(dir),
    dataDir: dir,
    cmsUrl: `http://${host}:${cmsPort}`,
    siteUrl: `http://${host}:${sitePort}`,
  };
}
