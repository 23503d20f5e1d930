/**
 * Access control as an attacker meets it: a real, seeded Strapi on a temporary SQLite file, reached over
 * HTTP by the public, two Partners (A and B, each linked to its own organisation) and an Editor.
 *
 * The route × role matrix enumerates every route the running Strapi registers and holds each one to the
 * declared policy (cms/src/lib/access/route-policy.ts): a route no rule declares fails the test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, PACT_KINDS, PACT_STAGE_LABELS, PACT_STAGES, PACT_TRANSITIONS, romeDay } from '@coesione/model';
import { DEMO_USERS, seed } from '../../scripts/src/seed/seed.ts';
import { cmsModule, startCms, type TestCms } from './support/cms.ts';
import { send, type Answer } from './support/http.ts';

// The policy the running CMS enforces, from its build (the CMS is CommonJS: no import across packages).
type Access = 'allow' | 'deny' | 'own' | 'content';
type ContentAction = 'read' | 'create' | 'update' | 'delete' | 'publish';
interface RouteRule {
  public: Access;
  partner: Access;
  editor: Access;
  action?: ContentAction;
}
type Grant = Partial<Record<ContentAction, { own?: readonly string[]; all?: readonly string[] }>>;
const { ruleFor, CONTENT_ACCESS } = cmsModule<{ ruleFor(method: string, path: string): RouteRule | undefined; CONTENT_ACCESS: Record<'partner' | 'editor', Grant> }>('lib/access/route-policy');
const { PUBLIC_TYPES } = cmsModule<{ PUBLIC_TYPES: readonly string[] }>('lib/content-types');

let cms: TestCms;
const PRACTICE = 'api::practice.practice';
const PACT = 'api::pact.pact';
const CM = '/content-manager/collection-types';
const PARTNER_B = { email: 'ente.b@coesione.example', password: 'Ente-B-Prova-2026' };

/** One request; `ip` is the address the (trusted, appending) proxy saw. */
function call(method: string, path: string, init: { token?: string; body?: unknown; ip?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const form = init.body instanceof FormData;
  return send(`${cms.url}${path}`, {
    method,
    headers: {
      'x-forwarded-for': init.ip ?? '198.51.100.1',
      ...(init.body === undefined || form ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
    redirect: 'manual',
  });
}

async function login(email: string, password: string, ip: string): Promise<string> {
  const res = await call('POST', '/admin/login', { body: { email, password }, ip });
  expect(res.status, res.text).toBe(200);
  return res.json.data.token ?? res.json.data.accessToken;
}

const tokens: { partnerA: string; partnerB: string; editor: string } = { partnerA: '', partnerB: '', editor: '' };
let vercelli: string;
let orgA: string;
let orgB: string;

const practiceBody = (slug: string) => ({
  title: `Prova ${slug}`, slug, summary: 'Una scheda di prova.', state: 'attiva', evidenceLevel: 'descrittiva',
  location: { address: 'Piazza Municipio 1', municipality: vercelli, latitude: 45.3239, longitude: 8.4236 },
});

let counter = 0;
/** A draft practice (or pact) created through the admin API by `token`'s user. */
async function draftBy(token: string, model: string = PRACTICE): Promise<string> {
  const slug = `matrice-${++counter}`;
  const body = model === PACT ? { title: `Prova ${slug}`, slug, summary: 'Un patto di prova.', commonGood: 'Aiuola di prova', kind: 'ordinario' } : practiceBody(slug);
  const res = await call('POST', `${CM}/${model}?locale=it`, { token, body });
  expect(res.status, res.text).toBe(201);
  return res.json.data.documentId;
}

async function uploadBy(token: string): Promise<number> {
  const form = new FormData();
  form.append('files', new Blob([`file ${++counter}`], { type: 'text/plain' }), `prova-${counter}.txt`);
  const res = await call('POST', '/upload', { token, body: form });
  expect(res.status, res.text).toBe(201);
  return res.json[0].id;
}

const proposedBy = async (documentId: string) =>
  ((await cms.strapi.documents(PRACTICE).findOne({ documentId, populate: { proposedBy: { fields: ['documentId'] } } } as never)) as unknown as { proposedBy: { documentId: string } | null } | null)?.proposedBy?.documentId;

beforeAll(async () => {
  cms = await startCms({ TRUST_PROXY: 'true', TRUST_PROXY_HOPS: '1' });
  await seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z') });
  vercelli = (await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: '002158' } }))!.documentId;
  const orgs = cms.strapi.documents('api::organization.organization');
  orgA = (await orgs.findFirst({ filters: { slug: 'aps-bottega-del-riuso' } } as never))!.documentId;
  orgB = (await orgs.findFirst({ filters: { slug: 'odv-voci-amiche' } } as never))!.documentId;
  const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
  await cms.strapi.service('admin::user').create({ ...PARTNER_B, firstname: 'Ente', lastname: 'B', isActive: true, registrationToken: null, roles: [role.id] });
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER_B.email, organization: orgB } } as never);
  tokens.partnerA = await login(DEMO_USERS.partner.email, DEMO_USERS.partner.password, '198.51.100.2');
  tokens.partnerB = await login(PARTNER_B.email, PARTNER_B.password, '198.51.100.3');
  tokens.editor = await login(DEMO_USERS.editor.email, DEMO_USERS.editor.password, '198.51.100.4');
});

