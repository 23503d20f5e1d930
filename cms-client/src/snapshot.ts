/**
 * A snapshot: every published entry of every public type as the public API returns it, the bytes of
 * every upload they refer to, the rating aggregates and the workshops' outcomes, in one JSON file. A site builds from it with no
 * CMS at all (tests, previews), and builds the very same pages as from the CMS it was taken from.
 */
import fs from 'node:fs';
import { PUBLIC_KEYS, type PublicKey } from '@coesione/model';
import { SnapshotError } from './errors.js';
import { mediaIn } from './media.js';
import { readAll, readOutcomes, readRatings, readUpload } from './rest.js';

export interface Snapshot {
  generatedAt: string;
  cmsUrl: string;
  entries: Record<PublicKey, unknown[]>;
  /** The bytes of every upload the entries refer to, base64, by URL. */
  uploads: Record<string, string>;
  /** Rating aggregates (`GET /api/ratings`). */
  ratings: unknown[];
  /** The workshops' outcomes (`GET /api/risultati-laboratori`); absent from snapshots older than them. */
  outcomes?: unknown[];
}

/** Reads the whole public API of the CMS at `cmsUrl`, one type after the other, in the registry's order. */
export async function takeSnapshot(cmsUrl: string): Promise<Snapshot> {
  const entries: Partial<Record<PublicKey, unknown[]>> = {};
  const uploads: Record<string, string> = {};
  for (const key of PUBLIC_KEYS) {
    const list = await readAll(cmsUrl, key);
    entries[key] = list;
    for (const media of mediaIn(list)) uploads[media.url] ??= Buffer.from(await readUpload(cmsUrl, media.url)).toString('base64');
  }
  return { generatedAt: new Date().toISOString(), cmsUrl, entries: entries as Record<PublicKey, unknown[]>, uploads, ratings: await readRatings(cmsUrl), outcomes: await readOutcomes(cmsUrl) };
}

/** A snapshot file opened for reading; each part is checked when asked for, so a partial file serves what it has. */
export interface SnapshotFile {
  entries(key: PublicKey): unknown[];
  upload(url: string): Uint8Array;
  ratings(): unknown[];
  outcomes(): unknown[];
}

/**
 * Opens a snapshot file. `label` names it in errors (the site says `SITE_SNAPSHOT=<file>`, the variable
 * that chose it); every error says how to make a new one.
 */
export function openSnapshot(file: string, label = file): SnapshotFile {
  let snapshot: Partial<Snapshot>;
  try {
    snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Snapshot>;
  } catch (cause) {
    throw new SnapshotError(`${label} cannot be read as a snapshot (make one with npm run snapshot).`, { cause });
  }
  const missing = (what: string) => new SnapshotError(`${label} has no ${what}: take a new snapshot with npm run snapshot.`);
  return {
    entries(key) {
      const list = snapshot.entries?.[key];
      if (!Array.isArray(list)) throw missing(`"${key}" entries`);
      return list;
    },
    upload(url) {
      if (!snapshot.uploads) throw missing('"uploads"');
      const base64 = snapshot.uploads[url];
      if (base64 === undefined) throw new SnapshotError(`${label} lacks the upload ${url}: take a new snapshot with npm run snapshot.`);
      return Buffer.from(base64, 'base64');
    },
    ratings() {
      if (!Array.isArray(snapshot.ratings)) throw missing('"ratings"');
      return snapshot.ratings;
    },
    outcomes() {
      // A snapshot taken before the outcomes existed has none: no figures, not an error.
      return Array.isArray(snapshot.outcomes) ? snapshot.outcomes : [];
    },
  };
}
