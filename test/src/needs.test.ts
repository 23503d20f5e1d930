/**
 * Need records end to end on a real Strapi: the seed's synthetic records and published figures, a
 * partner's CSV import (errors, nothing stored, valid rows only, idempotent, Latin-1, 10,000 rows),
 * single-record entry, isolation between partners, editors and the super admin, and the codes that must
 * never be stored, published or logged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL, validCodiceFiscale, codiceFiscaleCheck } from '@coesione/model';
import { DEMO_USERS, demoUsers, seed } from '@coesione/scripts/seed/seed.ts';
import { readSeedData } from '@coesione/scripts/seed/data.ts';
import { syntheticArrival, syntheticRecords } from '@coesione/scripts/seed/needs.ts';
import { cmsModule, startCms, type TestCms } from './support/cms.ts';
import { send, type Answer } from './support/http.ts';

let cms: TestCms;
const RECORD = 'api::need-record.need-record';
const CM = `/content-manager/collection-types/${RECORD}`;
const PARTNER_B = { email: 'ente.b.bisogni@coesione.example', password: 'Ente-B-Bisogni-2026' };
const tokens = { a: '', b: '', editor: '', admin: '' };
const logged: string[] = [];

function call(method: string, pathname: string, init: { token?: string; body?: unknown } = {}): Promise<Answer> {
  const form = init.body instanceof FormData;
  return send(`${cms.url}${pathname}`, {
    method,
    headers: {
      ...(init.body === undefined || form ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : form ? (init.body as FormData) : JSON.stringify(init.body),
  });
}

async function login(email: string, password: string): Promise<string> {
  const res = await call('POST', '/admin/login', { body: { email, password } });
  expect(res.status, res.text).toBe(200);
  return res.json.data.token ?? res.json.data.accessToken;
}

/** An import as the page makes it: the preview (which writes nothing), then its confirmation with the file again. */
async function upload(token: string, bytes: Uint8Array | string, validOnly = false): Promise<Answer> {
  const form = () => {
    const f = new FormData();
    f.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'text/csv' }), 'dati.csv');
    return f;
  };
  const preview = await call('POST', `/coesione-needs/import/preview${validOnly ? '?validOnly=1' : ''}`, { token, body: form() });
  expect(preview.status, preview.text.slice(0, 500)).toBe(200);
  return call('POST', `/coesione-needs/import?plan=${preview.json.plan}${validOnly ? '&validOnly=1' : ''}`, { token, body: form() });
}

/** A synthetic, valid codice fiscale (check character computed). */
const cf = (body15: string) => body15 + codiceFiscaleCheck(body15);
const CF_SHARED = cf('TSTBSG80A01L750');
const CF_A_ONLY = cf('PRVNDT75B41L750');
const HEADER = 'mese;comune;fascia_eta;tipo_nucleo;sesso;cittadinanza;bisogni;servizi;servizio_sociale;codice_fiscale;codice_interno';

const ownRecords = async (slug: string) => {
  const org = await cms.strapi.db.query('api::organization.organization').findOne({ where: { slug, publishedAt: null } });
  return cms.strapi.db.query(RECORD).count({ where: { organization: { id: org.id } } });
};

beforeAll(async () => {
  cms = await startCms();
  for (const level of ['info', 'warn', 'error', 'debug', 'http'] as const) {
    const original = cms.strapi.log[level].bind(cms.strapi.log);
    (cms.strapi.log as unknown as Record<string, (...args: unknown[]) => unknown>)[level] = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      return original(...(args as [string]));
    };
  }
  await seed(cms.strapi, { today: new Date('2026-11-20T10:00:00Z') });
  const role = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
  await cms.strapi.service('admin::user').create({ ...PARTNER_B, firstname: 'Ente', lastname: 'B', isActive: true, registrationToken: null, roles: [role.id] });
  const orgB = (await cms.strapi.documents('api::organization.organization').findFirst({ filters: { slug: 'odv-voci-amiche' } } as never))!.documentId;
  await cms.strapi.documents('api::partner-account.partner-account').create({ data: { email: PARTNER_B.email, organization: orgB } } as never);
  const users = demoUsers();
  tokens.a = await login(DEMO_USERS.partner.email, DEMO_USERS.partner.password);
  tokens.b = await login(PARTNER_B.email, PARTNER_B.password);
  tokens.editor = await login(DEMO_USERS.editor.email, DEMO_USERS.editor.password);
  tokens.admin = await login(users.admin.email, users.admin.password);
});