afterAll(async () => {
  await cms?.stop();
});

// ── Drafts through filters ───────────────────────────────────────────────────────────────────────

describe('the public API and drafts', () => {
  const MARKER = 'Zqxvbozza';
  const NOTHING = 'Nessunovaloreuguale';

  /** Relation paths up to depth 2 from `uid`, each ending on a string field of the last model. */
  function relationPaths(uid: string): string[][] {
    const model = (u: string) => cms.strapi.getModel(u as never) as unknown as { attributes: Record<string, { type: string; target?: string; component?: string }> };
    const stringField = (u: string) => Object.entries(model(u).attributes).find(([name, a]) => a.type === 'string' && ['title', 'name'].includes(name))?.[0];
    const hops = (u: string): [string[], string][] =>
      Object.entries(model(u).attributes).flatMap(([name, a]): [string[], string][] => {
        if (a.type === 'relation' && a.target?.startsWith('api::')) return [[[name], a.target]];
        if (a.type === 'component' && a.component) {
          return Object.entries(model(a.component).attributes)
            .filter(([, c]) => c.type === 'relation' && c.target?.startsWith('api::'))
            .map(([cname, c]): [string[], string] => [[name, cname], c.target!]);
        }
        return [];
      });
    const paths: string[][] = [];
    for (const [first, target] of hops(uid)) {
      const field = stringField(target);
      if (field) paths.push([...first, field]);
      for (const [second, target2] of hops(target)) {
        const field2 = stringField(target2);
        if (field2) paths.push([...first, ...second, field2]);
      }
    }
    return paths;
  }

  beforeAll(async () => {
    // One never-published draft of every editorial type, with the marker in its title or name, linked
    // to the reference data the public can filter on.
    const theme = (await cms.strapi.documents('api::theme.theme').findFirst({}))!.documentId;
    const group = (await cms.strapi.documents('api::target-group.target-group').findFirst({}))!.documentId;
    const shared = { themes: [theme], targetGroups: [group], municipalities: [vercelli], summary: 'Bozza riservata.' };
    const place = { address: 'Via Riservata 1', municipality: vercelli, latitude: 45.32, longitude: 8.42 };
    // A comune other than Vercelli, whose managing body the partner tests below compare.
    const elsewhere = (await cms.strapi.documents('api::municipality.municipality').findFirst({ filters: { istatCode: { $ne: '002158' } } }))!.documentId;
    const org = await cms.strapi.documents('api::organization.organization').create({ data: { ...shared, name: `${MARKER} ente`, slug: 'bozza-ente', kind: 'odv', managedMunicipalities: [elsewhere], sites: [place], contacts: [{ name: MARKER, email: `${MARKER}@example.org` }] } } as never);
    await cms.strapi.documents(PRACTICE).create({ data: { ...shared, title: `${MARKER} prassi`, slug: 'bozza-prassi', state: 'attiva', evidenceLevel: 'descrittiva', location: place, promoters: [org.documentId] } } as never);
    await cms.strapi.documents('api::opportunity.opportunity').create({ data: { ...shared, title: `${MARKER} opportunità`, slug: 'bozza-opportunita', kind: 'lavoro', provider: org.documentId, locations: [place], contacts: [{ name: MARKER, email: `${MARKER}@example.org` }] } } as never);
    await cms.strapi.documents('api::workshop.workshop').create({ data: { ...shared, title: `${MARKER} laboratorio`, slug: 'bozza-laboratorio', craft: 'riparazione_biciclette', organization: org.documentId, location: place } } as never);
    await cms.strapi.documents('api::regulation.regulation').create({ data: { ...shared, title: `${MARKER} norma`, slug: 'bozza-norma', kind: 'delibera', validity: 'vigente' } } as never);
    await cms.strapi.documents('api::training-material.training-material').create({ data: { ...shared, title: `${MARKER} formazione`, slug: 'bozza-formazione', format: 'guida', audience: 'operatori', level: 'base' } } as never);
    await cms.strapi.documents(PACT).create({ data: { ...shared, title: `${MARKER} patto`, slug: 'bozza-patto', commonGood: MARKER, kind: 'ordinario', location: place, managingBody: org.documentId, publicProposer: MARKER } } as never);
  });

  // Two requests per relation path of every public type (about 300 paths): minutes on a busy machine.
  it('no filter path up to depth 2 tells a draft’s value from no value', { timeout: 300_000 }, async () => {
    let paths = 0;
    const leaks: string[] = [];
    for (const uid of PUBLIC_TYPES) {
      const plural = (cms.strapi.getModel(uid as never) as unknown as { info: { pluralName: string } }).info.pluralName;
      for (const path of relationPaths(uid)) {
        paths++;
        const query = (value: string) => `/api/${plural}?${path.map((p) => `[${p}]`).join('').replace(/^\[([^\]]+)\]/, 'filters[$1]')}[$startsWith]=${encodeURIComponent(value)}`;
        const [hit, miss] = [await call('GET', query(MARKER)), await call('GET', query(NOTHING))];
        if (hit.status === 400 && miss.status === 400) continue;
        if (hit.status !== miss.status || JSON.stringify(hit.json?.data) !== JSON.stringify(miss.json?.data)) leaks.push(`${plural}: ${path.join('.')}`);
      }
    }
    console.log(`filter oracle sweep: ${paths} relation paths over ${PUBLIC_TYPES.length} public types`);
    expect(paths).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
  });

  it('refuses the reported oracle with a 400 naming the parameter', async () => {
    const res = await call('GET', `/api/themes?filters[opportunities][contacts][email][$startsWith]=${MARKER}`);
    expect(res.status).toBe(400);
    expect(res.json.error.message).toContain('filters[opportunities]');
  });

  it('still answers the filters the site and the documented API use', async () => {
    expect((await call('GET', '/api/opportunities?filters[deadline][$lt]=2026-11-20&sort=deadline:asc')).json.data.length).toBeGreaterThan(0);
    expect((await call('GET', '/api/practices?filters[themes][slug][$eq]=abitare&fields[0]=title')).status).toBe(200);
    expect((await call('GET', '/api/practices?filters[location][municipality][istatCode][$eq]=002158')).json.data.length).toBeGreaterThan(0);
    expect((await call('GET', `/api/practices?filters[title][$startsWith]=${MARKER}`)).json.data).toEqual([]);
  });
});

