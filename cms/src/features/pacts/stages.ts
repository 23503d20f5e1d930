/**
 * The stage of a collaboration pact, enforced on every write by one document-service middleware, whatever
 * the route (content manager edit, "save and publish", clone, the seed, a script): the transition table
 * and the deadlines are @coesione/model's (pacts.ts), shared with the site.
 *
 * - Only the office moves a stage: an admin user with the Editor role (or the super admin). A Partner's
 *   write that changes the stage is refused, with nothing stored.
 * - A move the table does not allow is refused with an Italian message naming the allowed stages.
 * - A legal move appends to the history (date, the public note written in «Nota sul cambio di fase»,
 *   the role — never the person), stores the answer's instant and the notice window.
 * - The history, the deadline and the notice window are the server's: what a user sends for them is
 *   dropped. Writes with no user (the seed, imports) may store a history, if it is a legal walk.
 */
import { errors } from '@strapi/utils';
import { answerDue, historyProblem, uidOf, isPactKind, isPactStage, pactDays, PACT_STAGE_LABELS, transition, type PactHistoryEntry, type PactKind, type PactRole, type PactStage } from '@coesione/model';
import { adminRole } from '../../platform/roles';
import type { Core } from '@strapi/strapi';
import { isRecord, stringParam, type MiddlewareHost } from '../../platform/published-change';

export const PACT = 'api::pact.pact';

/** Fields only the server writes (`sourceReceipt`: moderation, when it opens a pact from a proposal). */
export const SERVER_FIELDS = ['stageHistory', 'receivedAt', 'answerDue', 'answeredAt', 'noticeOpens', 'noticeCloses', 'sourceReceipt'] as const;
/** Fields a Partner may neither see nor write (permissions.ts drops them from the role). */
export const OFFICE_FIELDS = ['stage', 'stageNote', ...SERVER_FIELDS] as const;

interface StoredPact {
  kind: string;
  stage: string;
  stageHistory?: PactHistoryEntry[] | null;
  noticeOpens?: string | null;
  noticeCloses?: string | null;
}

/** What the middleware needs of Strapi. */
export interface PactStageHost extends MiddlewareHost {
  db: { query(uid: string): { findOne(params: object): Promise<unknown> } };
  requestContext?: { get(): unknown };
}

type FindOne = (uid: string) => { findOne(params: object): Promise<unknown> };

/** The admin user behind the current request (Strapi's request context), else the one the write names. */
function actingUserId(host: Pick<PactStageHost, 'requestContext'>, data: Record<string, unknown> | undefined): number | undefined {
  const ctx = host.requestContext?.get() as { state?: { user?: { id?: unknown }; auth?: { strategy?: { name?: string } } } } | undefined;
  if (ctx?.state?.auth?.strategy?.name === 'admin' && ctx.state.user?.id !== undefined) return Number(ctx.state.user.id);
  const named = data?.updatedBy ?? data?.createdBy;
  return (typeof named === 'number' || typeof named === 'string') && Number.isInteger(Number(named)) ? Number(named) : undefined;
}

/** The role a user acts in on a pact: the office, the platform's administration, a proposer, or the system (no user). */
async function roleOf(host: Pick<PactStageHost, 'db'>, userId: number | undefined): Promise<PactRole | 'partner'> {
  if (userId === undefined) return 'sistema';
  const user = (await host.db.query('admin::user').findOne({ where: { id: userId }, populate: { roles: { select: ['code'] } } })) as { roles?: { code: string }[] } | null;
  // Anyone but the office and the administration (a Partner, a role added later) proposes and never moves a stage.
  return ({ 'super-admin': 'amministrazione', editor: 'ufficio', partner: 'partner', other: 'proponente' } as const)[adminRole(user?.roles)];
}

const fail = (message: string, path: string) => new errors.ValidationError(message, { errors: [{ path: [path], message, name: 'ValidationError' }] });
const forbidden = () => new errors.PolicyError('Solo l’ufficio per l’amministrazione condivisa (la redazione) può cambiare la fase di un patto: la modifica non è stata salvata.');

