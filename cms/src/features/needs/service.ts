/**
 * The need-data loop inside the CMS: a partner's CSV import (transactional, idempotent per month), the
 * published figures (aggregate.ts + disclosure.ts), the partner's own figures beside the district's, the
 * retention job and the audit log. Raw records leave the CMS by no path here: the only outputs are the
 * figures, the partner's own counts and the import report (rows, fields, reasons: no values of a person).
 */
import { createHash, createHmac } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { ALL, monthsOf, quarterLabel, quarterOf, romeDay, suppressedText, type CsvCell, type NeedRelease } from '@coesione/model';
import { partnerOrganization } from '../../platform/partners';
import { requestSiteRebuild } from '../../platform/site/rebuild-hook';
import { aggregate, frozenAt, peopleByQuarter, peopleOver, releaseDue, windowOf } from './aggregate';
import { readNeedCsvOffThread } from './csv-thread';
import type { ImportPreview, ImportReport, ImportUndone, OfficeReporting, PartnerSummary } from './contract';
import { codesCsv, normalize, partnerCsv, vocabularyOf, withNationalCodes, ProblemList, type CodedRow, type Problems, type Vocabularies } from './csv';
import { minCellFrom } from '../../platform/disclosure';
import { personKey } from './keys';
import { secret } from '../../platform/runtime';
import { previewImport } from './preview';
import { NEED_AUDIT, NEED_CATEGORY, NEED_FIGURE, NEED_SERVICE, countMonths, deleteBefore, readRecords, replaceFigures, replaceMonths, snapshotMonths, submissions, type StoredRecord } from './store';
import { reportingOf } from './completeness';
import { ensureUndoTable, keepForUndo, pendingUndo, purgeExpiredUndo, takeUndo } from './undo';

const MUNICIPALITY = 'api::municipality.municipality';
const ORGANIZATION = 'api::organization.organization';