afterAll(async () => {
  await cms?.stop();
});

describe('the seed and the published figures', () => {
  it('has about 3,000 synthetic records and publishes every quarter at three levels, none under the threshold', async () => {
    const records = await cms.strapi.db.query(RECORD).count();
    expect(records).toBeGreaterThan(2500);
    expect(records).toBeLessThan(4000);
    const res = await call('GET', '/api/need-figures?pagination[pageSize]=100');
    expect(res.status).toBe(200);
    const releases = res.json.data as { quarter: string; level: string; minCell: number; cells: { people: number | null; multiBody: number | null; category: string }[] }[];
    expect(new Set(releases.map((r) => r.quarter)).size).toBe(8);
    expect(releases).toHaveLength(24);
    for (const r of releases) {
      expect(r.minCell).toBe(5);
      for (const c of r.cells) {
        if (c.people !== null) expect(c.people).toBeGreaterThanOrEqual(5);
        if (c.multiBody !== null) expect(c.multiBody === 0 || c.multiBody >= 5).toBe(true);
      }
    }
    const district = releases.find((r) => r.level === 'distretto' && r.quarter === '2026-T3')!;
    expect(district.cells.find((c) => c.category === ALL && (c as { ageBand?: string }).ageBand === ALL)!.people).toBeGreaterThan(100);
  });

  it('publishes beside each quarter how many bodies sent their records, and on time, as the seed sent them', async () => {
    // Computed here from the seed's own synthetic records and arrival days, not by the CMS's code: a month is
    // due on the 15th of the month after; expected are the bodies with records in the year before or in T3.
    const today = new Date('2026-11-20T10:00:00Z');
    const bySlug = syntheticRecords(readSeedData(), today);
    const quarter = ['2026-07', '2026-08', '2026-09'];
    const due: Record<string, string> = { '2026-07': '2026-08-15', '2026-08': '2026-09-15', '2026-09': '2026-10-15' };
    let expected = 0;
    let reported = 0;
    let onTime = 0;
    for (const [slug, rows] of bySlug) {
      const months = new Set(rows.map((r) => r.month));
      if (![...months].some((m) => m >= '2025-07' && m <= '2026-09')) continue;
      expected += 1;
      if (!quarter.every((m) => months.has(m))) continue;
      reported += 1;
      if (quarter.every((m) => syntheticArrival(slug, m, today).toISOString().slice(0, 10) <= due[m]!)) onTime += 1;
    }
    expect(expected).toBeGreaterThan(3);
    expect(onTime).toBeLessThan(reported); // the seed's arrival days make some bodies late
    const res = await call('GET', '/api/need-figures?filters[quarter][$eq]=2026-T3&pagination[pageSize]=10');
    const releases = res.json.data as { level: string; reporting: { expected: number; reported: number; onTime: number; months: unknown[] } }[];
    expect(releases).toHaveLength(3);
    for (const r of releases) {
      expect({ expected: r.reporting.expected, reported: r.reporting.reported, onTime: r.reporting.onTime }, r.level).toEqual({ expected, reported, onTime });
      expect(r.reporting.months).toHaveLength(3);
    }
    // Counts only: no body is named in what the public reads.
    expect(JSON.stringify(releases.map((r) => r.reporting))).not.toMatch(/[a-z]{3,}-[a-z]/);
  });

  it('never answers a record, a key or a code on the public API', async () => {
    for (const pathname of ['/api/need-records', '/api/need-audits', '/api/need-records/1']) expect((await call('GET', pathname)).status).toBe(404);
    const res = await call('GET', '/api/need-figures?pagination[pageSize]=100');
    expect(res.text).not.toMatch(/personKey|codiceFiscale|cf:|in:[A-Za-z0-9_-]{20}/);
  });
});

