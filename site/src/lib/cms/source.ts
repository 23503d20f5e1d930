/**
 * Where the site build reads published content: a snapshot file (SITE_SNAPSHOT) or the CMS's public
 * REST API (CMS_URL, default http://127.0.0.1:1337). The one place the site talks to Strapi.
 */
import fs from 'node:fs';

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

let snapshot: { entries: Partial<Record<CmsType, unknown[]>> } | undefined;

function fromSnapshot(file: string, type: CmsType): unknown[] {
  if (!snapshot) {
    try {
      snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof snapshot;
    } catch (cause) {
      throw new CmsSourceError(`SITE_SNAPSHOT=${file} cannot be read as a snapshot (make one with npm run snapshot).`, { cause });
    }
  }
  const entries = snapshot?.entries?.[type];
  if (!Array.isArray(entries)) throw new CmsSourceError(`SITE_SNAPSHOT=${file} has no "${type}" entries: take a new snapshot with npm run snapshot.`);
  return entries;
}

export async function fromCms(cmsUrl: string, type: CmsType): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let page = 1, pageCount = 1; page <= pageCount; page++) {
    const url = `${cmsUrl}/api/${API_PATHS[type]}?pagination[page]=${page}&pagination[pageSize]=100`;
    let res: Response;
    try {
      res = await fetch(url, { headers: { connection: 'close' } });
    } catch (cause) {
      throw new CmsSourceError(`The CMS does not answer at ${cmsUrl} (${url}). Start it (npm start), set CMS_URL, or build from a snapshot with SITE_SNAPSHOT.`, { cause });
    }
    if (!res.ok) throw new CmsSourceError(`GET ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    const body = (await res.json()) as { data?: unknown; meta?: { pagination?: { pageCount?: number } } };
    if (!Array.isArray(body.data)) throw new CmsSourceError(`GET ${url} returned no "data" list.`);
    all.push(...body.data);
    pageCount = body.meta?.pagination?.pageCount ?? 1;
  }
  return all;
}

export async function readEntries(type: CmsType): Promise<unknown[]> {
  const file = process.env.SITE_SNAPSHOT;
  return file ? fromSnapshot(file, type) : fromCms(process.env.CMS_URL ?? 'http://127.0.0.1:1337', type);
}

/** Every published entry of every type, as the public API returns it: what SITE_SNAPSHOT reads. */
export async function takeSnapshot(cmsUrl: string): Promise<{ generatedAt: string; cmsUrl: string; entries: Record<CmsType, unknown[]> }> {
  const entries = {} as Record<CmsType, unknown[]>;
  for (const type of Object.keys(API_PATHS) as CmsType[]) entries[type] = await fromCms(cmsUrl, type);
  return { generatedAt: new Date().toISOString(), cmsUrl, entries };
}
