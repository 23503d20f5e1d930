/**
 * The site's search as a CMS route: the results page of /cerca/ for a browser with no JavaScript, and
 * the island's answer when Meilisearch fails (JSON). Public, read-only, rate-limited per client.
 */
export default {
  routes: [{ method: 'GET', path: '/cerca', handler: 'site-search.search', config: { auth: false } }],
};