describe('a partner’s CSV import', () => {
  it('offers a template with the Italian headers', async () => {
    const res = await call('GET', '/coesione-needs/template.csv', { token: tokens.a });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
    // Its companion lists the codes the coded columns take, with their Italian labels, from the CMS's vocabularies,
    // and beside each category and service its national codes (those the import accepts first).
    const codes = await call('GET', '/coesione-needs/codes.csv', { token: tokens.a });
    expect(codes.status).toBe(200);
    const lines = codes.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('colonna;codice;etichetta;codici_nazionali_ammessi;caritas;area_siuss;area_utenza_istat;nomenclatore_cisis;prestazioni_siuss');
    expect(lines.map((l) => l.split(';').slice(0, 3).join(';'))).toEqual(expect.arrayContaining(['bisogni;casa;Casa', 'bisogni;non-autosufficienza;Non autosufficienza', 'servizi;ascolto-e-orientamento;Ascolto e orientamento', 'fascia_eta;eta_30_49;30–49']));
    expect(lines.find((l) => l.startsWith('bisogni;casa;'))?.split(';')[3]).toBe('CAS');
  });

  it('reports every bad row with its row, field and reason, and stores nothing', async () => {
    const before = await ownRecords('aps-bottega-del-riuso');
    const file = [HEADER,
      '2026-10;002158;30-49;monogenitore;femmina;extra UE;casa|lavoro;ascolto-e-orientamento;sì;;SCH-1',
      '2026-13;002158;30-49;;;;casa;;no;;SCH-2',
      '2026-10;Milano;30-49;;;;casa;;no;;SCH-3',
      '2026-10;002158;centenario;;;;casa|astrologia;;forse;RSSMRA85T10A562X;SCH-4',
    ].join('\n');
    const res = await upload(tokens.a, file);
    expect(res.status).toBe(422);
    expect(res.json.stored).toBe(0);
    const errors = res.json.errors as { row: number; field: string; message: string }[];
    expect(errors.map((e) => `${e.row}:${e.field}`)).toEqual(['3:mese', '4:comune', '5:fascia_eta', '5:bisogni', '5:servizio_sociale', '5:codice_fiscale']);
    expect(errors[0]!.message).toContain('non è un mese');
    expect(res.text).not.toContain('RSSMRA85T10A562X');
    expect(res.json.message).toMatch(/Nessuna riga importata/);
    expect(await ownRecords('aps-bottega-del-riuso')).toBe(before);
  });

  it('stores the valid rows when asked, and a second import of the same month replaces it', async () => {
    const before = await ownRecords('aps-bottega-del-riuso');
    const file = [HEADER,
      `2026-10;002158;30-49;monogenitore;femmina;extra UE;casa|lavoro;ascolto-e-orientamento;sì;${CF_SHARED};`,
      `2026-10;Santhià;65-79;persona sola;;;solitudine;;no;${CF_A_ONLY};`,
      '2026-10;002016;80+;;;;non autosufficienza|solitudine;;no;;SCH-77',
      '2026-10;002158;eta sconosciuta;;;;casa;;no;;SCH-78',
    ].join('\r\n');
    const first = await upload(tokens.a, file, true);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ stored: 3, partial: true, months: ['2026-10'] });
    const octoberBefore = first.json.replaced as number;
    expect(await ownRecords('aps-bottega-del-riuso')).toBe(before - octoberBefore + 3);
    const again = await upload(tokens.a, file, true);
    expect(again.json).toMatchObject({ stored: 3, replaced: 3 });
    expect(await ownRecords('aps-bottega-del-riuso')).toBe(before - octoberBefore + 3);
  });

  it('refuses a file over NEED_IMPORT_MAX_BYTES before reading it, and a million one-letter rows before parsing them', async () => {
    const before = await ownRecords('aps-bottega-del-riuso');
    const preview = (bytes: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'text/csv' }), 'dati.csv');
      return call('POST', '/coesione-needs/import/preview', { token: tokens.a, body: form });
    };
    const saved = process.env.NEED_IMPORT_MAX_BYTES;
    process.env.NEED_IMPORT_MAX_BYTES = String(1024 * 1024);
    try {
      const big = await preview([HEADER, ...Array.from({ length: 30_000 }, (_, i) => `2026-10;002158;30-49;;;;casa;;no;;GRANDE-${i}`)].join('\n'));
      expect(big.status).toBe(413);
      expect(big.json.error.message).toBe('Il file è troppo grande: al massimo 1 MB per importazione. Dividilo per mese.');
    } finally {
      if (saved === undefined) delete process.env.NEED_IMPORT_MAX_BYTES;
      else process.env.NEED_IMPORT_MAX_BYTES = saved;
    }
    // Two megabytes of one-letter rows: refused on the count of lines, with one error, not a million.
    const rows = await preview(`${HEADER}\n${'a\n'.repeat(1_000_000)}`);
    expect(rows.status, rows.text.slice(0, 300)).toBe(200);
    expect(rows.json.errors).toHaveLength(1);
    expect(rows.json.errors[0].message).toMatch(/^Il file ha più di 200000 righe/);
    expect(rows.json.canImport).toBe(false);
    expect(await ownRecords('aps-bottega-del-riuso')).toBe(before);
  });

  it('reads a large file off the event loop: public reads keep answering while it is parsed', async () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => `2026-09;002158;30-49;;;;casa|reddito;;no;;GRANDE-${i}`);
    const form = new FormData();
    form.append('file', new Blob([[HEADER, ...rows].join('\n')], { type: 'text/csv' }), 'grande.csv');
    let pending = true;
    const preview = call('POST', '/coesione-needs/import/preview', { token: tokens.b, body: form }).finally(() => (pending = false));
    // Reads one after another while the preview is pending: a parse on the main thread would hold them all.
    let answered = 0;
    while (pending) {
      const read = await call('GET', '/api/need-figures?pagination[pageSize]=1');
      expect(read.status).toBe(200);
      if (pending) answered += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await preview;
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.json.valid).toBe(150_000);
    // Measured: 20 reads with the parse in its worker thread, 3 (during the upload) with it on the main thread.
    expect(answered, 'public reads answered during the parse').toBeGreaterThanOrEqual(8);
  });

  it('reads the Latin-1 a spreadsheet writes', async () => {
    const latin1 = Buffer.from([HEADER, '2026-09;Santhià;18-29;;;;documenti e migrazione;mediazione linguistica e culturale;no;;LAT-1'].join('\r\n'), 'latin1');
    expect(latin1.includes(Buffer.from('à', 'utf8'))).toBe(false);
    const res = await upload(tokens.a, latin1);
    expect(res.status, res.text).toBe(200);
    expect(res.json.stored).toBe(1);
  });

  it('takes 10,000 rows in one file', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `2024-0${1 + (i % 6)};002158;30-49;;;;casa|reddito;;no;;BULK-${i % 2000}-${Math.floor(i / 2000)}`);
    const res = await upload(tokens.b, [HEADER, ...rows].join('\n'));
    expect(res.status, res.text.slice(0, 500)).toBe(200);
    expect(res.json.stored).toBe(10_000);
  });

  it('counts a person followed by two bodies once, as followed by more than one', async () => {
    const res = await upload(tokens.b, [HEADER, `2026-10;002158;30-49;;;;casa;;no;${CF_SHARED};`].join('\n'));
    expect(res.json.stored).toBe(1);
    const keysOf = async (slug: string) => {
      const org = await cms.strapi.db.query('api::organization.organization').findOne({ where: { slug, publishedAt: null } });
      const rows = (await cms.strapi.db.query(RECORD).findMany({ where: { organization: { id: org.id }, month: '2026-10', personKey: { $startsWith: 'cf:' } }, select: ['personKey'] })) as { personKey: string }[];
      return rows.map((r) => r.personKey);
    };
    const [ofA, ofB] = [await keysOf('aps-bottega-del-riuso'), await keysOf('odv-voci-amiche')];
    expect(ofB).toHaveLength(1);
    expect(ofA).toContain(ofB[0]);
  });

  it('changes no published figure on an import: a code another body follows and a new one read the same until the next release', async () => {
    // The oracle of a partner who names a person: import, read the open quarter, compare. Figures are
    // released on fixed dates (a month apart while provisional), never recomputed on an import.
    const figures = async () => (await call('GET', '/api/need-figures?pagination[pageSize]=100')).text;
    const before = await figures();
    const known = await upload(tokens.b, [HEADER, `2026-11;002158;30-49;;;;violenza;;no;${CF_SHARED};`].join('\n'));
    expect(known.json.stored).toBe(1);
    expect(await figures()).toBe(before);
    const fresh = await upload(tokens.b, [HEADER, `2026-11;002158;30-49;;;;violenza;;no;${cf('NVOPRS90C41L750')};`].join('\n'));
    expect(fresh.json.stored).toBe(1);
    expect(await figures()).toBe(before);
    // The daily job releases nothing within the month of the last release.
    const { refreshFigures } = cmsModule<{ refreshFigures(strapi: unknown, now?: Date): Promise<void> }>('features/needs/service');
    const computedAt = ((await cms.strapi.db.query('api::need-figure.need-figure').findMany({ select: ['computedAt'] })) as { computedAt: string }[]).map((f) => f.computedAt).sort().at(-1)!;
    await refreshFigures(cms.strapi, new Date(new Date(computedAt).getTime() + 60_000));
    expect(await figures()).toBe(before);
  });

  it('makes a quarter final on its freeze day, and never changes it after', async () => {
    // 2026-T4 closes on 31 December; NEED_FREEZE_DAYS is 45: final on 15 February 2027.
    const { refreshFigures } = cmsModule<{ refreshFigures(strapi: unknown, now?: Date): Promise<void> }>('features/needs/service');
    const quarter = async () =>
      ((await cms.strapi.db.query('api::need-figure.need-figure').findMany({ where: { quarter: '2026-T4' }, orderBy: { level: 'asc' } })) as { level: string; frozen: boolean; cells: unknown }[]).map((r) => ({ level: r.level, frozen: r.frozen, cells: JSON.stringify(r.cells) }));
    await refreshFigures(cms.strapi, new Date('2027-02-14T10:00:00Z'));
    const eve = await quarter();
    expect(eve.map((r) => r.frozen)).toEqual([false, false, false]);
    await refreshFigures(cms.strapi, new Date('2027-02-15T10:00:00Z'));
    const final = await quarter();
    expect(final.map((r) => r.frozen)).toEqual([true, true, true]);
    // A late import of the quarter, and the releases of the following months, leave it as it was.
    const late = await upload(tokens.b, [HEADER, ...Array.from({ length: 30 }, (_, i) => `2026-11;002158;30-49;;;;casa;;no;;TARDI-${i}`)].join('\n'));
    expect(late.json.stored).toBe(30);
    await refreshFigures(cms.strapi, new Date('2027-03-02T10:00:00Z'));
    await refreshFigures(cms.strapi, new Date('2027-04-02T10:00:00Z'));
    expect(await quarter()).toEqual(final);
  });
});

