/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Meilisearch as the browser reaches it. */
  readonly PUBLIC_MEILISEARCH_URL?: string;
  /** The search-only key (it can only search the public index). */
  readonly PUBLIC_SEARCH_KEY?: string;
  /** The CMS as the browser reaches it (participation forms); defaults to CMS_URL. */
  readonly PUBLIC_CMS_URL?: string;
  /** Map tile URL template and its attribution; default OpenStreetMap's standard tiles. */
  readonly PUBLIC_MAP_TILE_URL?: string;
  readonly PUBLIC_MAP_ATTRIBUTION?: string;
}