/** History entries as the component stores them (no ids: the list is written whole). */
const entries = (history: readonly PactHistoryEntry[]) => history.map(({ stage, at, note, role }) => ({ stage, at, note: note ?? null, role }));

function dropServerFields(data: Record<string, unknown>): void {
  for (const field of SERVER_FIELDS) delete data[field];
}

/**
 * The instant a pact opened from a citizen's proposal was received: the proposal's own, read from the
 * stored submission its `sourceReceipt` names (never from what the request says).
 */
async function proposalReceived(host: Pick<PactStageHost, 'db'>, receipt: unknown): Promise<string | undefined> {
  if (typeof receipt !== 'string' || receipt === '') return undefined;
  const row = (await host.db.query(uidOf('submission')).findOne({ where: { receipt, kind: 'patto' }, select: ['createdAt'] })) as { createdAt?: string | Date } | null;
  return row?.createdAt ? new Date(row.createdAt).toISOString() : undefined;
}

/**
 * A new pact starts as a proposal received now (or at `receivedAt` for an import, or when the citizen's
 * proposal it comes from arrived), its deadline counted from then.
 */
function startFresh(data: Record<string, unknown>, role: PactRole, now: Date, answerDays: number, fromProposal: string | undefined): void {
  const imported = typeof data.receivedAt === 'string' && !Number.isNaN(Date.parse(data.receivedAt)) && role === 'sistema' ? data.receivedAt : undefined;
  const receivedAt = fromProposal ?? imported ?? now.toISOString();
  Object.assign(data, {
    stage: 'proposta',
    stageHistory: entries([{ stage: 'proposta', at: receivedAt, note: null, role: role === 'sistema' || fromProposal ? 'proponente' : role }]),
    receivedAt,
    answerDue: answerDue(receivedAt, answerDays),
    answeredAt: null,
    noticeOpens: null,
    noticeCloses: null,
    stageNote: null,
  });
}

