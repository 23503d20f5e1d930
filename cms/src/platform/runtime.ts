/**
 * Where the CMS keeps its local state, and its secrets.
 *
 * Locally (any NODE_ENV but production) every secret Strapi needs is generated once into
 * `<data dir>/cms-secrets.json`, so a fresh clone starts with no set-up. In production a missing
 * secret stops the CMS with a message naming it: never a default or generated key there.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SECRET_NAMES = [
  'APP_KEYS',
  'ADMIN_JWT_SECRET',
  'API_TOKEN_SALT',
  'TRANSFER_TOKEN_SALT',
  'JWT_SECRET',
  'ENCRYPTION_KEY',
  // Keys the rate limit of the public forms (HMAC of the client address) and signs their confirmation pages.
  'SUBMISSION_SALT',
  // Keys the pseudonymous person key of need records (HMAC of a codice fiscale or a partner's file code).
  'NEED_KEY_SECRET',
] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export class MissingSecretError extends Error {
  override name = 'MissingSecretError';
}

/** The repository root: the nearest ancestor whose package.json declares npm workspaces. */
function repositoryRoot(from: string): string | undefined {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (parsed.workspaces) return dir;
    }
  }
  return undefined;
}

/** `COESIONE_DATA_DIR`, else `.data/` at the repository root, else `.data/` in the working directory. */
export function dataDir(): string {
  const configured = process.env.COESIONE_DATA_DIR;
  const dir = configured
    ? path.resolve(configured)
    : path.join(repositoryRoot(__dirname) ?? process.cwd(), '.data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function generate(name: SecretName): string {
  const key = () => crypto.randomBytes(32).toString('base64');
  return name === 'APP_KEYS' ? [key(), key(), key(), key()].join(',') : key();
}

/** Fills `process.env` with every secret: from the environment, else (not in production) from the local file. */
export function ensureSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const missing = SECRET_NAMES.filter((name) => !env[name]);
  if (missing.length === 0) return;
  if (env.NODE_ENV === 'production') {
    throw new MissingSecretError(
      `Coesione CMS: missing secret${missing.length > 1 ? 's' : ''} ${missing.join(', ')} in production. ` +
        'Set each one in the environment (for example `openssl rand -base64 32`; APP_KEYS takes four, comma-separated). ' +
        'Generated keys are only for local development.',
    );
  }
  const file = path.join(dataDir(), 'cms-secrets.json');
  const stored: Partial<Record<SecretName, string>> = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>>)
    : {};
  let changed = false;
  for (const name of missing) {
    if (!stored[name]) {
      stored[name] = generate(name);
      changed = true;
    }
    env[name] = stored[name];
  }
  if (changed) fs.writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
}

/** The directory Strapi serves as `public/` (uploads live in its `uploads/`). */
export function publicDir(): string {
  const dir = process.env.CMS_PUBLIC_DIR
    ? path.resolve(process.env.CMS_PUBLIC_DIR)
    : path.join(dataDir(), 'public');
  fs.mkdirSync(path.join(dir, 'uploads'), { recursive: true });
  return dir;
}

/** A secret's value (generated locally on first use; required in production). */
export function secret(name: SecretName): string {
  ensureSecrets();
  const value = process.env[name];
  if (!value) throw new MissingSecretError(`Coesione CMS: secret ${name} is empty.`);
  return value;
}

/** The CMS's public address for links in pages and messages: CMS_PUBLIC_URL (server.url), else where it listens. */
export function cmsBaseUrl(strapi: { config: { get(key: string): unknown } }): string {
  const configured = String(strapi.config.get('server.url') ?? '').replace(/\/$/, '');
  return configured || `http://${String(strapi.config.get('server.host') ?? '127.0.0.1')}:${String(strapi.config.get('server.port') ?? 1337)}`;
}
