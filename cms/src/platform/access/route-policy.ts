/**
 * The route × role policy: for every route Strapi registers (admin, plugins, content API), who may call
 * it. One table, read twice:
 *
 * - at boot, by access/admin-routes.ts: a Partner reaches only the admin routes declared here for it
 *   (default deny: a route a plugin upgrade adds is closed to Partners until someone declares it);
 * - in test/src/access.test.ts, which enumerates the routes of the running Strapi, fails on any route no
 *   rule declares, and calls each one as the public, two Partners and an Editor against this table.
 *
 * Access: `allow` (the role passes the route's checks), `deny` (401/403, or 404 where the route does not
 * exist for that caller), `own` (only on the caller's own entries or files: Strapi's is-creator condition,
 * and our guards where Strapi forgets it), `content` (decided per content type by CONTENT_ACCESS below).
 * Rules are tried in order; the first whose pattern matches `METHOD /path` (as the router lists it) wins.
 */
import { PUBLIC_KEYS, TYPES } from '@coesione/model';
import { EDITABLE_TYPES, OFFICE_READ_TYPES, PARTNER_RECORD_TYPES, PARTNER_REPORT_TYPES, PARTNER_TYPES, PRIVATE_TYPES, PUBLIC_TYPES, REFERENCE_TYPES } from '../content-types';

export type Access = 'allow' | 'deny' | 'own' | 'content';

export interface RouteRule {
  /** Matched against `METHOD /path`; `*` stands for any run of characters. */
  routes: string[];
  public: Access;
  partner: Access;
  editor: Access;
  /** The content-manager action the route performs, for `content` rules. */
  action?: ContentAction;
  why: string;
}

export type ContentAction = 'read' | 'create' | 'update' | 'delete' | 'publish';

/** What each admin role may do on each of our content types: permissions.ts assigns exactly this at boot. */
export const CONTENT_ACCESS: Record<'partner' | 'editor', Partial<Record<ContentAction, { own?: readonly string[]; all?: readonly string[] }>>> = {
  partner: {
    read: { own: [...PARTNER_TYPES, ...PARTNER_RECORD_TYPES, ...PARTNER_REPORT_TYPES], all: REFERENCE_TYPES },
    create: { own: [...PARTNER_TYPES, ...PARTNER_RECORD_TYPES, ...PARTNER_REPORT_TYPES] },
    update: { own: [...PARTNER_TYPES, ...PARTNER_RECORD_TYPES, ...PARTNER_REPORT_TYPES] },
    // A partner corrects its own records and reports, deleting a wrong one; its proposals an editor deletes.
    delete: { own: [...PARTNER_RECORD_TYPES, ...PARTNER_REPORT_TYPES] },
  },
  // Editors never see need records (PARTNER_RECORD_TYPES is in no list of theirs) and edit no figures.
  editor: {
    read: { all: [...PUBLIC_TYPES, ...PRIVATE_TYPES, ...OFFICE_READ_TYPES] },
    create: { all: [...EDITABLE_TYPES, ...PRIVATE_TYPES] },
    update: { all: [...EDITABLE_TYPES, ...PRIVATE_TYPES] },
    delete: { all: [...EDITABLE_TYPES, ...PRIVATE_TYPES] },
    publish: { all: EDITABLE_TYPES },
  },
};

/** Conditions of ours (access/partner-conditions.ts), as Strapi names a condition registered without a plugin. */
export const OWN_ORGANIZATION = 'api::coesione-own-organization';
export const PACT_PARTY = 'api::coesione-pact-party';
export const OWN_WORKSHOP = 'api::coesione-own-workshop';

/**
 * What a Partner reads beyond its own entries (`read` only: its forms stay on what it created), each with
 * the fields it never sees there. The `content` read routes (the lists, an entry, the relation pickers)
 * honour these like CONTENT_ACCESS; permissions.ts assigns them.
 */
