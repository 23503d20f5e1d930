/**
 * Access control as an attacker meets it: a real Strapi on a copy of the seeded demo, reached over HTTP by
 * the public, two Partners (A and B, each linked to its own organisation) and an Editor
 * (support/access.ts). The route × role matrix, on its own CMS, is in access-matrix.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, PACT_KINDS, PACT_STAGE_LABELS, PACT_STAGES, PACT_TRANSITIONS, romeDay } from '@coesione/model';
import { DEMO_USERS } from '@coesione/scripts/seed/seed.ts';
import type { Answer } from './support/http.ts';
import { PUBLIC_TYPES, cms, PRACTICE, PACT, CM, PARTNER_B, call, tokens, vercelli, orgA, orgB, practiceBody, draftBy, uploadBy, proposedBy, useAccessFixture } from './support/access.ts';

useAccessFixture();

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
  it('cannot become another organisation by changing its own e-mail; its own name it may change', async () => {
    // An «Account partner» whose e-mail no admin user holds: the state after a restore, or when staff leaves.
    await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: 'ex.operatrice@coesione.example', organization: orgA } } as never);
    const renamed = await call('PUT', '/admin/users/me', { token: tokens.partnerB, body: { firstname: 'Ente B' } });
    expect(renamed.status, renamed.text).toBe(200);
    const taken = await call('PUT', '/admin/users/me', { token: tokens.partnerB, body: { email: 'ex.operatrice@coesione.example' } });
    expect(taken.status, taken.text).toBe(403);
    expect(taken.json.error.message, taken.text).toContain('non può cambiare da sé l’indirizzo e-mail');
    expect((await call('GET', '/admin/users/me', { token: tokens.partnerB })).json.data.email).toBe(PARTNER_B.email);

    // The account is bound to B's id, not to its e-mail: even with that other account's e-mail (set here as
    // only the super admin could), B's drafts carry B's organisation, and B gets its own back afterwards.
    const accounts = cms.strapi.db.query('api::partner-account.partner-account');
    const mine = (await accounts.findOne({ where: { email: PARTNER_B.email } })) as { adminUserId: number | null };
    expect(mine.adminUserId).toEqual(expect.any(Number));
    await cms.strapi.db.query('admin::user').update({ where: { id: mine.adminUserId }, data: { email: 'ex.operatrice@coesione.example' } });
    try {
      expect(await proposedBy(await draftBy(tokens.partnerB))).toBe(orgB);
    } finally {
      await cms.strapi.db.query('admin::user').update({ where: { id: mine.adminUserId }, data: { email: PARTNER_B.email } });
    }
    expect(((await accounts.findOne({ where: { email: 'ex.operatrice@coesione.example' } })) as { adminUserId: number | null }).adminUserId).toBeNull();
    // One login, one account: the office cannot bind B's login to a second organisation's account.
    const other = (await accounts.findOne({ where: { email: 'ex.operatrice@coesione.example' } })) as { documentId: string };
    const twice = await call('PUT', `${CM}/api::partner-account.partner-account/${other.documentId}`, { token: tokens.editor, body: { adminUserId: mine.adminUserId } });
    expect(twice.status, twice.text).toBe(400);
    expect(((await accounts.findOne({ where: { email: 'ex.operatrice@coesione.example' } })) as { adminUserId: number | null }).adminUserId).toBeNull();
  });

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

  it('a Partner cannot undo the office’s unpublished decision with «discard», nor change the kind once the path is taken', async () => {
    const created = await call('POST', `${CM}/${PACT}?locale=it`, { token: tokens.partnerA, body: pactBody('scarto-ente') });
    expect(created.status, created.text).toBe(201);
    const id = created.json.data.documentId as string;
    expect((await call('POST', `${CM}/${PACT}/${id}/actions/publish?locale=it`, { token: tokens.editor, body: {} })).status).toBe(200);
    // The office takes it up and saves without publishing: the draft is in review, the published version a proposal.
    expect((await move(tokens.editor, id, 'istruttoria', 'Presa in carico')).status).toBe(200);
    const taken = await stored(id);
    const discard = await call('POST', `${CM}/${PACT}/${id}/actions/discard?locale=it`, { token: tokens.partnerA, body: {} });
    expect(discard.status, discard.text).toBe(403);
    expect(discard.json.error.message).toContain('Solo la redazione può annullare');
    expect(await stored(id)).toMatchObject({ stage: 'istruttoria', stageHistory: taken.stageHistory });
    const kind = await call('PUT', `${CM}/${PACT}/${id}?locale=it`, { token: tokens.partnerA, body: { kind: 'complesso' } });
    expect(kind.status, kind.text).toBe(400);
    expect(kind.json.error.message).toMatch(/^Il tipo del patto non si cambia più nella fase «/);
    // A complex pact under public notice stays complex, whoever asks: an ordinary one never has a notice.
    const notice = await pactAt('complesso', 'avviso_pubblico');
    const office = await call('PUT', `${CM}/${PACT}/${notice}?locale=it`, { token: tokens.editor, body: { kind: 'ordinario' } });
    expect(office.status, office.text).toBe(400);
    expect(((await cms.strapi.documents(PACT).findOne({ documentId: notice, status: 'draft' } as never)) as unknown as { kind: string }).kind).toBe('complesso');
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