// ── Partners ─────────────────────────────────────────────────────────────────────────────────────

describe('Partner A against Partner B', () => {
  it('cannot clone B’s draft (and so read it); a clone of its own carries A’s organisation', async () => {
    const theirs = await draftBy(tokens.partnerB);
    const stolen = await call('POST', `${CM}/${PRACTICE}/clone/${theirs}?locale=it`, { token: tokens.partnerA, body: {} });
    expect(stolen.status).toBe(403);
    expect(stolen.text).not.toContain('Prova matrice');
    expect((await call('POST', `${CM}/${PRACTICE}/auto-clone/${theirs}?locale=it`, { token: tokens.partnerA, body: {} })).status).toBe(403);

    const mine = await draftBy(tokens.partnerA);
    const clone = await call('POST', `${CM}/${PRACTICE}/clone/${mine}?locale=it`, { token: tokens.partnerA, body: { slug: `clone-${mine}` } });
    expect(clone.status, clone.text).toBe(200);
    expect(await proposedBy(clone.json.data.documentId)).toBe(orgA);
  });

  it('an editor’s clone of a partner’s draft is allowed', async () => {
    const theirs = await draftBy(tokens.partnerB);
    const clone = await call('POST', `${CM}/${PRACTICE}/clone/${theirs}?locale=it`, { token: tokens.editor, body: { slug: `clone-redazione-${theirs}` } });
    expect(clone.status, clone.text).toBe(200);
  });

  it('cannot delete, move or relabel B’s files by bulk action, nor any folder', async () => {
    const theirs = await uploadBy(tokens.partnerB);
    const file = () => cms.strapi.db.query('plugin::upload.file').findOne({ where: { id: theirs } });
    const listed = await call('GET', '/upload/files?pageSize=100', { token: tokens.partnerA });
    expect(listed.status).toBe(200);
    expect(listed.json.results.map((f: { id: number }) => f.id)).not.toContain(theirs);
    expect((await call('POST', '/upload/actions/bulk-delete', { token: tokens.partnerA, body: { fileIds: [theirs], folderIds: [] } })).status).toBe(403);
    const folder = await cms.strapi.plugin('upload').service('folder').create({ name: 'Cartella della redazione' });
    expect((await call('POST', '/upload/actions/bulk-move', { token: tokens.partnerA, body: { fileIds: [theirs], folderIds: [], destinationFolderId: folder.id } })).status).toBe(403);
    expect((await call('POST', '/upload/actions/bulk-delete', { token: tokens.partnerA, body: { fileIds: [], folderIds: [folder.id] } })).status).toBe(403);
    expect((await call('POST', '/upload/actions/bulk-update', { token: tokens.partnerA, body: { updates: [{ id: theirs, fileInfo: { alternativeText: 'rubato' } }] } })).status).toBe(403);
    expect(await file()).toMatchObject({ id: theirs, folderPath: '/' });
    expect((await file())?.alternativeText ?? null).not.toBe('rubato');
    expect(await cms.strapi.db.query('plugin::upload.folder').findOne({ where: { id: folder.id } })).not.toBeNull();

    const mine = await uploadBy(tokens.partnerA);
    expect((await call('POST', '/upload/actions/bulk-delete', { token: tokens.partnerA, body: { fileIds: [mine], folderIds: [] } })).status).toBe(200);
  });

  it('cannot change reference data or other bodies’ entries through inverse relations', async () => {
    const before = (await cms.api(`/api/municipalities?filters[istatCode][$eq]=002158`)).body.data[0];
    const comune = { documentId: before.documentId as string, managingBody: before.managingBody as { documentId: string } | null };
    expect(comune.managingBody).not.toBeNull();
    const opportunity = await cms.strapi.documents('api::opportunity.opportunity').findFirst({ status: 'published', populate: { provider: { fields: ['documentId'] } } } as never) as unknown as { documentId: string; provider: { documentId: string } | null };
    const created = await call('POST', `${CM}/api::organization.organization?locale=it`, {
      token: tokens.partnerA,
      body: { name: 'Sede nuova', slug: 'sede-nuova-a', kind: 'aps', managedMunicipalities: { connect: [comune.documentId] }, opportunities: { connect: [opportunity.documentId] } },
    });
    expect(created.status, created.text).toBe(201);
    const id = created.json.data.documentId;
    await call('PUT', `${CM}/api::organization.organization/${id}?locale=it`, { token: tokens.partnerA, body: { managedMunicipalities: { connect: [comune.documentId] }, opportunities: { connect: [opportunity.documentId] } } });
    const after = await cms.api(`/api/municipalities/${comune.documentId}`);
    expect(after.body.data.managingBody?.documentId ?? null).toBe(comune.managingBody?.documentId ?? null);
    const provider = await cms.strapi.documents('api::opportunity.opportunity').findOne({ documentId: opportunity.documentId, status: 'published', populate: { provider: { fields: ['documentId'] } } } as never) as unknown as { provider: { documentId: string } | null };
    expect(provider.provider?.documentId).toBe(opportunity.provider?.documentId);
    // The edit view does not even offer the inverse sides.
    const view = await call('GET', `${CM}/api::organization.organization/${id}?locale=it`, { token: tokens.partnerA });
    expect(view.json.data).not.toHaveProperty('managedMunicipalities');
    expect(view.json.data).not.toHaveProperty('opportunities');
  });

  it('reads no editor’s name or e-mail, also on its own entry an editor has edited', async () => {
    const mine = await draftBy(tokens.partnerA);
    expect((await call('PUT', `${CM}/${PRACTICE}/${mine}?locale=it`, { token: tokens.editor, body: { summary: 'Rivista dalla redazione.' } })).status).toBe(200);
    for (const path of [`${CM}/${PRACTICE}/${mine}?locale=it`, `${CM}/${PRACTICE}?locale=it`, '/content-manager/homepage/recent-documents?action=update', '/upload/files']) {
      const res = await call('GET', path, { token: tokens.partnerA });
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain(DEMO_USERS.editor.email);
      expect(res.text, path).not.toContain(DEMO_USERS.editor.lastname);
    }
  });

  it('every entry a Partner writes carries its organisation, whatever it sends', async () => {
    const res = await call('POST', `${CM}/${PRACTICE}?locale=it`, { token: tokens.partnerB, body: { ...practiceBody('proposta-b'), proposedBy: orgA } });
    expect(res.status, res.text).toBe(201);
    expect(await proposedBy(res.json.data.documentId)).toBe(orgB);
    await call('PUT', `${CM}/${PRACTICE}/${res.json.data.documentId}?locale=it`, { token: tokens.partnerB, body: { proposedBy: orgA, summary: 'Aggiornata.' } });
    expect(await proposedBy(res.json.data.documentId)).toBe(orgB);
  });

  it('reaches no admin route outside the declared policy', async () => {
    for (const path of ['/admin/users', '/admin/roles', '/admin/api-tokens', '/admin/webhooks', '/content-type-builder/content-types', '/admin/project-settings', '/upload/settings']) {
      expect((await call('GET', path, { token: tokens.partnerA })).status, path).toBe(403);
    }
    expect((await call('POST', '/upload/actions/upload-from-urls', { token: tokens.partnerA, body: { urls: ['http://127.0.0.1:9/'] } })).status).toBe(403);
  });
});

