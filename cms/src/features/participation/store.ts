/**
 * The database side of the participation endpoint: the checks that need stored data, storing a
 * contribution under a fresh receipt, the public status of a receipt and the public rating aggregates.
 */
import type { Core, UID } from '@strapi/strapi';
import { MIN_RATINGS, noticeOpen, PACT_STAGE_LABELS, pageUrl, senderStateLabel, STATES, uidOf, type Kind, type PactStage, type PublicStatus, type State, type Target } from '@coesione/model';
import { newReceipt } from './receipt';
import { FIELD_LABELS, outsideDistrict, type FieldError, type SubmissionInput } from './validation';

export const SUBMISSION: UID.ContentType = uidOf('submission');
export const TARGET_UID: Record<Target, UID.ContentType> = { practice: uidOf('practice'), opportunity: uidOf('opportunity'), workshop: uidOf('workshop') };

export interface Comune {
  documentId: string;
  istatCode: string;
  name: string;
  latitude: number;
  longitude: number;
}

const COMUNI_TTL_MS = 60_000;

/** The district's comuni (82 rows) by ISTAT code, cached for a minute: every segnalazione needs them. */
export function comuniCache(strapi: Core.Strapi): () => Promise<Map<string, Comune>> {
  let cached: { at: number; byCode: Map<string, Comune> } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < COMUNI_TTL_MS) return cached.byCode;
    const rows = (await strapi.db.query(uidOf('municipality')).findMany({
      select: ['documentId', 'istatCode', 'name', 'latitude', 'longitude'],
    })) as Comune[];
    const byCode = new Map(rows.map((r) => [r.istatCode, { ...r, latitude: Number(r.latitude), longitude: Number(r.longitude) }]));
    cached = { at: Date.now(), byCode };
    return byCode;
  };
}

export interface DatabaseChecks {
  errors: FieldError[];
  /** The comune the contribution names, when it names one the district has. */
  comune?: Comune;
}

/**
 * Problems only stored data reveals: an unknown comune, a rated entry that is not published; and, with
 * the comune, a point outside the district (in the order the form shows them).
 */
export async function databaseChecks(strapi: Core.Strapi, comuni: ReturnType<typeof comuniCache>, input: SubmissionInput): Promise<DatabaseChecks> {
  const errors: FieldError[] = [];
  const byCode = await comuni();
  let comune: Comune | undefined;
  if ('comune' in input && input.comune) {
    comune = byCode.get(input.comune);
    if (!comune) errors.push({ path: ['comune'], message: `«${FIELD_LABELS.comune}»: il codice ISTAT ${input.comune} non è un comune del distretto.` });
  }
  if ((input.kind === 'segnalazione' || input.kind === 'patto') && input.latitude !== undefined && input.longitude !== undefined) {
    const error = outsideDistrict(input.latitude, input.longitude);
    if (error) errors.push(error);
  }
  if (input.kind === 'valutazione') {
    const found = await strapi.documents(TARGET_UID[input.targetType]).findOne({ documentId: input.targetDocumentId, status: 'published', fields: ['documentId'] } as never);
    if (!found) errors.push({ path: ['targetDocumentId'], message: `«${FIELD_LABELS.targetDocumentId}»: nessuna scheda pubblicata con questo identificativo.` });
  }
  if (input.kind === 'osservazione') {
    const pact = (await strapi.documents(uidOf('pact')).findOne({
      documentId: input.targetDocumentId, status: 'published', fields: ['title', 'stage', 'noticeOpens', 'noticeCloses'],
    } as never)) as { title: string; stage: PactStage; noticeOpens: string | null; noticeCloses: string | null } | null;
    if (!pact) errors.push({ path: ['targetDocumentId'], message: `«${FIELD_LABELS.pact}»: nessun patto pubblicato con questo identificativo.` });
    else if (!noticeOpen(pact, new Date())) {
      errors.push({ path: ['targetDocumentId'], message: `«${FIELD_LABELS.pact}»: l’avviso pubblico del patto «${pact.title}» non è aperto, quindi non riceve contributi.` });
    }
  }
  return { errors, comune };
}

/** The stored fields of a contribution: typed columns, so editors read it as a form in the admin. */
function columns(input: SubmissionInput, comune: Comune | undefined): Record<string, unknown> {
  switch (input.kind) {
    case 'proposta':
      return {
        targetType: input.target, title: input.title, description: input.description, comune: comune?.documentId,
        organizationName: input.organization, email: input.email,
      };
    case 'segnalazione':
      return {
        category: input.category, description: input.description, comune: comune?.documentId, address: input.address,
        latitude: input.latitude, longitude: input.longitude, email: input.email,
      };
    case 'valutazione':
      return { targetType: input.targetType, targetDocumentId: input.targetDocumentId, stars: input.stars, comment: input.comment };
    case 'patto':
      return {
        title: input.title, commonGood: input.commonGood, comune: comune?.documentId, address: input.address, latitude: input.latitude, longitude: input.longitude,
        description: input.description, period: input.period, participants: input.participants, needs: input.needs, organizationName: input.organization,
        contactName: input.contactName, email: input.email, phone: input.phone, showName: input.showName === true,
      };
    case 'osservazione':
      return { targetDocumentId: input.targetDocumentId, noticeContribution: input.noticeContribution, description: input.description, organizationName: input.organization, email: input.email };
  }
}

