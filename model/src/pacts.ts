/**
 * Collaboration pacts ("patti di collaborazione"): the stages of the shared-administration process, the
 * one table of the transitions between them, and the answer deadline and notice window, counted in
 * Europe/Rome calendar days. Pure: the CMS enforces it on every write, the site reads it to show
 * "risposta entro il …" and the timeline, the seed builds its histories with it.
 *
 * Proposal → istruttoria (an answer is due within PACT_ANSWER_DAYS of receipt) → public notice (complex
 * pacts only) → co-progettazione → signature → implementation → report → renewal or end; or not
 * admitted, or withdrawn.
 */
import { addDays, deadlineEnd, romeDay } from './time.js';

export const PACT_STAGES = [
  'proposta',
  'istruttoria',
  'avviso_pubblico',
  'coprogettazione',
  'sottoscritto',
  'in_attuazione',
  'rendicontazione',
  'rinnovato',
  'concluso',
  'non_ammesso',
  'ritirato',
] as const;
export type PactStage = (typeof PACT_STAGES)[number];

export const PACT_STAGE_LABELS: Record<PactStage, string> = {
  proposta: 'Proposta ricevuta',
  istruttoria: 'Istruttoria',
  avviso_pubblico: 'Avviso pubblico',
  coprogettazione: 'Co-progettazione',
  sottoscritto: 'Sottoscritto',
  in_attuazione: 'In attuazione',
  rendicontazione: 'Rendicontazione',
  rinnovato: 'Rinnovato',
  concluso: 'Concluso',
  non_ammesso: 'Non ammesso',
  ritirato: 'Ritirato',
};

export const PACT_KINDS = ['ordinario', 'complesso'] as const;
export type PactKind = (typeof PACT_KINDS)[number];
export const PACT_KIND_LABELS: Record<PactKind, string> = { ordinario: 'Patto ordinario', complesso: 'Patto complesso' };

/** Who moved a stage, as the public history names it: a role, never a person. */
export const PACT_ROLES = ['proponente', 'ufficio', 'amministrazione', 'sistema'] as const;
export type PactRole = (typeof PACT_ROLES)[number];
export const PACT_ROLE_LABELS: Record<PactRole, string> = {
  proponente: 'Proponente',
  ufficio: 'Ufficio per l’amministrazione condivisa',
  amministrazione: 'Amministrazione della piattaforma',
  sistema: 'Registro (importazione)',
};

/**
 * The transitions, per kind: the only table. A complex pact goes through a public notice after the
 * istruttoria; an ordinary one goes straight to co-progettazione.
 */
const COMMON: Record<PactStage, readonly PactStage[]> = {
  proposta: ['istruttoria', 'non_ammesso', 'ritirato'],
  istruttoria: ['non_ammesso', 'ritirato'],
  avviso_pubblico: ['coprogettazione', 'ritirato'],
  coprogettazione: ['sottoscritto', 'ritirato'],
  sottoscritto: ['in_attuazione', 'ritirato'],
  in_attuazione: ['rendicontazione', 'ritirato'],
  rendicontazione: ['rinnovato', 'concluso'],
  rinnovato: ['in_attuazione', 'ritirato'],
  concluso: [],
  non_ammesso: [],
  ritirato: [],
};
export const PACT_TRANSITIONS: Record<PactKind, Record<PactStage, readonly PactStage[]>> = {
  ordinario: { ...COMMON, istruttoria: ['coprogettazione', ...COMMON.istruttoria] },
  complesso: { ...COMMON, istruttoria: ['avviso_pubblico', ...COMMON.istruttoria] },
};

/**
 * The pact's «Fase» in the admin: an enumeration whose input offers the stage the pact is at and only the
 * stages it may move to (cms/src/admin/pacts), with their Italian names.
 */
export const PACT_STAGE_FIELD = { name: 'pact-stage', uid: 'global::pact-stage', type: 'enumeration' } as const;

/** The stages a pact of `kind` may move to from `stage`. */
export const nextStages = (kind: PactKind, stage: PactStage): readonly PactStage[] => PACT_TRANSITIONS[kind][stage];

/** Stages in which the office owes the proposer an answer. */
export const AWAITING_ANSWER: readonly PactStage[] = ['proposta', 'istruttoria'];
/** The stages that are the answer: the pact admitted (to the notice or to co-progettazione), or not. */
export const ANSWER_STAGES: readonly PactStage[] = ['avviso_pubblico', 'coprogettazione', 'non_ammesso'];
/** Stages after which the pact no longer changes. */
export const FINAL_STAGES: readonly PactStage[] = ['concluso', 'non_ammesso', 'ritirato'];

export const DEFAULT_ANSWER_DAYS = 30;
export const DEFAULT_NOTICE_DAYS = 30;

export interface PactHistoryEntry {
  stage: PactStage;
  /** The instant of the change (ISO 8601). */
  at: string;
  note?: string | null;
  role: PactRole;
}

/** What a transition reads of a pact. */
export interface PactState {
  kind: PactKind;
  stage: PactStage;
  history: readonly PactHistoryEntry[];
  noticeOpens?: string | null;
  noticeCloses?: string | null;
}

/** What a transition writes on the pact. */
export interface PactPatch {
  stage: PactStage;
  history: PactHistoryEntry[];
  answeredAt?: string;
  noticeOpens?: string;
  noticeCloses?: string;
}

export type TransitionResult = { ok: true; patch: PactPatch } | { ok: false; message: string };