export const PARTNER_SHARED_READS: readonly { subject: string; condition: string; hidden: readonly string[]; why: string }[] = [
  {
    subject: 'api::organization.organization',
    condition: OWN_ORGANIZATION,
    hidden: [],
    why: 'Its own organisation (partner-account → organisation), to pick it as promoter, provider or workshop organisation.',
  },
  {
    subject: 'api::pact.pact',
    condition: PACT_PARTY,
    // A pact a citizen proposed carries the citizen's contacts and receipt; the review note is the proposer's.
    hidden: ['proposerName', 'proposerEmail', 'proposerPhone', 'proposerConsent', 'sourceReceipt', 'stageNote', 'reviewNote', 'returnedAt'],
    why: 'The pacts its organisation is a party to, read-only (pacts/stages.ts: only the office moves them).',
  },
  {
    subject: 'api::workshop.workshop',
    condition: OWN_WORKSHOP,
    hidden: ['reviewNote', 'returnedAt'],
    why: 'The workshops its organisation organises though an editor created them, read-only: to open their bookings and to pick one when reporting a cycle’s outcomes.',
  },
];

const CT = '/content-manager/collection-types/:model';
const all = (access: Access) => ({ public: access, partner: access, editor: access });
const signedIn = (partner: Access, editor: Access = 'allow') => ({ public: 'deny' as const, partner, editor });

