/**
 * Build-time settings of the participation pages (page frontmatter only: this reads the build's
 * environment and the content collections, never shipped to the browser).
 */
import { getCollection } from 'astro:content';
import type { z } from 'astro/zod';
import type { schemas } from '../../lib/cms/schemas';
import { DEFAULT_TILE_URL } from '../../integrations/csp-headers';
import { DEFAULT_MAP_ATTRIBUTION } from '../map/tiles';

/** The CMS as the browser reaches it: PUBLIC_CMS_URL, else the CMS the build read (CMS_URL). */
export function cmsPublicUrl(): string {
  const url = import.meta.env.PUBLIC_CMS_URL || process.env.CMS_URL || 'http://127.0.0.1:1337';
  return url.replace(/\/+$/, '');
}

/** Map tiles for the point picker; the attribution is HTML (Leaflet's attribution control). */
export function mapTiles(): { tileUrl: string; attribution: string } {
  return {
    tileUrl: import.meta.env.PUBLIC_MAP_TILE_URL || DEFAULT_TILE_URL,
    attribution: import.meta.env.PUBLIC_MAP_ATTRIBUTION || DEFAULT_MAP_ATTRIBUTION,
  };
}

export interface ComuneOption {
  istat: string;
  name: string;
  lat: number;
  lng: number;
}

/** The comuni published in the CMS, by name, for the forms' selects and the map. */
export async function comuniOptions(): Promise<ComuneOption[]> {
  // Typed from the Zod schema, so type checks need no generated Astro types (as in lib/content.ts).
  const municipalities = (await getCollection('municipalities')) as { data: z.infer<typeof schemas.municipality> }[];
  return municipalities
    .map((m) => ({ istat: m.data.istatCode, name: m.data.name, lat: m.data.latitude, lng: m.data.longitude }))
    .sort((a, b) => a.name.localeCompare(b.name, 'it'));
}
