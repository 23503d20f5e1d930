/**
 * The public site as citizens meet it, on one booted stack (support/public-stack.ts: Meilisearch, a Strapi on
 * the seeded demo, the index, one site build, one Chromium), shared by the suites below, which used to boot their own:
 *
 * - public/site.ts: the build itself (from the CMS and from a snapshot), pages without JavaScript, feeds,
 *   open data, the need figures and the pact register, and the page checks (reflow, Nu, pa11y);
 * - public/map.ts: the map of places in Chromium;
 * - public/search-ui.ts: the search page, the no-JS results and Meilisearch stopped;
 * - public/booking-ui.ts: booking a workshop's session on a phone, with and without JavaScript, and its
 *   free seats on its page and in the workshops' list;
 * - public/certificate-ui.ts: checking a certificate of attendance by its code on a phone, through the page
 *   the site proxies to the CMS;
 * - public/subscription-ui.ts: following the opportunities by e-mail on a phone with JavaScript off, from the
 *   list's link to the message of a new opportunity and the unsubscribe;
 * - public/profile-ui.ts: «Il mio profilo di opportunità» on a phone, answered in the browser without sending
 *   the answers anywhere, and the same results from the CMS with JavaScript off;
 * - public/participation-ui.ts: the participation forms; last, because its pact journey writes and rebuilds.
 *
 * The order of the imports is the order the suites run in. One suite alone: `-t '<its first describe>'`.
 */
import './public/site.ts';
import './public/map.ts';
import './public/search-ui.ts';
import './public/booking-ui.ts';
import './public/certificate-ui.ts';
import './public/subscription-ui.ts';
import './public/profile-ui.ts';
import './public/participation-ui.ts';
