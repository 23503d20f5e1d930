import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureSecrets, MissingSecretError, SECRET_NAMES } from './runtime';

describe('ensureSecrets', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coesione-secrets-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stops in production, naming every missing secret and generating none', () => {
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', COESIONE_DATA_DIR: dir, APP_KEYS: 'a,b' };
    expect(() => ensureSecrets(env)).toThrow(MissingSecretError);
    expect(() => ensureSecrets(env)).toThrow(/ADMIN_JWT_SECRET, API_TOKEN_SALT, TRANSFER_TOKEN_SALT, JWT_SECRET, ENCRYPTION_KEY, SUBMISSION_SALT, NEED_KEY_SECRET in production/);
    expect(env.ADMIN_JWT_SECRET).toBeUndefined();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('generates local secrets once and reuses them', () => {
    process.env.COESIONE_DATA_DIR = dir;
    const first: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    ensureSecrets(first);
    for (const name of SECRET_NAMES) expect(first[name]).toMatch(/.{40,}/);
    expect(first.APP_KEYS?.split(',')).toHaveLength(4);
    const second: NodeJS.ProcessEnv = { NODE_ENV: 'development' };
    ensureSecrets(second);
    expect(second).toEqual(first);
    expect(fs.statSync(path.join(dir, 'cms-secrets.json')).mode & 0o777).toBe(0o600);
  });

  it('prefers secrets from the environment', () => {
    process.env.COESIONE_DATA_DIR = dir;
    const env: NodeJS.ProcessEnv = { NODE_ENV: 'development', JWT_SECRET: 'from-env' };
    ensureSecrets(env);
    expect(env.JWT_SECRET).toBe('from-env');
  });
});
