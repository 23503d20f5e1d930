/**
 * The work queues the admin home page shows (review/routes.ts serves them):
 *
 * - editors: contributions waiting for moderation (with their age), drafts proposed by partners, published
 *   opportunities closing in the next 7 days, published content not verified for 12 months;
 * - a partner: its organisation's proposals and where each stands (reviewState).
 */
import type { Core, UID } from '@strapi/strapi';
import { addDays, EDITORIAL_KEYS, keyOf, romeDay, TYPES, type EditorialKey } from '@coesione/model';
import { CONTENT_LAYOUTS } from '../../platform/admin-layout';
import { PROPOSED_BY_TYPES } from '../../platform/proposals';
import type { EditorQueue, PartnerQueue, Proposal, QueueEntry, Section } from './contract';
import { daysBetween, reviewState } from './state';

const LIMIT = 20;

interface Row {
  id: number;
  documentId: string;
  updatedAt: string;
  createdAt: string;
  publishedAt: string | null;
  returnedAt?: string | null;
  reviewNote?: string | null;
  verifiedAt?: string | null;
  deadline?: string | null;
  proposedBy?: { documentId: string; name: string } | null;
  [field: string]: unknown;
}

const titleField = (key: EditorialKey) => CONTENT_LAYOUTS[key]?.mainField ?? 'title';

function entry(key: EditorialKey, row: Row): QueueEntry {
  return { type: key, typeLabel: TYPES[key].singular, uid: TYPES[key].uid, documentId: row.documentId, title: String(row[titleField(key)] ?? ''), updatedAt: row.updatedAt };
}

/** The documentIds among `ids` that have a published version. */
async function publishedIds(strapi: Core.Strapi, uid: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = (await strapi.db.query(uid as UID.ContentType).findMany({ where: { documentId: { $in: ids }, publishedAt: { $notNull: true } }, select: ['documentId'] })) as { documentId: string }[];
  return new Set(rows.map((r) => r.documentId));
}

/** Draft versions of partner proposals (`where` narrows them), with their state. */
async function proposals(strapi: Core.Strapi, where: Record<string, unknown>): Promise<Proposal[]> {
  const all: Proposal[] = [];
  for (const uid of PROPOSED_BY_TYPES) {
    const key = keyOf(uid) as EditorialKey;
    const rows = (await strapi.db.query(uid).findMany({
      where: { publishedAt: null, ...where },
      select: ['id', 'documentId', titleField(key), 'updatedAt', 'createdAt', 'publishedAt', 'returnedAt', 'reviewNote'],
      populate: { proposedBy: { select: ['documentId', 'name'] } },
      orderBy: { updatedAt: 'desc' },
      limit: 200,
    })) as Row[];
    const published = await publishedIds(strapi, uid, rows.map((r) => r.documentId));
    for (const row of rows) {
      all.push({
        ...entry(key, row),
        state: reviewState({ published: published.has(row.documentId), returnedAt: row.returnedAt }),
        note: row.reviewNote ?? null,
        returnedAt: row.returnedAt ?? null,
        organization: row.proposedBy?.name ?? null,
      });
    }
  }
  return all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

const section = <T>(items: T[]): Section<T> => ({ total: items.length, items: items.slice(0, LIMIT) });

export async function partnerQueue(strapi: Core.Strapi, organization: string | undefined): Promise<PartnerQueue> {
  if (!organization) return { role: 'partner', organization: null, proposals: section([]) };
  const org = (await strapi.db.query('api::organization.organization').findOne({ where: { documentId: organization }, select: ['name'] })) as { name: string } | null;
  const items = (await proposals(strapi, { proposedBy: { documentId: organization } })).map(({ organization: _org, ...rest }) => rest);
  return { role: 'partner', organization: org?.name ?? null, proposals: section(items) };
}

export async function editorQueue(strapi: Core.Strapi, now = new Date()): Promise<EditorQueue> {
  const today = romeDay(now);
  const submissions = (await strapi.db.query('api::submission.submission').findMany({
    where: { state: { $in: ['ricevuta', 'in_revisione'] } },
    select: ['documentId', 'receipt', 'kind', 'state', 'title', 'category', 'createdAt'],
    orderBy: { createdAt: 'asc' },
  })) as { documentId: string; receipt: string; kind: string; state: string; title: string | null; category: string | null; createdAt: string }[];
  const contributions = submissions.map((s) => ({
    documentId: s.documentId, receipt: s.receipt, kind: s.kind, state: s.state, title: s.title ?? s.category ?? '', createdAt: s.createdAt, ageDays: daysBetween(new Date(s.createdAt), now),
  }));

  // Drafts partners proposed that no editor has published yet (a published entry's later edits are the editors' own business).
  const partnerDrafts = (await proposals(strapi, { proposedBy: { id: { $notNull: true } } })).filter((p) => p.state !== 'pubblicata');

  const opportunity = TYPES.opportunity.uid;
  const closing = (await strapi.db.query(opportunity).findMany({
    where: { publishedAt: { $notNull: true }, deadline: { $gte: today, $lte: addDays(today, 7) } },
    select: ['documentId', 'title', 'updatedAt', 'deadline'],
    orderBy: { deadline: 'asc' },
  })) as Row[];
  const closingSoon = closing.map((row) => ({ ...entry('opportunity', row), deadline: String(row.deadline), daysLeft: daysBetween(new Date(`${today}T12:00:00Z`), new Date(`${row.deadline}T12:00:00Z`)) }));

  const cutoff = addDays(today, -365);
  const stale: (QueueEntry & { verifiedAt: string | null })[] = [];
  for (const key of EDITORIAL_KEYS) {
    const rows = (await strapi.db.query(TYPES[key].uid).findMany({
      where: { publishedAt: { $notNull: true }, $or: [{ verifiedAt: null }, { verifiedAt: { $lt: cutoff } }] },
      select: ['documentId', titleField(key), 'updatedAt', 'verifiedAt'],
    })) as Row[];
    stale.push(...rows.map((row) => ({ ...entry(key, row), verifiedAt: row.verifiedAt ?? null })));
  }
  // Never verified first, then the oldest check.
  stale.sort((a, b) => (a.verifiedAt ?? '').localeCompare(b.verifiedAt ?? ''));

  return { role: 'editor', contributions: section(contributions), partnerDrafts: section(partnerDrafts), closingSoon: section(closingSoon), notVerified: section(stale) };
}