// ── Collaboration pacts: the stage is the office's, and only the table's moves ─────────────────────

describe('the stages of a collaboration pact', () => {
  type Stage = (typeof PACT_STAGES)[number];
  type Kind = (typeof PACT_KINDS)[number];
  const pactBody = (slug: string, kind: Kind = 'ordinario') => ({
    title: `Patto ${slug}`, slug, summary: 'Un patto di prova.', commonGood: 'Giardino di via Prova', kind,
    location: { address: 'Via Prova 1', municipality: vercelli, latitude: 45.3239, longitude: 8.4236 },
  });
  /** The stages from a proposal to `stage`, by the table (breadth first). */
  function walkTo(kind: Kind, stage: Stage): Stage[] | undefined {
    const seen = new Map<Stage, Stage[]>([['proposta', ['proposta']]]);
    const queue: Stage[] = ['proposta'];
    while (queue.length > 0) {
      const from = queue.shift()!;
      for (const to of PACT_TRANSITIONS[kind][from]) {
        if (!seen.has(to)) {
          seen.set(to, [...seen.get(from)!, to]);
          queue.push(to);
        }
      }
    }
    return seen.get(stage);
  }
  let counterP = 0;
  /** A draft pact at `stage`, imported with a legal history (the way the seed stores them). */
  async function pactAt(kind: Kind, stage: Stage): Promise<string> {
    const history = walkTo(kind, stage)!.map((s, i) => ({ stage: s, at: new Date(Date.UTC(2026, 0, 5 + i, 10)).toISOString(), note: null, role: i === 0 ? 'proponente' : 'ufficio' }));
    const created = await cms.strapi.documents(PACT).create({ data: { ...pactBody(`tabella-${++counterP}`, kind), stageHistory: history } } as never);
    return (created as unknown as { documentId: string }).documentId;
  }
  const stored = async (documentId: string) =>
    (await cms.strapi.documents(PACT).findOne({ documentId, status: 'draft', populate: { stageHistory: true } } as never)) as unknown as {
      stage: Stage; answeredAt: string | null; answerDue: string | null; receivedAt: string; noticeOpens: string | null; noticeCloses: string | null; updatedAt: string;
      stageHistory: { stage: Stage; at: string; note: string | null; role: string }[];
    };
  const move = (token: string, documentId: string, stage: string, note?: string) =>
    call('PUT', `${CM}/${PACT}/${documentId}?locale=it`, { token, body: { stage, ...(note ? { stageNote: note } : {}) } });

  it('accepts every move of the table from the office, and records date, public note and role (never the person)', async () => {
    let moves = 0;
    for (const kind of PACT_KINDS) {
      // A notice exists only for complex pacts: ordinary ones never reach it.
      for (const from of PACT_STAGES.filter((s) => walkTo(kind, s))) {
        for (const to of PACT_TRANSITIONS[kind][from]) {
          const id = await pactAt(kind, from);
          const before = await stored(id);
          const res = await move(tokens.editor, id, to, `Passaggio a ${to}`);
          expect(res.status, `${kind} ${from} → ${to}: ${res.text}`).toBe(200);
          const after = await stored(id);
          expect(after.stage).toBe(to);
          expect(after.stageHistory).toHaveLength(before.stageHistory.length + 1);
          expect(after.stageHistory.at(-1)).toMatchObject({ stage: to, note: `Passaggio a ${to}`, role: 'ufficio' });
          expect(JSON.stringify(after.stageHistory)).not.toContain(DEMO_USERS.editor.email);
          if (to === 'avviso_pubblico') expect(after.noticeCloses).toBe(addDays(after.noticeOpens!, 30));
          if (['coprogettazione', 'avviso_pubblico', 'non_ammesso'].includes(to) && ['proposta', 'istruttoria'].includes(from)) expect(after.answeredAt).not.toBeNull();
          moves++;
        }
      }
    }
    expect(moves).toBeGreaterThan(30);
  }, 180_000);

  it('refuses every other move in Italian, naming the allowed stages, and changes nothing', async () => {
    for (const kind of PACT_KINDS) {
      for (const from of PACT_STAGES.filter((s) => walkTo(kind, s))) {
        const id = await pactAt(kind, from);
        const before = await stored(id);
        for (const to of PACT_STAGES.filter((s) => s !== from && !PACT_TRANSITIONS[kind][from].includes(s))) {
          const res = await move(tokens.editor, id, to, 'Non deve restare');
          expect(res.status, `${kind} ${from} → ${to}`).toBe(400);
          expect(res.json.error.message).toMatch(/^Il patto (non può passare|è nella fase)/);
          for (const allowed of PACT_TRANSITIONS[kind][from]) expect(res.json.error.message).toContain(`«${PACT_STAGE_LABELS[allowed]}»`);
        }
        expect(await stored(id)).toEqual(before);
      }
    }
  }, 180_000);

  it('starts every new pact as a proposal with its answer due in PACT_ANSWER_DAYS Rome days', async () => {
    const refusedStart = await call('POST', `${CM}/${PACT}?locale=it`, { token: tokens.editor, body: { ...pactBody('salta-fasi'), stage: 'sottoscritto' } });
    expect(refusedStart.status).toBe(400);
    expect(refusedStart.json.error.message).toContain('Proposta ricevuta');
    const res = await call('POST', `${CM}/${PACT}?locale=it`, { token: tokens.editor, body: pactBody('nuovo-ufficio') });
    expect(res.status, res.text).toBe(201);
    const pact = await stored(res.json.data.documentId);
    expect(pact.stage).toBe('proposta');
    expect(pact.answerDue).toBe(addDays(romeDay(new Date(pact.receivedAt)), 30));
    expect(pact.stageHistory).toEqual([expect.objectContaining({ stage: 'proposta', role: 'ufficio' })]);
  });

  it('a Partner never moves a stage: not by edit, save-and-publish, clone, bulk publish, nor a forged history', async () => {
    const created = await call('POST', `${CM}/${PACT}?locale=it`, { token: tokens.partnerA, body: { ...pactBody('proposta-ente'), stage: 'sottoscritto', stageHistory: [{ stage: 'proposta', at: '2020-01-01T00:00:00Z', role: 'ufficio' }], answerDue: '2099-01-01' } });
    expect(created.status, created.text).toBe(201);
    const id = created.json.data.documentId as string;
    const fresh = await stored(id);
    expect(fresh.stage).toBe('proposta');
    expect(fresh.stageHistory).toEqual([expect.objectContaining({ stage: 'proposta', role: 'proponente' })]);
    expect(fresh.answerDue).not.toBe('2099-01-01');
    // The partner reads its pact's stage, but its forms hold no stage fields to write.
    const view = await call('GET', `${CM}/${PACT}/${id}?locale=it`, { token: tokens.partnerA });
    expect(view.json.data.stage).toBe('proposta');

    expect((await move(tokens.editor, id, 'istruttoria', 'Presa in carico')).status).toBe(200);
    const admitted = await stored(id);
    const attempts = [
      () => move(tokens.partnerA, id, 'coprogettazione'),
      () => move(tokens.partnerA, id, 'proposta'),
      () => call('PUT', `${CM}/${PACT}/${id}?locale=it`, { token: tokens.partnerA, body: { stageHistory: [], answeredAt: '2026-01-01T00:00:00Z', noticeCloses: '2099-01-01' } }),
      () => call('POST', `${CM}/${PACT}/${id}/actions/publish?locale=it`, { token: tokens.partnerA, body: { stage: 'coprogettazione' } }),
      () => call('POST', `${CM}/${PACT}/actions/bulkPublish?locale=it`, { token: tokens.partnerA, body: { documentIds: [id] } }),
      () => call('POST', `${CM}/${PACT}/${id}/actions/discard?locale=it`, { token: tokens.partnerA, body: {} }),
      () => move(tokens.partnerB, id, 'coprogettazione'),
    ];
    for (const attempt of attempts) {
      const res = await attempt();
      expect(res.status, res.text).not.toBe(500);
      expect(await stored(id)).toMatchObject({ stage: 'istruttoria', stageHistory: admitted.stageHistory, answeredAt: admitted.answeredAt, noticeCloses: admitted.noticeCloses });
    }
    // A clone of its own pact is a new proposal, not a copy of the stage.
    const clone = await call('POST', `${CM}/${PACT}/clone/${id}?locale=it`, { token: tokens.partnerA, body: { slug: `clone-${id}`.toLowerCase(), stage: 'concluso' } });
    expect(clone.status, clone.text).toBe(200);
    expect((await stored(clone.json.data.documentId)).stage).toBe('proposta');
    // Any other path that names a Partner as the writer is refused by the middleware itself.
    const partner = await cms.strapi.db.query('admin::user').findOne({ where: { email: DEMO_USERS.partner.email } });
    await expect(cms.strapi.documents(PACT).update({ documentId: id, data: { stage: 'coprogettazione', updatedBy: partner.id } } as never)).rejects.toThrow(/Solo l’ufficio/);
    expect((await stored(id)).stage).toBe('istruttoria');
  });

  it('keeps proposers’ personal data out of the public API', async () => {
    const secret = { proposerName: 'Ermenegilda Riservatissima', proposerEmail: 'ermenegilda.riservata@example.org', proposerPhone: '+39 333 000 1111' };
    const created = await cms.strapi.documents(PACT).create({ data: { ...pactBody('dati-personali'), ...secret, publicProposer: 'Gruppo di vicinato di via Prova' }, status: 'published' } as never);
    const id = (created as unknown as { documentId: string }).documentId;
    const answers = [await call('GET', '/api/pacts?pagination[pageSize]=100'), await call('GET', `/api/pacts/${id}`)];
    expect(answers[1]!.json.data.publicProposer).toBe('Gruppo di vicinato di via Prova');
    for (const res of answers) {
      expect(res.status).toBe(200);
      for (const value of Object.values(secret)) expect(res.text).not.toContain(value);
      expect(res.text).not.toContain('stageNote');
    }
    expect((await call('GET', '/api/pacts?filters[proposerEmail][$startsWith]=ermenegilda')).status).toBe(400);
  });
});

