/**
 * The public site as the CMS knows it: where it is, and how a publish reaches it (the rebuild hook,
 * its debounce, and how long a build typically takes). Defaults are docs/configuration.md's.
 */
import { envNumber } from '../security';

export interface SiteOptions {
  /** The public site's origin, without a trailing slash. */
  url: string;
  /** The build hook a publish POSTs to; undefined when the site is rebuilt by other means. */
  hookUrl: string | undefined;
  /** A burst of publishes within this time costs one rebuild. */
  debounceMs: number;
  /** A typical build and deploy of the site, for the delay the admin announces (not a timeout). */
  buildMs: number;
}

export const siteUrl = (env: NodeJS.ProcessEnv = process.env): string => (env.SITE_URL || 'http://127.0.0.1:4321').replace(/\/+$/, '');

export function siteOptions(env: NodeJS.ProcessEnv = process.env): SiteOptions {
  return {
    url: siteUrl(env),
    // NETLIFY_BUILD_HOOK_URL is the name Netlify's documentation uses; either works.
    hookUrl: env.SITE_REBUILD_HOOK_URL || env.NETLIFY_BUILD_HOOK_URL || undefined,
    debounceMs: envNumber(env.SITE_REBUILD_DEBOUNCE_MS, 2000),
    // A Netlify build of the district's site (install cache warm, a few thousand pages) takes about a minute.
    buildMs: envNumber(env.SITE_BUILD_ESTIMATE_MS, 60_000),
  };
}
