import { ensureCmsBuilt } from '../../../scripts/src/lib/strapi.ts';

/**
 * Builds the CMS once, admin panel included, before any test file runs: the start test serves the
 * admin, and a build during the run would rewrite cms/dist under the other files' Strapi instances.
 * Later runs reuse the build while the CMS sources are unchanged.
 */
export default async function setup(): Promise<void> {
  await ensureCmsBuilt();
}