// ── Limits, proxies, CORS, headers ───────────────────────────────────────────────────────────────

describe('limits and headers', () => {
  const failedLogin = (path: string, ip: string, forged?: string) =>
    call('POST', path, { body: { email: `ospite${Math.random()}@example.org`, password: 'sbagliata-123' }, ip: forged ? `${forged}, ${ip}` : ip });

  it('counts path variants of the login as the login', async () => {
    const variants = ['/admin/login', '/admin/login/', '/ADMIN/login', '/Admin/Login/'];
    for (let i = 0; i < 10; i++) expect((await failedLogin(variants[i % variants.length]!, '203.0.113.60')).status).toBe(400);
    for (const variant of variants) expect((await failedLogin(variant, '203.0.113.60')).status, variant).toBe(429);
  });

  it('keys the limit on the address the proxy appended, not on what the client wrote', async () => {
    for (let i = 0; i < 10; i++) expect((await failedLogin('/admin/login', '203.0.113.61', `10.0.0.${i}`)).status).toBe(400);
    expect((await failedLogin('/admin/login', '203.0.113.61', '10.9.9.9')).status).toBe(429);
    expect((await failedLogin('/admin/login', '203.0.113.62', '203.0.113.61')).status).toBe(400);
  });

  it('answers CORS only on the participation routes, never with credentials', async () => {
    const preflight = (path: string, method = 'POST') =>
      call('OPTIONS', path, { headers: { origin: 'http://127.0.0.1:4321', 'access-control-request-method': method, 'access-control-request-headers': 'content-type' } });
    const submissions = await preflight('/api/submissions');
    expect(submissions.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
    expect(submissions.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight('/api/ratings', 'GET')).headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
    for (const path of ['/admin/access-token', '/admin/login', '/ADMIN/access-token', '/content-manager/init', '/api/practices']) {
      const res = await preflight(path);
      expect(res.headers.get('access-control-allow-origin'), path).toBeNull();
      expect(res.headers.get('access-control-allow-credentials'), path).toBeNull();
    }
  });

  it('does not say what it runs on', async () => {
    expect((await call('GET', '/api/themes')).headers.get('x-powered-by')).toBeNull();
  });
});

// ── A partner's need import, against the other partner and the editor ───────────────────────────────

describe('need imports across organisations', () => {
  const HEADER = 'mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno';
  const file = () => {
    const form = new FormData();
    form.append('file', new Blob([[HEADER, '2026-10;002158;30-49;;;;casa;;no;;MATRICE-1'].join('\n')], { type: 'text/csv' }), 'dati.csv');
    return form;
  };
  const monthOf = async (org: string) => {
    const { id } = await cms.strapi.db.query('api::organization.organization').findOne({ where: { documentId: org, publishedAt: null } });
    return cms.strapi.db.query('api::need-record.need-record').count({ where: { organization: { id }, month: '2026-10' } });
  };

  it('a preview, its plan and the undo are the partner’s own organisation’s; the editor reaches none', async () => {
    const [a, b] = [await monthOf(orgA), await monthOf(orgB)];
    const preview = await call('POST', '/coesione-needs/import/preview', { token: tokens.partnerA, body: file() });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json.months).toEqual([{ month: '2026-10', incoming: 1, existing: a }]);
    // B replays A's plan with the same file: the plan is bound to A's organisation, and B's months are B's.
    const replayed = await call('POST', `/coesione-needs/import?plan=${preview.json.plan}`, { token: tokens.partnerB, body: file() });
    expect(replayed.status).toBe(409);
    expect(replayed.json.preview.months).toEqual([{ month: '2026-10', incoming: 1, existing: b }]);
    expect([await monthOf(orgA), await monthOf(orgB)]).toEqual([a, b]);
    // Without the preview's plan, nothing is replaced.
    expect((await call('POST', '/coesione-needs/import', { token: tokens.partnerA, body: file() })).status).toBe(400);
    expect((await call('POST', `/coesione-needs/import?plan=${preview.json.plan}`, { token: tokens.partnerA, body: file() })).status).toBe(200);
    expect(await monthOf(orgA)).toBe(1);
    // B has no import of its own to undo, and cannot reach A's.
    expect((await call('POST', '/coesione-needs/import/undo', { token: tokens.partnerB })).status).toBe(404);
    expect([await monthOf(orgA), await monthOf(orgB)]).toEqual([1, b]);
    for (const path of ['/coesione-needs/import/preview', '/coesione-needs/import/undo']) expect((await call('POST', path, { token: tokens.editor, body: file() })).status).toBe(403);
    expect((await call('GET', '/coesione-needs/codes.csv', { token: tokens.editor })).status).toBe(403);
    expect((await call('POST', '/coesione-needs/import/undo', { token: tokens.partnerA })).status).toBe(200);
    expect(await monthOf(orgA)).toBe(a);
  });
});