const quoted = (stage: PactStage) => `«${PACT_STAGE_LABELS[stage]}»`;
const orList = (items: string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} o ${items[items.length - 1]}`);

export const isPactStage = (value: unknown): value is PactStage => typeof value === 'string' && (PACT_STAGES as readonly string[]).includes(value);
export const isPactKind = (value: unknown): value is PactKind => typeof value === 'string' && (PACT_KINDS as readonly string[]).includes(value);

/** The Italian message that refuses a move from `from` to `to`, naming the stages allowed from `from`. */
export function refusal(kind: PactKind, from: PactStage, to: string): string {
  const allowed = nextStages(kind, from);
  const target = isPactStage(to) ? quoted(to) : `«${to}»`;
  if (allowed.length === 0) return `Il patto è nella fase ${quoted(from)}, che è conclusiva: non può passare a ${target} né ad altre fasi.`;
  return `Il patto non può passare dalla fase ${quoted(from)} a ${target}. Da ${quoted(from)} un ${PACT_KIND_LABELS[kind].toLowerCase()} può passare solo a: ${orList(allowed.map(quoted))}.`;
}

/**
 * Moves a pact to `to` at the instant `at`, by `role`, with a public `note`. Returns the fields to store
 * (new stage, history with the change appended, the answer's instant, the notice window) or the
 * refusal; never a partial change.
 */
export function transition(pact: PactState, to: unknown, at: Date, role: PactRole, note?: string | null, noticeDays = DEFAULT_NOTICE_DAYS): TransitionResult {
  if (!isPactStage(to) || !nextStages(pact.kind, pact.stage).includes(to)) return { ok: false, message: refusal(pact.kind, pact.stage, String(to)) };
  const entry: PactHistoryEntry = { stage: to, at: at.toISOString(), note: note?.trim() || null, role };
  const patch: PactPatch = { stage: to, history: [...pact.history, entry] };
  if (ANSWER_STAGES.includes(to) && AWAITING_ANSWER.includes(pact.stage)) patch.answeredAt = entry.at;
  if (to === 'avviso_pubblico') {
    const opens = romeDay(at);
    patch.noticeOpens = opens;
    patch.noticeCloses = addDays(opens, noticeDays);
  }
  return { ok: true, patch };
}

/** The day (YYYY-MM-DD, Rome) by which the office must answer a proposal received at `receivedAt`. */
export function answerDue(receivedAt: Date | string, days = DEFAULT_ANSWER_DAYS): string {
  return addDays(romeDay(new Date(receivedAt)), days);
}

/** Whole calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

export type AnswerStatus =
  | { state: 'pending'; due: string; daysLeft: number }
  | { state: 'overdue'; due: string; daysLate: number }
  | { state: 'answered'; due: string; on: string; daysLate: number }
  | { state: 'none' };

/**
 * Where the answer stands at `now`: still due (with the days left), overdue (with the days late: never
 * hidden), given (on which day, and how late), or not owed (withdrawn before an answer).
 */
export function answerStatus(pact: { stage: PactStage; answerDue?: string | null | undefined; answeredAt?: string | null | undefined }, now: Date): AnswerStatus {
  const due = pact.answerDue;
  if (!due) return { state: 'none' };
  if (pact.answeredAt) {
    const on = romeDay(new Date(pact.answeredAt));
    return { state: 'answered', due, on, daysLate: Math.max(0, daysBetween(due, on)) };
  }
  if (!AWAITING_ANSWER.includes(pact.stage)) return { state: 'none' };
  if (now.getTime() > deadlineEnd(due) * 1000) return { state: 'overdue', due, daysLate: daysBetween(due, romeDay(now)) };
  return { state: 'pending', due, daysLeft: daysBetween(romeDay(now), due) };
}

/** Whether the public notice of a pact is open at `now` (all of its closing day, in Rome). */
export function noticeOpen(pact: { stage: PactStage; noticeOpens?: string | null | undefined; noticeCloses?: string | null | undefined }, now: Date): boolean {
  if (pact.stage !== 'avviso_pubblico' || !pact.noticeOpens || !pact.noticeCloses) return false;
  return romeDay(now) >= pact.noticeOpens && now.getTime() <= deadlineEnd(pact.noticeCloses) * 1000;
}

/** The environment's day counts: PACT_ANSWER_DAYS (default 30) and PACT_NOTICE_DAYS (default 30). */
export function pactDays(env: Record<string, string | undefined>): { answerDays: number; noticeDays: number } {
  const read = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return value && Number.isInteger(n) && n > 0 && n <= 365 ? n : fallback;
  };
  return { answerDays: read(env.PACT_ANSWER_DAYS, DEFAULT_ANSWER_DAYS), noticeDays: read(env.PACT_NOTICE_DAYS, DEFAULT_NOTICE_DAYS) };
}

/**
 * Whether `history` is a walk the table allows, from a proposal: what an import (the seed) may store
 * without going through each transition. Returns the refusal of the first illegal step, if any.
 */
export function historyProblem(kind: PactKind, history: readonly PactHistoryEntry[]): string | undefined {
  const [first, ...rest] = history;
  if (!first) return undefined;
  if (first.stage !== 'proposta') return `La storia di un patto comincia dalla fase «${PACT_STAGE_LABELS.proposta}», non da «${PACT_STAGE_LABELS[first.stage] ?? first.stage}».`;
  let stage: PactStage = first.stage;
  for (const entry of rest) {
    if (!nextStages(kind, stage).includes(entry.stage)) return refusal(kind, stage, entry.stage);
    stage = entry.stage;
  }
  return undefined;
}

/** Milestone progress as text a screen reader and a printout read alike. */
export const progressText = (percent: number): string =>
  percent >= 100 ? 'Completata' : percent <= 0 ? 'Non iniziata' : `Completata al ${Math.round(percent)}%`;
