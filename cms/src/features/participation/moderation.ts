/**
 * Moderation in the admin: when an editor sets a proposal to «accettata», a DRAFT of the proposed type
 * (practice, opportunity or workshop) is created, prefilled from the proposal, and its documentId is
 * recorded on the submission. A pact proposal («patto») accepted opens a pact at «Proposta ricevuta»,
 * dated from the proposal's receipt (pacts/stages.ts reads it from the submission), with the proposer's
 * contacts in the pact's private fields; once the office publishes it, the receipt's status links it.
 * A document-service middleware (not a lifecycle: Strapi 5's lifecycles fire per database row and per
 * locale, the document service once per editor action) does it.
 *
 * Never twice: the draft is recorded on the submission, the record cannot be edited from the admin
 * (the middleware drops those fields from any write), and work on one submission is serialised.
 */
import type { Core } from '@strapi/strapi';
import { uidOf, type Target } from '@coesione/model';
import { SUBMISSION, TARGET_UID } from './store';

const DRAFT_FIELDS = ['createdDraftType', 'createdDraftDocumentId'] as const;

interface StoredProposal {
  id: number;
  documentId: string;
  receipt: string;
  kind: string;
  state: string;
  targetType: Target | null;
  title: string | null;
  description: string | null;
  organizationName: string | null;
  createdDraftType: string | null;
  createdDraftDocumentId: string | null;
  comune: { documentId: string; name: string; latitude: number | string; longitude: number | string } | null;
  commonGood?: string | null;
  address?: string | null;
  latitude?: number | string | null;
  longitude?: number | string | null;
  period?: string | null;
  participants?: string | null;
  needs?: string | null;
  contactName?: string | null;
  email?: string | null;
  phone?: string | null;
  showName?: boolean | null;
}

/** The name the register shows for a pact's proposer: the group or body, a person only with consent. */
export function publicProposerOf(proposal: Pick<StoredProposal, 'organizationName' | 'contactName' | 'showName'>): string {
  if (proposal.organizationName) return proposal.organizationName;
  if (proposal.showName && proposal.contactName) return proposal.contactName;
  return 'Un gruppo di cittadini';
}

/** A pact opened from a citizen's proposal: what they wrote, the place, and their contacts kept private. */
export function pactDraftData(proposal: StoredProposal): Record<string, unknown> {
  const title = proposal.title ?? `Proposta di patto ${proposal.receipt}`;
  const parts: [string, string | null | undefined][] = [
    ['', proposal.description],
    ['Quando: ', proposal.period],
    ['Chi è coinvolto: ', proposal.participants],
    ['Che cosa chiedono al Comune: ', proposal.needs],
  ];
  const paragraphs = parts.filter(([, text]) => text && text.trim()).flatMap(([lead, text]) => (text ?? '').split(/\n\s*\n/).map((p, i) => paragraph(`${i === 0 ? lead : ''}${p.trim()}`)));
  const comune = proposal.comune;
  const lat = proposal.latitude ?? comune?.latitude;
  const lng = proposal.longitude ?? comune?.longitude;
  return {
    // No slug: the slug-from-title middleware gives the title's, unique in its type («cura-del-giardino»,
    // then «cura-del-giardino-1»), never a random ending nor the receipt (the sender's key to the status page).
    title,
    summary: shorten(proposal.description ?? '') || title,
    body: paragraphs.length > 0 ? paragraphs : [paragraph(title)],
    commonGood: proposal.commonGood ?? title,
    kind: 'ordinario',
    municipalities: comune ? [comune.documentId] : [],
    ...(comune && lat !== undefined && lng !== undefined
      ? { location: { address: proposal.address ?? `${comune.name} (indirizzo da precisare)`, municipality: comune.documentId, latitude: Number(lat), longitude: Number(lng) } }
      : {}),
    publicProposer: publicProposerOf(proposal),
    proposerName: proposal.contactName ?? null,
    proposerEmail: proposal.email ?? null,
    proposerPhone: proposal.phone ?? null,
    proposerConsent: proposal.showName === true,
    sourceReceipt: proposal.receipt,
  };
}