// ── Relation pickers inside a component (the source is a component, never a permission subject) ──
describe('relation pickers inside a component', () => {
  const componentOf = async (documentId: string) => (await cms.strapi.db.query(PRACTICE).findOne({ where: { documentId }, populate: ['location'] }))?.location?.id as number;
  const names = (res: Answer) => JSON.stringify(res.json?.results ?? []);

  it('answer the Editor and the Partner with data, the public never', async () => {
    for (const url of ['/content-manager/relations/shared.location/municipality?locale=it', '/content-manager/relations/pact.party/organization?locale=it']) {
      expect((await call('GET', url)).status, url).toBe(401);
      for (const token of [tokens.editor, tokens.partnerA]) expect((await call('GET', url, { token })).status, url).toBe(200);
    }
    const comuni = '/content-manager/relations/shared.location/municipality?locale=it&pageSize=100';
    expect(names(await call('GET', comuni, { token: tokens.partnerA }))).toContain('Vercelli');
    expect(names(await call('GET', comuni, { token: tokens.editor }))).toContain('Vercelli');
  });

  it('show the comune set on a place only to who may read the entry holding it', async () => {
    const own = await componentOf(await draftBy(tokens.partnerA));
    const other = await componentOf(await draftBy(tokens.partnerB));
    const existing = (id: number) => `/content-manager/relations/shared.location/${id}/municipality?locale=it`;
    expect(names(await call('GET', existing(own), { token: tokens.partnerA }))).toContain('Vercelli');
    expect(names(await call('GET', existing(other), { token: tokens.editor }))).toContain('Vercelli');
    expect((await call('GET', existing(other), { token: tokens.partnerA })).status).toBe(403);
    // The list of available comuni leaves out the one set on `?id=`: it would tell B's comune too.
    expect((await call('GET', `/content-manager/relations/shared.location/municipality?locale=it&id=${other}`, { token: tokens.partnerA })).status).toBe(403);
    expect((await call('GET', existing(own))).status).toBe(401);
  });
});

