/**
 * The route × role matrix: every route the running Strapi registers, held to the declared policy
 * (cms/src/platform/access/route-policy.ts), as the public, a Partner and an Editor (support/access.ts); a
 * route no rule declares fails the test. Its own file, on its own CMS: its allowed calls change settings,
 * and its thousand requests run beside the other access suites.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import { ruleFor, CONTENT_ACCESS, cms, PRACTICE, PACT, CM, call, login, tokens, vercelli, draftBy, uploadBy, type RouteRule, type Access, type ContentAction, useAccessFixture } from './support/access.ts';

useAccessFixture();

// ── The route × role matrix (last: its allowed calls change settings) ──────────────────────────────────────────────────────────────────────

type Caller = 'public' | 'partner' | 'editor';
type Target = 'own' | 'other';

/** The models a `:model` route is tried on: one of each kind. */
const NEED_RECORD = 'api::need-record.need-record';
const MODELS = { [PRACTICE]: 'partner type', [PACT]: 'partner type with stages', 'api::theme.theme': 'reference', 'api::submission.submission': 'private', 'api::partner-account.partner-account': 'private', 'api::booking.booking': 'private, read-only for the office', 'api::workshop-outcome.workshop-outcome': 'partner reports, managed by the office', [NEED_RECORD]: 'partner records', 'api::need-figure.need-figure': 'computed' } as const;
const RELATION_FIELD: Record<string, string> = { [PRACTICE]: 'themes', [PACT]: 'themes', 'api::theme.theme': 'practices', 'api::submission.submission': 'comune', 'api::partner-account.partner-account': 'organization', 'api::workshop-outcome.workshop-outcome': 'workshop', [NEED_RECORD]: 'municipality' };

/** A need record entered in the admin by `token`'s partner. */
async function recordBy(token: string): Promise<string> {
  const casa = await cms.strapi.db.query('api::need-category.need-category').findOne({ where: { slug: 'casa' } });
  const res = await call('POST', `${CM}/${NEED_RECORD}`, { token, body: { month: '2026-10', ageBand: 'eta_30_49', municipality: vercelli, categories: [casa.documentId] } });
  expect(res.status, res.text).toBe(201);
  return res.json.data.documentId;
}

/** A cycle's outcomes entered in the admin by `token` (a partner: of its organisation's workshop, the seed's). */
const OUTCOME = 'api::workshop-outcome.workshop-outcome';
async function outcomeBy(token: string): Promise<string> {
  const workshop = (await cms.strapi.documents('api::workshop.workshop').findFirst({ filters: { slug: 'restauro-mobili-borgosesia' }, fields: ['documentId'] } as never))!.documentId;
  const res = await call('POST', `${CM}/${OUTCOME}`, { token, body: { workshop: { connect: [{ documentId: workshop }] }, cycleStart: '2026-01-10', cycleEnd: '2026-03-10', participants: 8 } });
  expect(res.status, res.text).toBe(201);
  return res.json.data.documentId;
}

/** What the policy expects of `caller` on `model` (for `content` rules) and `target`. */
function expected(rule: RouteRule, caller: Caller, model: string, target: Target, hasTarget: boolean): 'allow' | 'deny' {
  let access: Access = rule[caller];
  if (access === 'content') {
    if (caller === 'public') return 'deny';
    const grant = CONTENT_ACCESS[caller][rule.action as ContentAction];
    access = grant?.all?.includes(model) ? 'allow' : grant?.own?.includes(model) ? 'own' : 'deny';
  }
  // On a list or a creation `own` means allowed, filtered to the caller's own entries.
  if (access === 'own') return target === 'own' || !hasTarget ? 'allow' : 'deny';
  return access;
}

const refused = (status: number) => status === 401 || status === 403;

