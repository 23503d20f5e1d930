/**
 * Build-time settings of the participation pages (page frontmatter only: this reads the build's
 * environment and the content collections, never shipped to the browser).
 */
import { DEFAULT_TILE_URL } from '~/integrations/csp-headers';
import { publicCmsUrl } from '~/integrations/netlify-redirects';
import { DEFAULT_MAP_ATTRIBUTION } from '../map/tiles';

/** The CMS as the browser reaches it: PUBLIC_CMS_URL, else the CMS the build read (CMS_URL). */
export function cmsPublicUrl(): string {
  return publicCmsUrl({ PUBLIC_CMS_URL: import.meta.env.PUBLIC_CMS_URL, CMS_URL: process.env.CMS_URL });
}

/** Map tiles for the point picker; the attribution is HTML (Leaflet's attribution control). */
export function mapTiles(): { tileUrl: string; attribution: string } {
  return {
    tileUrl: import.meta.env.PUBLIC_MAP_TILE_URL || DEFAULT_TILE_URL,
    attribution: import.meta.env.PUBLIC_MAP_ATTRIBUTION || DEFAULT_MAP_ATTRIBUTION,
  };
}