// ── The route × role matrix (last: its allowed calls change settings) ──────────────────────────────────────────────────────────────────────

type Caller = 'public' | 'partner' | 'editor';
type Target = 'own' | 'other';

/** The models a `:model` route is tried on: one of each kind. */
const NEED_RECORD = 'api::need-record.need-record';
const MODELS = { [PRACTICE]: 'partner type', [PACT]: 'partner type with stages', 'api::theme.theme': 'reference', 'api::submission.submission': 'private', 'api::partner-account.partner-account': 'private', [NEED_RECORD]: 'partner records', 'api::need-figure.need-figure': 'computed' } as const;
const RELATION_FIELD: Record<string, string> = { [PRACTICE]: 'themes', [PACT]: 'themes', 'api::theme.theme': 'practices', 'api::submission.submission': 'comune', 'api::partner-account.partner-account': 'organization', [NEED_RECORD]: 'municipality' };

/** A need record entered in the admin by `token`'s partner. */
async function recordBy(token: string): Promise<string> {
  const casa = await cms.strapi.db.query('api::need-category.need-category').findOne({ where: { slug: 'casa' } });
  const res = await call('POST', `${CM}/${NEED_RECORD}`, { token, body: { month: '2026-10', ageBand: 'eta_30_49', municipality: vercelli, categories: [casa.documentId] } });
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
}