const positiveInteger = (name: string, fallback: number, min = 1): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}: got "${raw}"`);
  return n;
};

const dayOfMonth = (name: string, fallback: number): number => {
  const n = positiveInteger(name, fallback);
  if (n > 28) throw new Error(`${name} must be a day from 1 to 28 (every month has it): got "${process.env[name]}"`);
  return n;
};

/** The need loop's settings, read (and checked: a bad value stops the CMS at start) from the environment. */
export function needSettings() {
  return {
    minCell: minCellFrom(process.env.NEED_MIN_CELL),
    retentionYears: positiveInteger('NEED_RETENTION_YEARS', 5),
    freezeDays: positiveInteger('NEED_FREEZE_DAYS', 45, 0),
    reportDueDay: dayOfMonth('NEED_REPORT_DUE_DAY', 15),
    comuneQuarters: positiveInteger('NEED_COMUNE_QUARTERS', 4),
    maxRows: positiveInteger('NEED_IMPORT_MAX_ROWS', 200_000),
    // 200,000 rows of a full template line each are about 20 MB.
    maxBytes: positiveInteger('NEED_IMPORT_MAX_BYTES', 32 * 1024 * 1024),
  };
}

interface Actor {
  id: number;
  email: string;
}

async function audit(strapi: Core.Strapi, entry: { actor: string; action: string; organization?: string; count: number; detail?: string }): Promise<void> {
  await strapi.documents(NEED_AUDIT).create({ data: { at: new Date().toISOString(), ...entry, detail: entry.detail?.slice(0, 500) } } as never);
}

interface Lookup {
  vocab: Vocabularies;
  comuneIds: Map<string, number>;
  categoryIds: Map<string, number>;
  serviceIds: Map<string, number>;
}

async function lookup(strapi: Core.Strapi): Promise<Lookup> {
  const comuni = (await strapi.db.query(MUNICIPALITY).findMany({ select: ['id', 'istatCode', 'name'] })) as { id: number; istatCode: string; name: string }[];
  const vocabulary = async (uid: string) => (await strapi.db.query(uid).findMany({ select: ['id', 'slug', 'name'] })) as { id: number; slug: string; name: string }[];
  const [categories, services] = [await vocabulary(NEED_CATEGORY), await vocabulary(NEED_SERVICE)];
  return {
    // The national codes of the crosswalk (Caritas's needs, SIUSS's benefits) are read as the district's.
    vocab: withNationalCodes({
      comuni: new Map(comuni.flatMap((c) => [[c.istatCode, c.istatCode], [normalize(c.name), c.istatCode]] as [string, string][])),
      categories: vocabularyOf(categories),
      services: vocabularyOf(services),
    }),
    comuneIds: new Map(comuni.map((c) => [c.istatCode, c.id])),
    categoryIds: new Map(categories.map((c) => [c.slug, c.id])),
    serviceIds: new Map(services.map((c) => [c.slug, c.id])),
  };
}

/** The organisation a Partner speaks for: documentId, row id and name. */
export async function partnerOf(strapi: Core.Strapi, userId: number): Promise<{ documentId: string; id: number; name: string } | undefined> {
  const documentId = await partnerOrganization(strapi, userId);
  if (!documentId) return undefined;
  // The draft row: it keeps its id when the organisation is published again (published rows are recreated).
  const row = (await strapi.db.query(ORGANIZATION).findOne({ where: { documentId, publishedAt: null }, select: ['id', 'name'], orderBy: { id: 'asc' } })) as { id: number; name: string } | null;
  return row ? { documentId, id: row.id, name: row.name } : undefined;
}

/** A confirmation that no longer matches what the database holds: the partner must look at a new preview. */
export class StalePreviewError extends Error {
  override name = 'StalePreviewError';
  constructor(readonly preview: ImportPreview) {
    super('Nel frattempo i dati di questi mesi sono cambiati (o il file non è quello dell’anteprima): nulla è stato importato. Controlla la nuova anteprima e conferma di nuovo.');
  }
}

interface PreparedImport {
  organization: { documentId: string; id: number; name: string };
  records: StoredRecord[];
  problems: Problems;
  total: number;
  months: string[];
  preview: (existing: ReadonlyMap<string, number>) => ImportPreview;
}

/** Reads and checks the file and turns its rows into records; touches nothing. */
async function prepareImport(strapi: Core.Strapi, actor: Actor, bytes: Uint8Array, options: { validOnly: boolean; now: Date }): Promise<PreparedImport> {
  const organization = await partnerOf(strapi, actor.id);
  if (!organization) throw new Error('not a partner');
  const settings = needSettings();
  const { vocab, comuneIds, categoryIds, serviceIds } = await lookup(strapi);
  const parsed = await readNeedCsvOffThread(bytes, vocab, { maxRows: settings.maxRows, today: romeDay(options.now) });
  const duplicates = new ProblemList();
  const seen = new Map<string, number>();
  const records: StoredRecord[] = [];
  for (const row of parsed.rows) {
    const key = personKey({ codiceFiscale: row.codiceFiscale, internalCode: row.internalCode, organization: organization.documentId });
    if (key) {
      const first = seen.get(`${row.month}|${key}`);
      if (first !== undefined) {
        duplicates.add([{ row: row.row, field: row.codiceFiscale ? 'codice_fiscale' : 'codice_interno', message: `La stessa persona compare già alla riga ${first} per il mese ${row.month}: una riga per persona e mese.` }]);
        continue;
      }
      seen.set(`${row.month}|${key}`, row.row);
    }
    records.push({
      month: row.month,
      municipality: comuneIds.get(row.istat)!,
      ageBand: row.ageBand,
      household: row.household,
      sex: row.sex,
      citizenship: row.citizenship,
      categories: row.categories.map((c) => categoryIds.get(c)!),
      services: row.services.map((s) => serviceIds.get(s)!),
      socialServiceInvolved: row.socialServiceInvolved,
      personKey: key,
      organization: organization.id,
      createdBy: actor.id,
    });
  }
  const problems = duplicates.merge(parsed);
  const months = [...new Set(records.map((r) => r.month))].sort();
  const fileDigest = createHash('sha256').update(bytes).digest('base64url');
  const preview = (existing: ReadonlyMap<string, number>) =>
    previewImport({ organization: organization.id, fileDigest, total: parsed.total, validMonths: records.map((r) => r.month), problems, existing, validOnly: options.validOnly });
  return { organization, records, problems, total: parsed.total, months, preview };
}

/**
 * The trial run: what importing the file would do, month by month, and the `plan` a confirmation must
 * send back. Reads the organisation's counts; writes nothing.
 */
export async function previewNeedCsv(strapi: Core.Strapi, actor: Actor, bytes: Uint8Array, options: { validOnly: boolean; now?: Date }): Promise<ImportPreview> {
  const prepared = await prepareImport(strapi, actor, bytes, { validOnly: options.validOnly, now: options.now ?? new Date() });
  return prepared.preview(await countMonths(strapi, strapi.db.connection, prepared.organization.id, prepared.months));
}

/**
 * Imports a partner's CSV once the partner has seen its preview: `plan` is the preview's, and the
 * file is sent again. With any error nothing is stored, unless `validOnly`: then the valid rows are.
 * The months in the file replace that organisation's records of the same months, in one transaction that
 * first checks the months still hold what the preview showed, and keeps what it replaces for the undo.
 */
export async function importNeedCsv(strapi: Core.Strapi, actor: Actor, bytes: Uint8Array, options: { validOnly: boolean; plan: string; now?: Date }): Promise<ImportReport> {
  const now = options.now ?? new Date();
  const prepared = await prepareImport(strapi, actor, bytes, { validOnly: options.validOnly, now });
  const { organization, records, problems, months } = prepared;
  const { errorCount } = problems;
  const base = { total: prepared.total, valid: records.length, months, errors: problems.errors, errorCount, partial: false };
  // A refused import is audited too: the partner's daily e-mail (features/queue-mail) reminds it until a later import succeeds.
  const refused = (detail: string) => audit(strapi, { actor: actor.email, action: 'importazione_non_riuscita', organization: organization.name, count: 0, detail });
  if (errorCount > 0 && !options.validOnly) {
    await refused(`righe lette ${prepared.total}; errori ${errorCount}`);
    return { ...base, stored: 0, replaced: 0, months: [], message: `Nessuna riga importata: ${errorCount === 1 ? 'c’è un errore' : `ci sono ${errorCount} errori`} da correggere (o scegli «importa solo le righe valide»).` };
  }
  if (records.length === 0) {
    await refused(`righe lette ${prepared.total}; nessuna valida`);
    return { ...base, stored: 0, replaced: 0, message: 'Nessuna riga valida da importare.' };
  }
  await ensureUndoTable(strapi);
  const { deleted, undo } = await strapi.db.transaction(async ({ trx }) => {
    const preview = prepared.preview(await countMonths(strapi, trx, organization.id, months));
    if (preview.plan !== options.plan) throw new StalePreviewError(preview);
    const replaced = await snapshotMonths(strapi, trx, organization.id, months);
    const result = await replaceMonths(strapi, trx, organization.id, months, records);
    return { ...result, undo: await keepForUndo(strapi, trx, { organization: organization.id, actor: actor.id, months, replaced, imported: records.length, now }) };
  });
  await audit(strapi, { actor: actor.email, action: 'importazione', organization: organization.name, count: records.length, detail: `mesi ${months.join(', ')}; sostituite ${deleted} schede; errori ${errorCount}` });
  // No recomputation here: the import reaches the published figures with the next release (releaseDue).
  return {
    ...base,
    stored: records.length,
    replaced: deleted,
    partial: errorCount > 0,
    undo,
    message: `Importate ${records.length} schede (${months.join(', ')})${deleted > 0 ? `, al posto delle ${deleted} già presenti per gli stessi mesi` : ''}${problems.badRows > 0 ? `; ${problems.badRows} righe con errori non importate` : ''}.`,
  };
}

/**
 * Undoes the organisation's last import (within UNDO_HOURS, and only the last): its months go back to the
 * records they held before it, in one transaction. Changes made to those months since are undone too.
 */
export async function undoLastImport(strapi: Core.Strapi, actor: Actor, now = new Date()): Promise<ImportUndone | undefined> {
  const organization = await partnerOf(strapi, actor.id);
  if (!organization) throw new Error('not a partner');
  await ensureUndoTable(strapi);
  const done = await strapi.db.transaction(async ({ trx }) => {
    const undo = await takeUndo(strapi, trx, organization.id, now);
    if (!undo) return undefined;
    const { deleted } = await replaceMonths(strapi, trx, organization.id, undo.months, undo.records.map((r) => ({ ...r, organization: organization.id })));
    return { months: undo.months, removed: deleted, restored: undo.records.length };
  });
  if (!done) return undefined;
  await audit(strapi, { actor: actor.email, action: 'annullamento_importazione', organization: organization.name, count: done.restored, detail: `mesi ${done.months.join(', ')}; tolte ${done.removed} schede, rimesse ${done.restored}` });
  return { ...done, message: `Importazione annullata: ${done.months.join(', ')} ${done.months.length === 1 ? 'torna' : 'tornano'} com’era prima (${done.restored === 1 ? '1 scheda' : `${done.restored} schede`}).` };
}

/** The codes a partner may write in the coded columns, with their labels: the template's companion. */
export async function allowedCodesCsv(strapi: Core.Strapi): Promise<string> {
  const vocabulary = async (uid: string) =>
    ((await strapi.db.query(uid).findMany({ select: ['slug', 'name'], orderBy: { name: 'asc' } })) as { slug: string; name: string }[]).map((v) => ({ code: v.slug, label: v.name }));
  return codesCsv({ categories: await vocabulary(NEED_CATEGORY), services: await vocabulary(NEED_SERVICE) });
}

/** A synthetic or migrated record as the seed writes it: an imported row's codes, without its row number. */
export type SeedRecord = Omit<CodedRow, 'row'>;

/**
 * Stores records for an organisation (by slug) without an admin user: the seed's synthetic data. Same
 * store, keys and month replacement as an import; `receivedAt` dates each month's arrival (completeness).
 */
export async function storeRecordsFor(strapi: Core.Strapi, organizationSlug: string, rows: SeedRecord[], receivedAt?: (month: string) => Date): Promise<number> {
  const org = (await strapi.db.query(ORGANIZATION).findOne({ where: { slug: organizationSlug, publishedAt: null }, select: ['id', 'documentId'], orderBy: { id: 'asc' } })) as { id: number; documentId: string } | null;
  if (!org) throw new Error(`No organisation ${organizationSlug}`);
  const { comuneIds, categoryIds, serviceIds } = await lookup(strapi);
  const records = rows.map((r): StoredRecord => ({
    month: r.month, municipality: comuneIds.get(r.istat)!, ageBand: r.ageBand, household: r.household, sex: r.sex, citizenship: r.citizenship,
    categories: r.categories.map((c) => categoryIds.get(c)!), services: r.services.map((c) => serviceIds.get(c)!), socialServiceInvolved: r.socialServiceInvolved,
    personKey: personKey({ codiceFiscale: r.codiceFiscale, internalCode: r.internalCode, organization: org.documentId }), organization: org.id, createdBy: null,
  }));
  const months = [...new Set(records.map((r) => r.month))];
  await strapi.db.transaction(({ trx }) => replaceMonths(strapi, trx, org.id, months, records, receivedAt));
  return records.length;
}

/** The daily job's figures: a release when one is due (releaseDue); failures are logged, the records stay. */
export async function refreshFigures(strapi: Core.Strapi, now = new Date()): Promise<void> {
  try {
    const released = (await strapi.db.query(NEED_FIGURE).findMany({ select: ['quarter', 'frozen', 'computedAt'] })) as { quarter: string; frozen: boolean; computedAt: string }[];
    if (releaseDue(released, now, needSettings().freezeDays)) await computeFigures(strapi, now);
  } catch (error) {
    strapi.log.error(`Need figures not recomputed: ${(error as Error).message}`);
  }
}

/**
 * The keys of the cell-key perturbation (aggregate.ts): two bytes of an HMAC, under the district secret, of
 * the person key and the bodies that follow the person. Never stored, never published.
 */
export function cellKeys(person: string, organizations: number[]): [number, number] {
  const digest = createHmac('sha256', secret('NEED_KEY_SECRET')).update(`cella\u0000${person}\u0000${organizations.join(',')}`).digest();
  return [digest[0]!, digest[1]!];
}

/** Writes the published figures (need-figure) from the records: frozen quarters kept as they are. */
export async function computeFigures(strapi: Core.Strapi, now = new Date()): Promise<{ quarters: string[]; kept: string[] }> {
  const { minCell, freezeDays, reportDueDay, comuneQuarters } = needSettings();
  const records = await readRecords(strapi);
  const categories = ((await strapi.db.query(NEED_CATEGORY).findMany({ select: ['slug'], orderBy: { id: 'asc' } })) as { slug: string }[]).map((c) => c.slug);
  const existing = (await strapi.db.query(NEED_FIGURE).findMany({ select: ['quarter', 'frozen'] })) as { quarter: string; frozen: boolean }[];
  const kept = [...new Set(existing.filter((f) => f.frozen).map((f) => f.quarter))];
  const quarters = [...peopleByQuarter(records).keys()].filter((q) => !kept.includes(q)).sort();
  const arrivals = await submissions(strapi);
  const releases = aggregate(records, { minCell, categories, quarters, cellKeys, comuneQuarters }).map((r) => ({ ...r, reporting: reportingOf(arrivals, r.quarter, now, reportDueDay).summary }));
  const computedAt = now.toISOString();
  await replaceFigures(strapi, releases, (quarter) => frozenAt(quarter, now, freezeDays), now);
  if (releases.length > 0) requestSiteRebuild();
  await audit(strapi, { actor: 'sistema', action: 'calcolo_cifre', count: records.length, detail: `trimestri ricalcolati ${quarters.join(', ') || 'nessuno'}; congelati ${kept.join(', ') || 'nessuno'}; soglia ${minCell}; calcolato ${computedAt}` });
  return { quarters, kept };
}

/**
 * A partner's own figures beside the district's: its distinct people per quarter (over the same quarters as
 * the published comune figure), comune and category (its own data need no suppression against itself), and the district's published figure for the same
 * cell («meno di N» where suppressed) with its state (provvisorio until the quarter freezes). Written to the
 * audit log.
 */
export async function partnerFiguresCsv(strapi: Core.Strapi, actor: Actor): Promise<string> {
  const organization = await partnerOf(strapi, actor.id);
  if (!organization) throw new Error('not a partner');
  const records = await readRecords(strapi, organization.id);
  const own = peopleByQuarter(records);
  const releases = (await strapi.db.query(NEED_FIGURE).findMany({ where: { level: 'comune' } })) as (NeedRelease & { frozen: boolean })[];
  const published = new Map(releases.map((r) => [r.quarter, r]));
  const rows: CsvCell[][] = [['trimestre', 'stato', 'trimestri_contati', 'codice_istat', 'categoria', 'persone_seguite_da_voi', 'persone_nel_distretto']];
  let count = 0;
  for (const quarter of [...own.keys()].sort()) {
    const release = published.get(quarter);
    // The partner's people over the same quarters as the published comune figure (NEED_COMUNE_QUARTERS).
    const span = release ? (release.quarters ?? 1) : needSettings().comuneQuarters;
    const counts = new Map<string, number>();
    for (const p of peopleOver(records, windowOf(quarter, span)).values()) for (const c of [...p.categories, ALL]) counts.set(`${p.istat}|${c}`, (counts.get(`${p.istat}|${c}`) ?? 0) + 1);
    for (const [key, n] of [...counts.entries()].sort()) {
      const [istat, category] = key.split('|') as [string, string];
      const cell = release?.cells.find((c) => c.area === istat && c.category === category);
      const district = !release ? 'non ancora pubblicato' : cell === undefined ? 'nessun dato' : cell.people !== null ? String(cell.people) : suppressedText(cell, release.minCell);
      rows.push([quarter, !release ? '' : release.frozen ? 'definitivo' : 'provvisorio', span, istat, category, n, district]);
      count += 1;
    }
  }
  await audit(strapi, { actor: actor.email, action: 'esportazione', organization: organization.name, count, detail: `proprie cifre per trimestre (${[...own.keys()].map(quarterLabel).join(', ')})` });
  return partnerCsv(rows);
}

/** What a partner's page shows: its records per month and its last import. */
export async function partnerSummary(strapi: Core.Strapi, actor: Actor): Promise<PartnerSummary> {
  const organization = await partnerOf(strapi, actor.id);
  if (!organization) throw new Error('not a partner');
  const records = await readRecords(strapi, organization.id);
  const months = new Map<string, number>();
  for (const r of records) months.set(r.month, (months.get(r.month) ?? 0) + 1);
  const last = (await strapi.db.query(NEED_AUDIT).findOne({ where: { action: 'importazione', organization: organization.name }, orderBy: { at: 'desc' } })) as { at: string; count: number; detail: string } | null;
  return { organization: organization.name, months: [...months.entries()].sort().map(([month, count]) => ({ month, count })), lastImport: last, undo: (await pendingUndo(strapi, organization.id, new Date())) ?? null };
}

/** Deletes records older than NEED_RETENTION_YEARS (by month); the published figures stay. */
export async function applyRetention(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const { retentionYears } = needSettings();
  const today = romeDay(now);
  const cutoff = `${Number(today.slice(0, 4)) - retentionYears}${today.slice(4, 7)}`;
  await purgeExpiredUndo(strapi, now);
  const deleted = await deleteBefore(strapi, cutoff);
  if (deleted > 0) await audit(strapi, { actor: 'sistema', action: 'cancellazione_scadenza', count: deleted, detail: `schede dei mesi precedenti a ${cutoff} (conservazione ${retentionYears} anni)` });
  return deleted;
}

/**
 * For the office (editors), the reporting of the open quarter and the one before: who was expected to send
 * its records, which months came in and when, who was late. Names of bodies and dates only: no record.
 */
export async function officeReporting(strapi: Core.Strapi, now = new Date()): Promise<OfficeReporting[]> {
  const names = new Map(((await strapi.db.query(ORGANIZATION).findMany({ where: { publishedAt: null }, select: ['id', 'name'] })) as { id: number; name: string }[]).map((o) => [o.id, o.name]));
  return (await recentReporting(strapi, now)).map(({ quarter, summary, organizations }) => {
    return {
      quarter,
      summary,
      organizations: organizations
        .map(({ organization, ...rest }) => ({ name: names.get(organization) ?? `Ente n. ${organization}`, ...rest }))
        .sort((a, b) => Number(a.onTime) - Number(b.onTime) || Number(a.reported) - Number(b.reported) || a.name.localeCompare(b.name, 'it')),
    };
  });
}


export type RecentReporting = ({ quarter: string } & ReturnType<typeof reportingOf>)[];

/** The reporting of the open quarter and the one before, each body by its row id (officeReporting names them). */
export async function recentReporting(strapi: Core.Strapi, now: Date): Promise<RecentReporting> {
  const { reportDueDay } = needSettings();
  const arrivals = await submissions(strapi);
  const current = quarterOf(romeDay(now).slice(0, 7));
  const [year, month] = monthsOf(current)[0]!.split('-').map(Number) as [number, number];
  const previous = quarterOf(month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`);
  return [current, previous].map((quarter) => ({ quarter, ...reportingOf(arrivals, quarter, now, reportDueDay) }));
}

