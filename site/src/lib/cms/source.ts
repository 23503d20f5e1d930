/**
 * Where the site build reads published content: a snapshot file (SITE_SNAPSHOT) or the CMS's public
 * REST API (CMS_URL, default http://127.0.0.1:1337). The one place the site talks to Strapi.
 */
import fs from 'node:fs';
import { localizeUploads, mediaIn } from './uploads.ts';
import { ratingsFromCms } from './ratings.ts';

export const API_PATHS = {
  practice: 'practices',
  opportunity: 'opportunities',
  regulation: 'regulations',
  'training-material': 'training-materials',
  workshop: 'workshops',
  organization: 'organizations',
  municipality: 'municipalities',
  theme: 'themes',
  'target-group': 'target-groups',
} as const;
export type CmsType = keyof typeof API_PATHS;

export class CmsSourceError extends Error {
  override name = 'CmsSourceError';
}

interface Snapshot {
  generatedAt: string;
  cmsUrl: string;
  entries: Record<CmsType, unknown[]>;
  /** The bytes of every upload the entries refer to, base64, by URL: a snapshot builds with no CMS at all. */
  uploads: Record<string, string>;
  /** Rating aggregates (`GET /api/ratings`, ratings.ts). */
  ratings: unknown[];
}

let snapshot: Partial<Snapshot> | undefined;

/** The snapshot file (SITE_SNAPSHOT), read once per build; `part` names what the caller needs of it. */
export function snapshotPart<K extends keyof Snapshot>(file: string, part: K, what = `"${part}"`): NonNullable<Snapshot[K]> {
  if (!snapshot) {
    try {
      snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Snapshot>;
    } catch (cause) {
      throw new CmsSourceError(`SITE_SNAPSHOT=${file} cannot be read as a snapshot (make one with npm run snapshot).`, { cause });
    }
  }
  const value = snapshot[part];
  if (value === undefined || value === null) throw new CmsSourceError(`SITE_SNAPSHOT=${file} has no ${what}: take a new snapshot with npm run snapshot.`);
  return value as NonNullable<Snapshot[K]>;
}

function fromSnapshot(file: string, type: CmsType): unknown[] {
  const entries = snapshotPart(file, 'entries', `"${type}" entries`)[type];
  if (!Array.isArray(entries)) throw new CmsSourceError(`SITE_SNAPSHOT=${file} has no "${type}" entries: take a new snapshot with npm run snapshot.`);
  return entries;
}

/** One list of the public API: its `data`, and how many pages there are; any failure names the URL. */
export async function getList(cmsUrl: string, path: string): Promise<{ data: unknown[]; pageCount: number }> {
  const url = `${cmsUrl}${path}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { connection: 'close' } });
  } catch (cause) {
    throw new CmsSourceError(`The CMS does not answer at ${cmsUrl} (${url}). Start it (npm start), set CMS_URL, or build from a snapshot with SITE_SNAPSHOT.`, { cause });
  }
  if (!res.ok) throw new CmsSourceError(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  const body = (await res.json()) as { data?: unknown; meta?: { pagination?: { pageCount?: number } } };
  if (!Array.isArray(body.data)) throw new CmsSourceError(`GET ${url} returned no "data" list.`);
  return { data: body.data, pageCount: body.meta?.pagination?.pageCount ?? 1 };
}

export async function fromCms(cmsUrl: string, type: CmsType): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const list = await getList(cmsUrl, `/api/${API_PATHS[type]}?pagination[page]=${page}&pagination[pageSize]=100`);
    all.push(...list.data);
    pageCount = list.pageCount;
  }
  return all;
}

async function uploadFromCms(cmsUrl: string, url: string): Promise<Uint8Array> {
  const res = await fetch(`${cmsUrl}${url}`, { headers: { connection: 'close' } }).catch((cause: unknown) => {
    throw new CmsSourceError(`The CMS does not answer at ${cmsUrl} for the upload ${url}.`, { cause });
  });
  if (!res.ok) throw new CmsSourceError(`GET ${cmsUrl}${url} (an upload an entry refers to) answered ${res.status}.`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The published entries of a type, their uploads copied into the build's cache (uploads.ts). */
export async function readEntries(type: CmsType): Promise<unknown[]> {
  const file = process.env.SITE_SNAPSHOT;
  const cmsUrl = process.env.CMS_URL ?? 'http://127.0.0.1:1337';
  const entries = file ? fromSnapshot(file, type) : await fromCms(cmsUrl, type);
  await localizeUploads(entries, async (url) => {
    if (!file) return uploadFromCms(cmsUrl, url);
    const base64 = snapshotPart(file, 'uploads')[url];
    if (base64 === undefined) throw new CmsSourceError(`SITE_SNAPSHOT=${file} lacks the upload ${url}: take a new snapshot with npm run snapshot.`);
    return Buffer.from(base64, 'base64');
  });
  return entries;
}

/** Every published entry of every type, as the public API returns it, with its uploads: what SITE_SNAPSHOT reads. */
export async function takeSnapshot(cmsUrl: string): Promise<Snapshot> {
  const entries = {} as Record<CmsType, unknown[]>;
  const uploads: Record<string, string> = {};
  for (const type of Object.keys(API_PATHS) as CmsType[]) {
    entries[type] = await fromCms(cmsUrl, type);
    for (const media of mediaIn(entries[type])) uploads[media.url] ??= Buffer.from(await uploadFromCms(cmsUrl, media.url)).toString('base64');
  }
  return { generatedAt: new Date().toISOString(), cmsUrl, entries, uploads, ratings: await ratingsFromCms(cmsUrl) };
}