describe('the route × role matrix', () => {
  it('declares a policy for every route Strapi registers, and every role gets what the policy says', async () => {
    const routes = cms.strapi.server
      .listRoutes()
      .filter((layer) => layer.methods.length > 0)
      .flatMap((layer: { methods: string[]; path: string }) => layer.methods.filter((m: string) => m !== 'HEAD').slice(0, layer.methods.length > 10 ? 1 : undefined).map((method: string) => ({ method, path: layer.path })));
    const undeclared = routes.filter((r) => !ruleFor(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(undeclared, 'routes without a declared policy (cms/src/lib/access/route-policy.ts)').toEqual([]);

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
            // A fresh target for each cell: an allowed delete or publish must not spoil the next one.
            const ownerToken = target === 'own' ? tokens.partnerA : tokens.partnerB;
            const id = upload ? String(await uploadBy(ownerToken)) : model === PRACTICE || model === PACT ? await draftBy(ownerToken, model) : model === NEED_RECORD && hasTarget ? await recordBy(ownerToken) : 'nessuno';
            const value = (name: string) => (['model', 'uid', 'contentType'].includes(name) ? model : ['id', 'sourceId'].includes(name) ? id : name === 'targetField' ? (RELATION_FIELD[model] ?? 'themes') : 'x');
            const concrete = path.replace(/\(.*\)/, 'x').replace(/:([A-Za-z]+)/g, (_m, name: string) => value(name));
            const body = method === 'GET' || method === 'DELETE' ? undefined : upload ? { fileIds: [Number(id)], folderIds: [], updates: [{ id: Number(id), fileInfo: { alternativeText: 'prova' } }] } : { documentIds: [id] };
            const url = path.startsWith('/content-manager') ? `${concrete}?locale=it` : concrete;
            // Each call from its own address, so the per-address limits of the sign-in routes stay out of the way.
            // A call that ends a session gets a session of its own.
            const token = endsSession({ method, path }) && caller !== 'public' ? await login(...(caller === 'partner' ? [DEMO_USERS.partner.email, DEMO_USERS.partner.password] : [DEMO_USERS.editor.email, DEMO_USERS.editor.password]) as [string, string], '198.51.100.9') : tokenOf[caller];
            const res = await call(method, url, { token, body, ip: `198.18.${Math.floor(cells.length / 250)}.${cells.length % 250}` });
            cells.push({ route: `${method} ${path}`, caller, model, target, want: expected(rule, caller, model, target, hasTarget), got: res.status });
          }
        }
      }
    }
    log.silent = false;
    const wrong = cells.filter((c) => (c.want === 'deny') !== refused(c.got));
    console.log(`route × role matrix: ${routes.length} routes, ${cells.length} cells (${cells.filter((c) => c.want === 'deny').length} refused, ${cells.filter((c) => c.want === 'allow').length} allowed)`);
    expect(wrong.map((c) => `${c.route} as ${c.caller} on ${c.model} (${c.target}): wanted ${c.want}, got ${c.got}`)).toEqual([]);
    // About a thousand requests with their fixtures: 45 s on an idle machine, more under a parallel run.
  }, 600_000);

  it('admin tokens open nothing on the content API', async () => {
    expect((await call('GET', '/api/practices', { token: tokens.editor })).status).toBe(401);
    expect((await call('GET', '/api/users', { token: tokens.editor })).status).toBe(401);
  });
});
