/**
 * Where the site build reads published content: a snapshot file (SITE_SNAPSHOT) or the CMS's public
 * REST API (CMS_URL, default http://127.0.0.1:1337), both through @coesione/cms-client. The one place the
 * site reads those settings; the loaders (loader.ts, ratings.ts) read through it.
 */
import { CmsUnreachableError, openSnapshot, readAll, readOutcomes as outcomesOfCms, readRatings as ratingsOfCms, readUpload, type SnapshotFile } from '@coesione/cms-client';
import type { PublicKey } from '@coesione/model';
import { localizeUploads } from './uploads.ts';

export class CmsSourceError extends Error {
  override name = 'CmsSourceError';
}

// Read once per build: every collection's loader asks for its part of the same file.
let opened: { file: string; snapshot: SnapshotFile } | undefined;

function source(): { cmsUrl: string; snapshot: SnapshotFile | undefined } {
  const file = process.env.SITE_SNAPSHOT;
  const cmsUrl = process.env.CMS_URL ?? 'http://127.0.0.1:1337';
  if (!file) return { cmsUrl, snapshot: undefined };
  if (opened?.file !== file) opened = { file, snapshot: openSnapshot(file, `SITE_SNAPSHOT=${file}`) };
  return { cmsUrl, snapshot: opened.snapshot };
}

/** A read from the CMS; when nothing answers, the error says what to do (the build fails with it). */
async function fromCms<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CmsUnreachableError) throw new CmsSourceError(`${error.message} Start it (npm start), set CMS_URL, or build from a snapshot with SITE_SNAPSHOT.`, { cause: error });
    throw error;
  }
}

/** The published entries of a type, their uploads copied into the build's cache (uploads.ts). */
export async function readEntries(key: PublicKey): Promise<unknown[]> {
  const { cmsUrl, snapshot } = source();
  const entries = snapshot ? snapshot.entries(key) : await fromCms(() => readAll(cmsUrl, key));
  await localizeUploads(entries, async (url) => (snapshot ? snapshot.upload(url) : fromCms(() => readUpload(cmsUrl, url))));
  return entries;
}

/** The rating aggregates (ratings.ts), from the same source as the entries. */
export async function readRatings(): Promise<unknown[]> {
  const { cmsUrl, snapshot } = source();
  return snapshot ? snapshot.ratings() : fromCms(() => ratingsOfCms(cmsUrl));
}

/** The workshops' outcomes (outcomes.ts), from the same source as the entries. */
export async function readOutcomes(): Promise<unknown[]> {
  const { cmsUrl, snapshot } = source();
  return snapshot ? snapshot.outcomes() : fromCms(() => outcomesOfCms(cmsUrl));
}

