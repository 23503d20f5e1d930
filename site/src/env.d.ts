/// <reference types="astro/client" />

interface ImportMetaEnv {
  /** Meilisearch as the browser reaches it. */
  readonly PUBLIC_MEILISEARCH_URL?: string;
  /** The search-only key (it can only search the public index). */
  readonly PUBLIC_SEARCH_KEY?: string;
}