describe('who sees need records', () => {
  let ownId: string;

  it('lets a partner enter one record in the admin, keeping only the key of its codice fiscale', async () => {
    const comune = await cms.strapi.db.query('api::municipality.municipality').findOne({ where: { istatCode: '002158' } });
    const casa = await cms.strapi.db.query('api::need-category.need-category').findOne({ where: { slug: 'casa' } });
    const bad = await call('POST', CM, { token: tokens.a, body: { month: '2026-11', ageBand: 'eta_30_49', municipality: comune.documentId, categories: [casa.documentId], codiceFiscale: 'RSSMRA85T10A562X' } });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Il codice fiscale non è valido');
    const theirs = await cms.strapi.db.query('api::organization.organization').findOne({ where: { slug: 'odv-voci-amiche', publishedAt: null } });
    const res = await call('POST', CM, { token: tokens.a, body: { month: '2026-11', ageBand: 'eta_30_49', municipality: comune.documentId, categories: [casa.documentId], codiceFiscale: CF_A_ONLY, organization: theirs.documentId } });
    expect(res.status, res.text).toBe(201);
    ownId = res.json.data.documentId;
    expect(res.text).not.toContain(CF_A_ONLY);
    expect(res.text).not.toContain('personKey');
    const stored = await cms.strapi.db.query(RECORD).findOne({ where: { documentId: ownId }, populate: ['organization'] });
    expect(stored.codiceFiscale).toBeNull();
    expect(stored.personKey).toMatch(/^cf:/);
    expect(stored.organization.slug).toBe('aps-bottega-del-riuso');
  });

  it('shows a partner its own records only, and none to the other partner, an editor or the super admin', async () => {
    const list = await call('GET', `${CM}?page=1&pageSize=100`, { token: tokens.a });
    expect(list.status).toBe(200);
    expect(list.json.results.map((r: { documentId: string }) => r.documentId)).toContain(ownId);
    expect((await call('GET', `${CM}/${ownId}`, { token: tokens.b })).status).toBe(403);
    expect((await call('PUT', `${CM}/${ownId}`, { token: tokens.b, body: { month: '2026-01' } })).status).toBe(403);
    expect((await call('DELETE', `${CM}/${ownId}`, { token: tokens.b })).status).toBe(403);
    const listB = await call('GET', `${CM}?page=1&pageSize=100`, { token: tokens.b });
    expect(listB.json.results.map((r: { documentId: string }) => r.documentId)).not.toContain(ownId);
    for (const token of [tokens.editor, tokens.admin]) {
      expect((await call('GET', `${CM}?page=1&pageSize=10`, { token })).status).toBe(403);
      expect((await call('GET', `${CM}/${ownId}`, { token })).status).toBe(403);
      expect((await call('POST', '/coesione-needs/import', { token })).status).toBe(403);
    }
  });

  it('refuses need records to a super admin holding the Partner role too, keeps them off its home page, and logs role changes', async () => {
    const admin = (await cms.strapi.db.query('admin::user').findOne({ where: { email: demoUsers().admin.email }, populate: { roles: true } })) as { id: number; roles: { id: number }[] };
    const partner = await cms.strapi.service('admin::role').findOne({ code: 'coesione-partner' });
    const own = admin.roles.map((r) => r.id);
    const asked = await call('PUT', `/admin/users/${admin.id}`, { token: tokens.admin, body: { roles: [...own, partner.id] } });
    expect(asked.status).toBe(400);
    expect(asked.text).toContain('non si combina con altri ruoli');
    // Given the role anyway (a script, a restore of an old database), it still reads no record.
    await cms.strapi.db.query('admin::user').update({ where: { id: admin.id }, data: { roles: [...own, partner.id] } });
    try {
      expect((await call('GET', `${CM}?page=1&pageSize=10`, { token: tokens.admin })).status).toBe(403);
      expect((await call('GET', '/coesione-needs/summary', { token: tokens.admin })).status).toBe(403);
      const recent = await call('GET', '/content-manager/homepage/recent-documents?action=update', { token: tokens.admin });
      expect(recent.status, recent.text).toBe(200);
      expect((recent.json.data as { contentTypeUid: string }[]).map((d) => d.contentTypeUid)).not.toContain(RECORD);
    } finally {
      await cms.strapi.db.query('admin::user').update({ where: { id: admin.id }, data: { roles: own } });
    }
    // A new partner account: its roles, who gave them and to whom, in the log.
    const created = await call('POST', '/admin/users', { token: tokens.admin, body: { firstname: 'Nuovo', lastname: 'Ente', email: 'nuovo.ente@coesione.example', roles: [partner.id] } });
    expect(created.status, created.text).toBe(201);
    expect(logged.some((l) => l.includes(`Audit ruoli: l’utente #${admin.id} ha cambiato i ruoli dell’utente #${created.json.data.id} da [] a [coesione-partner]`))).toBe(true);
  });

  it('gives a partner its own figures beside the district’s, and writes every bulk read to the audit log', async () => {
    const res = await call('GET', '/coesione-needs/figures.csv', { token: tokens.a });
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('trimestre;stato;trimestri_contati;codice_istat;categoria;persone_seguite_da_voi;persone_nel_distretto');
    expect(lines.some((l) => /;meno di 5$/.test(l))).toBe(true);
    // Every quarter already released says whether its figure may still change.
    for (const line of lines.slice(1).filter((l) => !l.endsWith(';non ancora pubblicato'))) expect(line.split(';')[1], line).toMatch(/^(provvisorio|definitivo)$/);
    const audit = (await cms.strapi.db.query('api::need-audit.need-audit').findMany({ where: { actor: DEMO_USERS.partner.email } })) as { action: string; count: number }[];
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['importazione', 'importazione_non_riuscita', 'esportazione', 'lettura_elenco']));
  });

  it('never stores or logs a codice fiscale or a file code', async () => {
    const stored = cms.databaseContents();
    expect(stored.length).toBeGreaterThan(0);
    for (const code of [CF_SHARED, CF_A_ONLY, 'SCH-77', 'LAT-1', 'BULK-1999-4']) {
      expect(stored.includes(Buffer.from(code)), code).toBe(false);
      expect(logged.join('\n'), code).not.toContain(code);
    }
    expect(validCodiceFiscale(CF_SHARED)).toBe(true);
  });
});

describe('retention and settings', () => {
  it('deletes records older than the retention period and keeps the published figures', async () => {
    const ops = cms.strapi.service(RECORD) as unknown as { applyRetention(now: Date): Promise<number> };
    const figures = await cms.strapi.db.query('api::need-figure.need-figure').count();
    const deleted = await ops.applyRetention(new Date('2030-06-15T10:00:00Z'));
    expect(deleted).toBeGreaterThan(10_000);
    const left = (await cms.strapi.db.query(RECORD).findMany({ select: ['month'] })) as { month: string }[];
    expect(left.every((r) => r.month >= '2025-06')).toBe(true);
    expect(await cms.strapi.db.query('api::need-figure.need-figure').count()).toBe(figures);
  });

  it('refuses a threshold under 3 (the Sistan floor) before the CMS starts', () => {
    const { needSettings } = cmsModule<{ needSettings(): unknown }>('features/needs/service');
    const saved = process.env.NEED_MIN_CELL;
    try {
      process.env.NEED_MIN_CELL = '2';
      expect(() => needSettings()).toThrow(/NEED_MIN_CELL/);
    } finally {
      if (saved === undefined) delete process.env.NEED_MIN_CELL;
      else process.env.NEED_MIN_CELL = saved;
    }
  });
});