export const ROUTE_POLICY: RouteRule[] = [
  // ── Public content API (users-permissions: find/findOne on public types only) ──
  {
    routes: PUBLIC_KEYS.flatMap((key) => [`GET /api/${TYPES[key].rest}`, `GET /api/${TYPES[key].rest}/:id`]),
    ...all('allow'),
    why: 'Published content of the public types, declared filters only (public-query.ts).',
  },
  {
    routes: ['POST /api/submissions', 'GET /api/submissions/status', 'GET /api/submissions/status/:code', 'GET /api/ratings'],
    ...all('allow'),
    why: 'The participation forms: validated, rate-limited, moderated; status by receipt code only.',
  },
  {
    routes: ['POST /api/bookings', 'GET /api/bookings/seats/:workshop', 'GET /api/bookings/manage/:token', 'GET /api/bookings/manage/:token/calendario.ics', 'POST /api/bookings/manage/:token/annulla', 'POST /api/bookings/manage/:token/conferma'],
    ...all('allow'),
    why: 'Workshop bookings without an account: validated, rate-limited, confirmed on a second page; the public reads free seats only, a booking only with its personal link (features/bookings).',
  },
  {
    routes: ['GET /api/attestati/:code', 'GET /api/attestati/scarica/:token'],
    ...all('allow'),
    why: 'A certificate of attendance: its public check by code (initial and surname, workshop, dates, hours only), its PDF by the holder’s personal link (features/bookings/certificates.ts).',
  },
  {
    routes: ['GET /api/iscrizioni', 'POST /api/iscrizioni', 'GET /api/iscrizioni/conferma/:token', 'POST /api/iscrizioni/conferma/:token', 'GET /api/iscrizioni/annulla/:token', 'POST /api/iscrizioni/annulla/:token', 'GET /api/iscrizioni/gestisci/:token', 'POST /api/iscrizioni/gestisci/:token'],
    ...all('allow'),
    why: 'Following a section by e-mail without an account: double opt-in, rate-limited per client and per address; a subscription read or ended only with its link’s keyed token; no route lists or reads the addresses (features/subscriptions).',
  },
  {
    routes: ['GET /api/risultati-laboratori'],
    ...all('allow'),
    why: 'The workshops’ outcomes as figures per workshop and for the district, every figure about people under NEED_MIN_CELL hidden (features/outcomes); the reported cycles and their notes are never read.',
  },
  {
    routes: ['GET /api/health'],
    ...all('allow'),
    why: 'The operators\' probe: database, Meilisearch and outbox state only, no secret, no content, cached briefly (features/health/health.ts).',
  },
  {
    routes: ['GET /api/cerca'],
    ...all('allow'),
    why: 'The site search without JavaScript or Meilisearch: published content only, public fields only, rate-limited (site-search/).',
  },
  {
    routes: ['GET /api/per-te'],
    ...all('allow'),
    why: '«Il mio profilo di opportunità» without JavaScript: published content only, public fields only, the answers neither stored nor logged, rate-limited (features/profile).',
  },
  {
    routes: ['* /api/auth/*', '* /api/connect/*', '* /api/users*', '* /api/users-permissions/*', '* /api/upload*', 'POST /api/email', '* /api/i18n/*', '* /api/content-type-builder/*'],
    ...all('deny'),
    why: 'Citizens have no accounts and nothing else is public: the users-permissions roles hold only find/findOne.',
  },

  // ── Signing in (no session needed) ──
  {
    routes: ['POST /admin/login', 'POST /admin/forgot-password', 'POST /admin/reset-password', 'GET /admin/registration-info', 'POST /admin/register'],
    ...all('allow'),
    why: 'Strapi’s own sign-in, invitation and password-reset flow, limited per address (auth-rate-limit).',
  },
  { routes: ['POST /admin/register-admin'], ...all('allow'), why: 'Open to anyone only while no admin exists: since the seed created one, Strapi answers 400 to every caller.' },
  { routes: ['GET /admin/init', 'GET /admin/project-type'], ...all('allow'), why: 'What the sign-in page shows (logo, project name); no data.' },
  { routes: ['GET /content-manager/preview/script'], ...all('allow'), why: 'A static script Strapi serves for preview pages; no data.' },
  { routes: ['POST /admin/access-token'], ...all('deny'), why: 'Exchanges the refresh cookie of a signed-in session for an access token: without that cookie it answers 401 whoever calls.' },

  // ── Every signed-in admin user ──
  {
    routes: ['GET /admin/users/me', 'PUT /admin/users/me', 'GET /admin/users/me/permissions', 'GET /admin/users/me/sessions', 'DELETE /admin/users/me/sessions', 'DELETE /admin/users/me/sessions/:sessionId', 'POST /admin/logout'],
    ...signedIn('allow'),
    why: 'The user’s own profile, password, permissions and sessions.',
  },
  {
    routes: ['POST /admin/permissions/check', 'GET /admin/guided-tour-meta', 'GET /admin/homepage/layout', 'PUT /admin/homepage/layout', 'GET /admin/information', 'GET /admin/telemetry-properties', 'GET /admin/license-trial-time-left'],
    ...signedIn('allow'),
    why: 'What the admin shell asks for itself: the user’s own permission checks, tour state, home layout.',
  },
  { routes: ['GET /admin/homepage/key-statistics'], ...signedIn('allow'), why: 'The home page’s counters (entries, files, locales, admin users): numbers only, and the partner’s home asks for them.' },
  { routes: ['GET /admin/plugins', 'GET /admin/project-settings'], ...signedIn('deny', 'deny'), why: 'Settings → Plugins and the project’s logo and name: the super admin’s.' },
  { routes: ['GET /admin/permissions', 'GET /admin/content-api/permissions', 'GET /admin/content-api/routes'], ...signedIn('deny'), why: 'The catalogue of actions and routes Strapi offers (no data), which the editors’ settings pages read.' },

  // ── Administration (Strapi’s own RBAC: the super admin only; editors and partners refused) ──
  {
    routes: ['* /admin/users', '* /admin/users/:id', 'POST /admin/users/batch-delete', '* /admin/roles*', 'GET /admin/permissions', '* /admin/api-tokens*', '* /admin/admin-tokens*',
      '* /admin/webhooks*', '* /admin/transfer/*', 'POST /admin/project-settings', '* /content-type-builder/*',
      '* /users-permissions/*', '* /email*', 'GET /upload/settings', 'PUT /upload/settings', 'PUT /i18n/settings',
      'POST /i18n/locales', 'PUT /i18n/locales/:id', 'DELETE /i18n/locales/:id', 'GET /i18n/iso-locales'],
    ...signedIn('deny', 'deny'),
    why: 'Users, roles, tokens, webhooks, schema, plugin settings: the super admin’s, never a role’s.',
  },

  // ── Content manager ──
  {
    routes: ['GET /content-manager/init', 'GET /content-manager/content-types', 'GET /content-manager/components', 'GET /content-manager/content-types-settings',
      'GET /content-manager/content-types/:uid/configuration', 'GET /content-manager/components/:uid/configuration', 'POST /content-manager/uid/generate',
      'POST /content-manager/uid/check-availability', 'GET /i18n/locales', 'POST /i18n/content-manager/actions/get-non-localized-fields',
      'GET /i18n/settings', 'GET /content-manager/homepage/count-documents', 'GET /content-manager/homepage/recent-documents'],
    ...signedIn('allow'),
    why: 'The content manager’s own metadata and helpers; entries are filtered by each user’s permissions.',
  },
  {
    routes: ['PUT /content-manager/content-types/:uid/configuration', 'PUT /content-manager/components/:uid/configuration'],
    ...signedIn('deny', 'deny'),
    why: 'The edit and list layouts (configure-view): the super admin’s, as in Strapi’s Editor role.',
  },
  { routes: ['* /content-manager/single-types/*', '* /content-manager/preview/*', 'GET /i18n/content-manager/get-fill-from-locale/:model'], ...signedIn('deny', 'deny'), why: 'No single types, previews or second locales exist (the district writes in Italian): Strapi refuses every model here.' },
  { routes: ['GET /admin/ai-feature-config', 'GET /i18n/ai-localization-jobs/*'], ...signedIn('allow'), why: 'The admin asks on every page whether AI features are on: they are off, and these answer 404.' },
  { routes: ['GET /admin/ai-*', '* /upload/ai-*', 'POST /upload/actions/generate-ai-metadata'], ...signedIn('deny'), why: 'AI features need Strapi Cloud and are off: for editors the routes answer 404 or 400.' },
  { routes: [`GET ${CT}`, `GET ${CT}/:id`, `GET ${CT}/:id/actions/countDraftRelations`, `GET ${CT}/actions/countManyEntriesDraftRelations`, `POST ${CT}/actions/bulkFindForValidation`, 'GET /content-manager/relations/:model/:id/:targetField', 'GET /content-manager/relations/:model/:targetField'], ...signedIn('content', 'content'), action: 'read', why: 'Reading entries: the partner its own, the editor all.' },
  { routes: [`POST ${CT}`], ...signedIn('content', 'content'), action: 'create', why: 'Creating entries as drafts.' },
  { routes: [`POST ${CT}/clone/:sourceId`, `POST ${CT}/auto-clone/:sourceId`], ...signedIn('content', 'content'), action: 'create', why: 'A clone needs read on the source as well as create (access/admin-routes.ts adds the missing check).' },
  { routes: [`PUT ${CT}/:id`, `POST ${CT}/:id/actions/discard`], ...signedIn('content', 'content'), action: 'update', why: 'Editing entries: the partner its own drafts.' },
  { routes: [`DELETE ${CT}/:id`, `POST ${CT}/actions/bulkDelete`], ...signedIn('content', 'content'), action: 'delete', why: 'Deleting: editors only.' },
  { routes: [`POST ${CT}/:id/actions/publish`, `POST ${CT}/:id/actions/unpublish`, `POST ${CT}/actions/publish`, `POST ${CT}/actions/bulkPublish`, `POST ${CT}/actions/bulkUnpublish`], ...signedIn('content', 'content'), action: 'publish', why: 'Publishing: editors only.' },

  // ── Need records (src/features/needs): the partner's own template, import, figures and summary ──
  {
    routes: ['GET /coesione-needs/template.csv', 'GET /coesione-needs/codes.csv', 'POST /coesione-needs/import/preview', 'POST /coesione-needs/import', 'POST /coesione-needs/import/undo', 'GET /coesione-needs/figures.csv', 'GET /coesione-needs/summary'],
    ...signedIn('allow', 'deny'),
    why: 'A partner previews, imports (confirming the preview), undoes its last import and reads back its own need records (audited), always of its own organisation; editors never see records.',
  },
  { routes: ['GET /coesione-needs/reporting'], ...signedIn('deny', 'allow'), why: 'Which bodies sent their need records of a month, and when: the office follows up late ones; no record, no person, and partners do not see each other.' },

  // ── Media library ──
  { routes: ['GET /upload/configuration', 'GET /upload/folders', 'GET /upload/folders/:id', 'GET /upload/folder-structure'], ...signedIn('allow'), why: 'The media library’s view settings and folder names.' },
  { routes: ['POST /upload'], ...signedIn('allow'), why: 'Uploading a new file (or replacing one’s own: the upload plugin checks is-creator on ?id=).' },
  { routes: ['GET /upload/files', 'GET /upload/files/:id', 'PUT /upload/files/:id', 'POST /upload/actions/bulk-delete', 'POST /upload/actions/bulk-move', 'POST /upload/actions/bulk-update'], ...signedIn('own'), why: 'A partner sees and changes only the files it uploaded; bulk actions are checked file by file (admin-routes.ts).' },
  { routes: ['DELETE /upload/files/:id', 'POST /upload/folders', 'PUT /upload/folders/:id'], ...signedIn('deny'), why: 'Deleting files and arranging folders: editors.' },
  { routes: ['PUT /upload/configuration'], ...signedIn('deny'), why: 'The media library’s columns and sort order: editors (Strapi’s configure-view).' },
  { routes: ['POST /upload/actions/upload-from-urls', 'POST /upload/files', 'POST /upload/files/:id/replace'], ...signedIn('deny'), why: 'The server fetching a URL given by a partner is a request forgery risk; the other two are unused by the admin.' },

  // ── Work queues and returns of the admin home page (issue 16, cms/src/features/review/) ──
  { routes: ['GET /admin/coesione/queue'], ...signedIn('own'), why: 'The home page’s queue: an editor’s work, or only the partner’s own organisation’s proposals.' },
  { routes: ['GET /admin/coesione/review/:type/:documentId'], ...signedIn('own'), why: 'Where a proposal stands and the editor’s note: a partner only on its own organisation’s entries (403 otherwise).' },
  { routes: ['POST /admin/coesione/review/:type/:documentId/return'], ...signedIn('deny'), why: 'Sending a partner’s draft back with a note: editors only.' },
  { routes: ['GET /admin/coesione/bookings/workshop/:documentId'], ...signedIn('own'), why: 'A workshop’s sessions with seats taken, waiting and present (counts, no names): a partner only for its organisation’s workshops (403 otherwise).' },
  { routes: ['POST /admin/coesione/bookings/certificates/:documentId'], ...signedIn('own'), why: 'Issuing the certificates of attendance due: a partner only for its organisation’s workshops (403 otherwise).' },
  { routes: ['POST /admin/coesione/bookings/cancel-session/:documentId'], ...signedIn('own'), why: 'Cancelling a session still to come, its bookings with it (each person told): a partner only for its organisation’s workshops (403 otherwise).' },
  { routes: ['GET /admin/coesione/bookings/roll/:documentId'], ...signedIn('own'), why: 'The roll call of a session (names, seats, accessibility needs, who came): its organiser only, a partner for its organisation’s workshops (403 otherwise).' },
  { routes: ['POST /admin/coesione/bookings/attendance'], ...signedIn('allow'), why: 'Marking present by the code a person shows: a partner only on its organisation’s workshops (another’s code answers as unknown).' },

  // ── The daily e-mail of the work queue (cms/src/features/queue-mail/) ──
  { routes: ['GET /admin/coesione/notifications/me', 'PUT /admin/coesione/notifications/me'], ...signedIn('allow'), why: 'Each admin user reads and sets only its own choice of the daily e-mail («ogni giorno» or «mai»): the routes take no user id.' },

  // ── The «Sul sito» panel of the edit view (cms/src/platform/site/) ──
  { routes: ['GET /admin/coesione/site'], ...signedIn('allow'), why: 'The public site’s URL and when it was last asked to rebuild: public facts, no entry, no identity.' },

  // ── «Posta di prova», the local mailbox (cms/src/platform/mail/routes.ts) ──
  {
    routes: ['GET /admin/coesione/mailbox', 'GET /admin/coesione/mailbox/:id'],
    ...signedIn('deny', 'deny'),
    why: 'The messages the CMS would have sent (names, addresses, personal links), written locally without SMTP_URL: the super admin’s only, its own check refusing any other role too; 404 with SMTP_URL set.',
  },

  // ── Outside the routers’ tables ──
  { routes: ['* /_health', 'GET /', 'GET /uploads/*', 'GET /((?!uploads/).+)'], ...all('allow'), why: 'Health check, Strapi’s landing page, uploaded files (public by URL, like the site’s images) and cms/public (robots.txt).' },
];

const compiled = ROUTE_POLICY.map((rule) => ({
  rule,
  patterns: rule.routes.map((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)),
}));

/** The rule that declares `METHOD /path`, or undefined for an undeclared route. */
export function ruleFor(method: string, path: string): RouteRule | undefined {
  const key = `${method.toUpperCase()} ${path}`;
  return compiled.find(({ patterns }) => patterns.some((p) => p.test(key)))?.rule;
}
