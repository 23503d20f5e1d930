/**
 * «Il mio profilo di opportunità» as a CMS route: the results page of the site's /per-te/ for a browser without
 * JavaScript (with JavaScript the page answers in the browser and asks nothing). Public, read-only,
 * stores nothing, rate-limited per client.
 */
export default {
  routes: [{ method: 'GET', path: '/per-te', handler: 'profile.show', config: { auth: false } }],
};