/** The first 300 characters, cut at a word. */
export function shorten(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** The draft's fields, per target type: what the proposal says, and placeholders Strapi requires. */
export function draftData(proposal: StoredProposal, target: Target): Record<string, unknown> {
  const title = proposal.title ?? `Proposta ${proposal.receipt}`;
  const description = proposal.description ?? '';
  const paragraphs = description.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map(paragraph);
  if (proposal.organizationName) paragraphs.push(paragraph(`Organizzazione proponente: ${proposal.organizationName}.`));
  const comune = proposal.comune;
  const place = comune
    ? { address: `${comune.name} (indirizzo da precisare)`, municipality: comune.documentId, latitude: Number(comune.latitude), longitude: Number(comune.longitude) }
    : undefined;
  const base = {
    title,
    summary: shorten(description) || title,
    body: paragraphs.length > 0 ? paragraphs : [paragraph(title)],
    municipalities: comune ? [comune.documentId] : [],
  };
  switch (target) {
    case 'practice':
      return { ...base, state: 'attiva', evidenceLevel: 'descrittiva', ...(place ? { location: place } : {}) };
    case 'opportunity':
      return { ...base, kind: 'altro', ...(place ? { locations: [place] } : {}) };
    case 'workshop':
      return { ...base, craft: 'altro', artisanName: 'Da precisare', ...(place ? { location: place } : {}) };
  }
}

/** Creates the draft of an accepted proposal, once. Returns the recorded draft, if any. */
async function draftForAccepted(strapi: Core.Strapi, documentId: string): Promise<{ createdDraftType: string; createdDraftDocumentId: string } | undefined> {
  const row = (await strapi.db.query(SUBMISSION).findOne({
    where: { documentId },
    populate: { comune: { select: ['documentId', 'name', 'latitude', 'longitude'] } },
  })) as StoredProposal | null;
  if (!row || row.state !== 'accettata' || !((row.kind === 'proposta' && row.targetType) || row.kind === 'patto')) return undefined;
  if (row.createdDraftDocumentId) return { createdDraftType: row.createdDraftType ?? '', createdDraftDocumentId: row.createdDraftDocumentId };
  const uid = row.kind === 'patto' ? uidOf('pact') : TARGET_UID[row.targetType!];
  const data = row.kind === 'patto' ? pactDraftData(row) : draftData(row, row.targetType!);
  const draft = await strapi.documents(uid).create({ data, locale: 'it' } as never);
  const recorded = { createdDraftType: uid, createdDraftDocumentId: draft.documentId };
  // Straight to the database: this write must not pass through the middleware that drops these fields.
  await strapi.db.query(SUBMISSION).update({ where: { id: row.id }, data: recorded });
  strapi.log.info(`Submission ${row.documentId} accepted: draft ${uid} ${draft.documentId} created.`);
  return recorded;
}

export function registerModeration(strapi: Core.Strapi): void {
  // One chain of work per submission: two quick saves of the same proposal wait for each other.
  const queues = new Map<string, Promise<unknown>>();
  const serial = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => queues.get(key) === settled && queues.delete(key));
    return run;
  };

  strapi.documents.use(async (context, next) => {
    if (context.uid !== SUBMISSION || (context.action !== 'create' && context.action !== 'update')) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };
    // The draft record is written by this module only: an admin form saved with stale values must not erase it.
    if (params.data) for (const field of DRAFT_FIELDS) delete params.data[field];
    const result = await next();
    if (params.data?.state !== 'accettata') return result;
    const saved = result as unknown as { documentId?: string } | null;
    const documentId = saved?.documentId ?? params.documentId;
    if (!documentId) return result;
    const recorded = await serial(documentId, () => draftForAccepted(strapi, documentId));
    // The admin shows the answer of the save: let it show the draft just recorded.
    return recorded && saved ? ({ ...saved, ...recorded } as unknown as typeof result) : result;
  });
}
