/**
 * The vocabulary of the participation forms, shared by the forms (browser), the CMS's endpoint and its
 * confirmation pages and e-mails: kinds, proposal targets, report categories with one label each, the
 * limits, and the receipt code's format.
 */
import type { EditorialKey } from './types.js';

export const KINDS = ['proposta', 'segnalazione', 'valutazione', 'patto', 'osservazione'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS: Record<Kind, string> = {
  proposta: 'Proposta',
  segnalazione: 'Segnalazione',
  valutazione: 'Valutazione',
  patto: 'Proposta di patto di collaborazione',
  osservazione: 'Contributo all’avviso pubblico di un patto',
};

/**
 * What a citizen sends to a complex pact's public notice while it is open (regulations for shared
 * administration: competing or additional proposals, and observations).
 */
export const NOTICE_CONTRIBUTIONS = ['concorrente', 'integrativa', 'osservazione'] as const;
export type NoticeContribution = (typeof NOTICE_CONTRIBUTIONS)[number];
export const NOTICE_CONTRIBUTION_LABELS: Record<NoticeContribution, string> = {
  concorrente: 'Una proposta concorrente (un’altra idea per lo stesso bene comune)',
  integrativa: 'Una proposta integrativa (qualcosa da aggiungere al patto)',
  osservazione: 'Un’osservazione',
};

/** What a citizen may propose (a draft of that type is created when an editor accepts the proposal). */
export const TARGETS = ['practice', 'opportunity', 'workshop'] as const satisfies readonly EditorialKey[];
export type Target = (typeof TARGETS)[number];
export const TARGET_LABELS: Record<Target, { option: string; name: string; noun: string }> = {
  practice: { option: 'Una buona prassi', name: 'questa buona prassi', noun: 'buona prassi' },
  opportunity: { option: 'Un’opportunità', name: 'questa opportunità', noun: 'opportunità' },
  workshop: { option: 'Un laboratorio', name: 'questo laboratorio', noun: 'laboratorio' },
};

export const CATEGORIES = ['abitare', 'lavoro', 'salute', 'mobilita', 'barriere', 'solitudine', 'poverta', 'altro'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  abitare: 'Abitare e casa',
  lavoro: 'Lavoro',
  salute: 'Salute e assistenza',
  mobilita: 'Mobilità e trasporti',
  barriere: 'Barriere architettoniche',
  solitudine: 'Solitudine e isolamento',
  poverta: 'Povertà e bisogni materiali',
  altro: 'Altro',
};

/** Where a contribution stands, as its sender sees it on the status page (and editors set it in the admin). */
export const STATES = ['ricevuta', 'in_revisione', 'accettata', 'respinta'] as const;
export type State = (typeof STATES)[number];
export const STATE_LABELS: Record<State, string> = { ricevuta: 'Ricevuta', in_revisione: 'In revisione', accettata: 'Accettata', respinta: 'Respinta' };

/**
 * A state as its sender reads it. A pact proposal «accettata» is taken up by the office, which opens the
 * pact's istruttoria: «Accettata» alone read as "pact approved".
 */
export function senderStateLabel(kind: Kind, state: State): string {
  return kind === 'patto' && state === 'accettata' ? 'Presa in carico: il patto è in istruttoria' : STATE_LABELS[state];
}

/** Ratings count once an editor accepts them, and are shown only as an average of at least this many. */
export const MIN_RATINGS = 3;

/** What `GET /api/submissions/status/<code>` answers: the state and the public reply, nothing the sender wrote. */
export interface PublicStatus {
  receipt: string;
  kind: Kind;
  state: State;
  stateLabel: string;
  reply: string | null;
  updatedAt: string;
  /** A pact proposal the office opened, once its page is in the public register. */
  pact?: { title: string; path: string; stage: string } | null;
}

/** Characters: a title, a long text, a short field (names, addresses). The whole body: 32 KB. */
export const LIMITS = { title: 200, text: 5000, short: 200, bodyBytes: 32 * 1024 } as const;

/** Crockford's base32: no I, L, O, U, so a code read aloud or typed by hand is hard to get wrong. */
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A receipt code as a person may type it (lower case, spaces, O for 0, I or L for 1) in canonical form
 * `ABCD-EFGH-JKMN`, or undefined when it cannot be a receipt.
 */
export function normalizeReceipt(input: unknown): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{12}$/.test(chars)) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}