const isUniqueViolation = (error: unknown) => /unique|constraint/i.test(String((error as Error)?.message ?? error));

/** Stores the contribution (state «ricevuta») and returns its receipt. */
export async function storeSubmission(strapi: Core.Strapi, input: SubmissionInput, comune: Comune | undefined): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const receipt = newReceipt();
    try {
      await strapi.documents(SUBMISSION).create({ data: { receipt, kind: input.kind, state: 'ricevuta', ...columns(input, comune) } } as never);
      return receipt;
    } catch (error) {
      // 60 random bits: a collision is next to impossible, but never lose a contribution to one.
      if (attempt < 2 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

export type { PublicStatus };

/** What the sender may see: the state and the public reply, nothing of the contribution itself. */
export async function findStatus(strapi: Core.Strapi, receipt: string): Promise<PublicStatus | undefined> {
  const row = (await strapi.db.query(SUBMISSION).findOne({
    where: { receipt },
    select: ['receipt', 'kind', 'state', 'publicReply', 'updatedAt', 'createdDraftType', 'createdDraftDocumentId'],
  })) as { receipt: string; kind: Kind; state: State; publicReply: string | null; updatedAt: string | Date; createdDraftType: string | null; createdDraftDocumentId: string | null } | null;
  if (!row) return undefined;
  return {
    pact: row.createdDraftType === uidOf('pact') && row.createdDraftDocumentId ? await publishedPact(strapi, row.createdDraftDocumentId) : null,
    receipt: row.receipt,
    kind: row.kind,
    state: row.state,
    stateLabel: STATES.includes(row.state) ? senderStateLabel(row.kind, row.state) : row.state,
    reply: row.publicReply || null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}

/** The register page of a pact opened from a proposal, once it is published: its title, path and stage. */
async function publishedPact(strapi: Core.Strapi, documentId: string): Promise<PublicStatus['pact']> {
  const pact = (await strapi.documents(uidOf('pact')).findOne({ documentId, status: 'published', fields: ['title', 'slug', 'stage'] } as never)) as {
    title: string; slug: string; stage: PactStage;
  } | null;
  return pact ? { title: pact.title, path: pageUrl('pact', pact.slug), stage: PACT_STAGE_LABELS[pact.stage] ?? pact.stage } : null;
}

export interface RatingAggregate {
  targetType: Target;
  targetDocumentId: string;
  average: number;
  count: number;
}

/**
 * Ratings count only once an editor accepts them (the query's business), and only as aggregates of
 * MIN_RATINGS or more: the average to one decimal, in a stable order.
 */
export function aggregateRatings(rows: readonly { targetType: Target; targetDocumentId: string; stars: number | string }[]): RatingAggregate[] {
  const groups = new Map<string, { targetType: Target; targetDocumentId: string; sum: number; count: number }>();
  for (const row of rows) {
    const key = `${row.targetType}:${row.targetDocumentId}`;
    const group = groups.get(key) ?? { targetType: row.targetType, targetDocumentId: row.targetDocumentId, sum: 0, count: 0 };
    group.sum += Number(row.stars);
    group.count += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.count >= MIN_RATINGS)
    .map((g) => ({ targetType: g.targetType, targetDocumentId: g.targetDocumentId, average: Math.round((g.sum / g.count) * 10) / 10, count: g.count }))
    .sort((a, b) => a.targetType.localeCompare(b.targetType) || a.targetDocumentId.localeCompare(b.targetDocumentId));
}

export async function ratingAggregates(strapi: Core.Strapi): Promise<RatingAggregate[]> {
  const rows = (await strapi.db.query(SUBMISSION).findMany({
    where: { kind: 'valutazione', state: 'accettata' },
    select: ['targetType', 'targetDocumentId', 'stars'],
  })) as { targetType: Target; targetDocumentId: string; stars: number }[];
  return aggregateRatings(rows);
}

/** The database as the submission service sees it: one object, so the service's tests can fake it. */
export interface SubmissionRepository {
  check(input: SubmissionInput): Promise<DatabaseChecks>;
  store(input: SubmissionInput, comune: Comune | undefined): Promise<string>;
  status(receipt: string): Promise<PublicStatus | undefined>;
  ratings(): Promise<RatingAggregate[]>;
}

export function submissionRepository(strapi: Core.Strapi): SubmissionRepository {
  const comuni = comuniCache(strapi);
  return {
    check: (input) => databaseChecks(strapi, comuni, input),
    store: (input, comune) => storeSubmission(strapi, input, comune),
    status: (receipt) => findStatus(strapi, receipt),
    ratings: () => ratingAggregates(strapi),
  };
}