interface Cell {
  route: string;
  caller: Caller;
  model: string;
  target: Target;
  want: 'allow' | 'deny';
  got: number;
  /** An allowed read with real parameters (no placeholder): it must succeed and carry data, not merely pass the gate. */
  mustSucceed: boolean;
  /** For such a read: why its answer does not carry what it should, or undefined. */
  empty?: string;
}

/**
 * The reads whose «allowed» must be a success that carries the entries, not merely a pass through the role
 * gate: lists and entries of the content manager, relation pickers, the content API's lists and the
 * platform's own admin routes. (Strapi's other helpers answer 204, 400 or 404 to the matrix's placeholder
 * queries: for those, allowed stays «not refused».)
 */
const MUST_CARRY = [
  /^GET \/content-manager\/collection-types\/:model(\/:id)?$/,
  /^GET \/content-manager\/relations\/:model\/:id\/:targetField$/,
  /^GET \/api\/[a-z-]+$/,
  /^GET \/coesione-needs\//,
  /^GET \/admin\/coesione\/(queue|site)$/,
];

describe('the route × role matrix', () => {
  it('declares a policy for every route Strapi registers, and every role gets what the policy says', async () => {
    const routes = cms.strapi.server
      .listRoutes()
      .filter((layer) => layer.methods.length > 0)
      .flatMap((layer: { methods: string[]; path: string }) => layer.methods.filter((m: string) => m !== 'HEAD').slice(0, layer.methods.length > 10 ? 1 : undefined).map((method: string) => ({ method, path: layer.path })));
    const undeclared = routes.filter((r) => !ruleFor(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(undeclared, 'routes without a declared policy (cms/src/platform/access/route-policy.ts)').toEqual([]);

    const tokenOf = { public: undefined, partner: tokens.partnerA, editor: tokens.editor } as const;
    // Placeholder ids and bodies make Strapi log errors of its own (the offline licence check, malformed
    // permission checks); the statuses are what the matrix asserts, so its log is quiet meanwhile.
    const log = cms.strapi.log as unknown as { silent: boolean };
    log.silent = true;
    // Calls that change shared settings come late, sessions and sign-out last (they end the caller's session):
    // an allowed call with a placeholder body must not spoil the cells after it.
    const endsSession = (r: { method: string; path: string }) => /\/logout$|^\/admin\/users\/me\/sessions/.test(r.path) && r.method !== 'GET';
    const weight = (r: { method: string; path: string }) => (endsSession(r) ? 2 : r.method !== 'GET' && /configuration|settings|layout|locales|users\/me/.test(r.path) ? 1 : 0);
    const ordered = [...routes].sort((a, b) => weight(a) - weight(b));
    const cells: Cell[] = [];
    const targets = new Map<string, string>();
    for (const { method, path } of ordered) {
      const rule = ruleFor(method, path)!;
      const contentApi = path.startsWith('/api');
      // Admin tokens mean nothing on the content API (checked below): there every caller is the public.
      const callers: Caller[] = contentApi ? ['public'] : ['public', 'partner', 'editor'];
      const models = path.includes(':model') || path.includes(':uid') || path.includes(':contentType') ? Object.keys(MODELS) : [PRACTICE];
      const hasTarget = /:(id|sourceId)\b/.test(path) || /bulk|actions\/publish$/.test(path);
      for (const caller of callers) {
        for (const model of models) {
          for (const target of (hasTarget || rule[caller] === 'own' ? ['own', 'other'] : ['other']) as Target[]) {
            if (caller !== 'partner' && target === 'own') continue;
            const upload = path.startsWith('/upload');
            // A target is made once per owner and model and serves the cells after it until an allowed
            // change (a delete, a publish) may have spoiled it: then the next cell gets a fresh one.
            const ownerToken = target === 'own' ? tokens.partnerA : tokens.partnerB;
            const kind = upload ? 'upload' : model === PRACTICE || model === PACT || ((model === NEED_RECORD || model === OUTCOME) && hasTarget) ? model : undefined;
            const key = `${target} ${kind}`;
            let id = 'nessuno';
            if (kind !== undefined) {
              // Another's outcomes: the office's (a partner reports only its own organisation's workshops).
              id = targets.get(key) ?? (upload ? String(await uploadBy(ownerToken)) : model === NEED_RECORD ? await recordBy(ownerToken) : model === OUTCOME ? await outcomeBy(target === 'own' ? ownerToken : tokens.editor) : await draftBy(ownerToken, model));
              targets.set(key, id);
            }
            // The content API's :id names no published entry here (the targets are drafts): not a read of data.
            let placeholder = (id === 'nessuno' || contentApi) && /:(id|sourceId)\b/.test(path);
            const value = (name: string) => {
              if (['model', 'uid', 'contentType'].includes(name)) return model;
              if (['id', 'sourceId'].includes(name)) return id;
              if (name === 'targetField') return RELATION_FIELD[model] ?? 'themes';
              placeholder = true;
              return 'x';
            };
            const concrete = path.replace(/\(.*\)/, 'x').replace(/:([A-Za-z]+)/g, (_m, name: string) => value(name));
            const body = method === 'GET' || method === 'DELETE' ? undefined : upload ? { fileIds: [Number(id)], folderIds: [], updates: [{ id: Number(id), fileInfo: { alternativeText: 'prova' } }] } : { documentIds: [id] };
            const url = path.startsWith('/content-manager') ? `${concrete}?locale=it` : concrete;
            // Each call from its own address, so the per-address limits of the sign-in routes stay out of the way.
            // A call that ends a session gets a session of its own.
            const token = endsSession({ method, path }) && caller !== 'public' ? await login(...(caller === 'partner' ? [DEMO_USERS.partner.email, DEMO_USERS.partner.password] : [DEMO_USERS.editor.email, DEMO_USERS.editor.password]) as [string, string], '198.51.100.9') : tokenOf[caller];
            const res = await call(method, url, { token, body, ip: `198.18.${Math.floor(cells.length / 250)}.${cells.length % 250}` });
            if (method !== 'GET' && !refused(res.status)) targets.delete(key);
            const want = expected(rule, caller, model, target, hasTarget);
            const mustSucceed = want === 'allow' && !placeholder && MUST_CARRY.some((r) => r.test(`${method} ${path}`));
            // «Allowed» is a success that carries the data: the entry named, or a non-empty answer.
            const empty = !mustSucceed ? undefined
              : res.status < 200 || res.status >= 300 ? `answered ${res.status}`
              : res.text.trim() === '' ? 'answered nothing'
              : path === '/content-manager/collection-types/:model/:id' && res.json?.data?.documentId !== id ? 'answered another entry'
              : path === '/content-manager/collection-types/:model' && !Array.isArray(res.json?.results) ? 'answered no list'
              : undefined;
            cells.push({ route: `${method} ${path}`, caller, model, target, want, got: res.status, mustSucceed, empty });
          }
        }
      }
    }
    log.silent = false;
    const wrong = cells.filter((c) => (c.want === 'deny') !== refused(c.got) || c.empty);
    console.log(`route × role matrix: ${routes.length} routes, ${cells.length} cells (${cells.filter((c) => c.want === 'deny').length} refused, ${cells.filter((c) => c.want === 'allow').length} allowed, ${cells.filter((c) => c.mustSucceed).length} of them reads that must carry data)`);
    expect(wrong.map((c) => `${c.route} as ${c.caller} on ${c.model} (${c.target}): wanted ${c.want}, got ${c.got}${c.empty ? ` (${c.empty})` : ''}`)).toEqual([]);
  }, 600_000);

  it('admin tokens open nothing on the content API', async () => {
    expect((await call('GET', '/api/practices', { token: tokens.editor })).status).toBe(401);
    expect((await call('GET', '/api/users', { token: tokens.editor })).status).toBe(401);
  });
});
