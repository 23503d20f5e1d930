/**
 * What the CMS tells the admin about the public site (`GET /admin/coesione/site`), and how the admin
 * words it: one contract for the CMS route and the «Sul sito» panel of the edit view.
 */

export interface SiteStatus {
  /** The public site's origin, without a trailing slash (SITE_URL). */
  url: string;
  /** Whether a publish asks for a rebuild by itself (a rebuild hook is configured). */
  rebuildsOnPublish: boolean;
  /** Seconds from a publish to the page on the site: the rebuild's debounce plus a typical build. */
  updateWithinSeconds: number;
  /** When the CMS last asked for a rebuild and the hook accepted it (ISO), or null if never. */
  lastRebuildRequestedAt: string | null;
  /** When a rebuild already asked for will be requested (ISO), or null if none is waiting. */
  rebuildDueAt: string | null;
}

/**
 * «circa 25 secondi», «circa un minuto», «circa 3 minuti»: rounded up, because a page that shows up
 * earlier than promised surprises nobody and one that shows up later looks broken.
 */
export function aboutDelay(seconds: number): string {
  const fives = Math.max(1, Math.ceil(seconds / 5)) * 5;
  if (fives < 60) return `circa ${fives} secondi`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'circa un minuto' : `circa ${minutes} minuti`;
}