/**
 * What a partner still owes of its need records, as the office's reporting counts it (`recentReporting`,
 * computed once for every partner): for the open quarter and the one before, the months already due that
 * have not come in (none when the body is not expected).
 */
export function missingReports(reporting: RecentReporting, organization: number): { quarter: string; months: string[] }[] {
  return reporting
    .map(({ quarter, summary, organizations }) => {
      const own = organizations.find((o) => o.organization === organization);
      // Only months already due (summary.months): before the first is due, nothing is owed yet.
      const due = new Set(summary.months.map((m) => m.month));
      return { quarter, months: own ? own.months.filter((m) => m.receivedOn === null && due.has(m.month)).map((m) => m.month) : [] };
    })
    .filter((q) => q.months.length > 0);
}

/** The organisation's last import when it was refused (errors, or no valid row) and none has succeeded since. */
export async function lastImportRefused(strapi: Core.Strapi, organizationName: string): Promise<{ at: string; detail: string } | undefined> {
  const last = (await strapi.db.query(NEED_AUDIT).findOne({
    where: { action: { $in: ['importazione', 'importazione_non_riuscita'] }, organization: organizationName },
    select: ['action', 'at', 'detail'],
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  })) as { action: string; at: string; detail: string | null } | null;
  return last?.action === 'importazione_non_riuscita' ? { at: last.at, detail: last.detail ?? '' } : undefined;
}
