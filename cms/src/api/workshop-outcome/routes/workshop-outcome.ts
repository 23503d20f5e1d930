/**
 * Custom public route only: the outcomes are read as figures under the small-cell rule; no find, findOne
 * or write exists for the reported cycles, whatever the public role's permissions say.
 */
export default {
  routes: [{ method: 'GET', path: '/risultati-laboratori', handler: 'workshop-outcome.figures', config: { auth: false } }],
};
