/**
 * The tile server's attribution when PUBLIC_MAP_ATTRIBUTION is not set: OpenStreetMap requires it with a
 * link to its copyright page. The default URL itself is DEFAULT_TILE_URL in integrations/csp-headers.ts,
 * where the Content-Security-Policy allows its origin.
 */
export const DEFAULT_MAP_ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