export function registerPactStages(strapi: Core.Strapi, env: NodeJS.ProcessEnv = process.env, clock: () => Date = () => new Date()): void {
  const { answerDays, noticeDays } = pactDays(env);
  const host: MiddlewareHost = strapi;
  host.documents.use(async (context, next) => {
    // «Annulla le modifiche» puts the draft back to the published version: the office's unpublished stage
    // and its history entry with it. Only the office may undo its own decision.
    if (context.uid === PACT && context.action === 'discardDraft') {
      const actor = await roleOf(strapi, actingUserId(strapi, undefined));
      if (actor === 'partner' || actor === 'proponente') throw new errors.PolicyError('Solo la redazione può annullare le modifiche non pubblicate di un patto: la fase e la sua storia restano come sono.');
      return next();
    }
    if (context.uid !== PACT || !['create', 'update', 'clone'].includes(context.action)) return next();
    const data = isRecord(context.params.data) ? context.params.data : undefined;
    if (!data) return next();
    const now = clock();
    const actor = await roleOf(strapi, actingUserId(strapi, data));

    if (context.action === 'create' || context.action === 'clone') {
      if (actor === 'sistema' && Array.isArray(data.stageHistory) && data.stageHistory.length > 0) {
        // An import with its own history: replayed through the table, so its answer and notice window
        // are the ones the transitions would have stored; refused at the first illegal step.
        const kind: PactKind = isPactKind(data.kind) ? data.kind : 'ordinario';
        const history = data.stageHistory as PactHistoryEntry[];
        const problem = historyProblem(kind, history);
        if (problem) throw fail(problem, 'stageHistory');
        let state = { kind, stage: 'proposta' as PactStage, history: history.slice(0, 1) };
        for (const entry of history.slice(1)) {
          const step = transition(state, entry.stage, new Date(entry.at), entry.role, entry.note, noticeDays);
          if (!step.ok) throw fail(step.message, 'stageHistory');
          if (step.patch.answeredAt) data.answeredAt = step.patch.answeredAt;
          if (step.patch.noticeOpens) Object.assign(data, { noticeOpens: step.patch.noticeOpens, noticeCloses: step.patch.noticeCloses });
          state = { kind, stage: step.patch.stage, history: step.patch.history };
        }
        if (data.stage !== undefined && data.stage !== state.stage) throw fail(`La fase «${String(data.stage)}» non è l’ultima della storia («${state.stage}»).`, 'stage');
        data.stage = state.stage;
        data.stageHistory = entries(history);
        if (typeof data.receivedAt !== 'string') data.receivedAt = history[0]?.at;
        if (typeof data.answerDue !== 'string') data.answerDue = answerDue(String(data.receivedAt), answerDays);
        return next();
      }
      // A clone is a new proposal whatever stage its source (or the request) names.
      if (context.action === 'create' && data.stage !== undefined && data.stage !== 'proposta' && actor !== 'sistema') {
        throw fail('Un nuovo patto parte sempre dalla fase «Proposta ricevuta»: salvalo, poi fallo avanzare una fase alla volta.', 'stage');
      }
      const fromProposal = context.action === 'create' ? await proposalReceived(strapi, data.sourceReceipt) : undefined;
      startFresh(data, actor === 'partner' ? 'proponente' : actor, now, answerDays, fromProposal);
      return next();
    }

    // update
    const wanted = data.stage;
    const note = typeof data.stageNote === 'string' ? data.stageNote : null;
    dropServerFields(data);
    delete data.stageNote;
    const documentId = stringParam(context.params.documentId);
    if ((wanted === undefined && data.kind === undefined) || !documentId) return next();
    const locale = stringParam(context.params.locale);
    // Strapi's generic document service, narrowed to the one read this needs.
    const service = (strapi.documents as unknown as FindOne)(PACT);
    const current = (await service.findOne({ documentId, status: 'draft', ...(locale ? { locale } : {}), populate: { stageHistory: true } })) as StoredPact | null;
    // The kind decides the path (a complex pact goes through a public notice): it is settled while the pact is
    // a proposal (by its proposer) or in review (by the office), never once the path has been taken.
    if (current && data.kind !== undefined && data.kind !== current.kind) {
      const open = actor === 'partner' || actor === 'proponente' ? ['proposta'] : ['proposta', 'istruttoria'];
      if (!open.includes(current.stage)) {
        const stageLabel = isPactStage(current.stage) ? PACT_STAGE_LABELS[current.stage] : current.stage;
        throw fail(`Il tipo del patto non si cambia più nella fase «${stageLabel}»: ${open.length === 1 ? 'solo mentre è una proposta' : 'solo fino all’istruttoria'}. La modifica non è stata salvata.`, 'kind');
      }
    }
    if (wanted === undefined || !current || wanted === current.stage) return next();
    if (actor === 'partner' || actor === 'proponente') throw forbidden();
    if (!isPactStage(current.stage) || !isPactKind(current.kind)) throw fail(`Il patto ha una fase o un tipo sconosciuti («${current.stage}», «${current.kind}»).`, 'stage');
    // A kind changed in the same save counts: the table of the kind the pact will have.
    const kind = isPactKind(data.kind) ? data.kind : current.kind;
    const result = transition({ kind, stage: current.stage as PactStage, history: current.stageHistory ?? [] }, wanted, now, actor, note, noticeDays);
    if (!result.ok) throw fail(result.message, 'stage');
    const { patch } = result;
    Object.assign(data, { stage: patch.stage, stageHistory: entries(patch.history), stageNote: null });
    if (patch.answeredAt) data.answeredAt = patch.answeredAt;
    if (patch.noticeOpens) Object.assign(data, { noticeOpens: patch.noticeOpens, noticeCloses: patch.noticeCloses });
    return next();
  });
}
