/**
 * What the admin's work queues and review panel (cms/src/admin/coesione/) read from routes.ts: where a
 * partner's proposal stands, its Italian labels, the answers' shapes. The server writes its answers by
 * these types and the admin bundle imports them instead of copying them, so the two cannot drift apart.
 *
 * Imported by the admin bundle too: nothing here may import server code (types of @coesione/model only).
 */
import type { EditorialKey } from '@coesione/model';

/** An entry's edit view, under the admin's root: the widgets' links, and the daily e-mail's (features/queue-mail). */
export const entryLink = (uid: string, documentId: string) => `/content-manager/collection-types/${uid}/${documentId}?plugins[i18n][locale]=it`;

/** Waiting for an editor, published, or returned with a note (until the partner edits it again): state.ts `reviewState`. */
export type ReviewState = 'in_attesa' | 'pubblicata' | 'rimandata';

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  in_attesa: 'In attesa della redazione',
  pubblicata: 'Pubblicata',
  rimandata: 'Rimandata con una nota',
};

export interface QueueEntry {
  type: EditorialKey;
  typeLabel: string;
  uid: string;
  documentId: string;
  title: string;
  updatedAt: string;
}
export interface Proposal extends QueueEntry {
  state: ReviewState;
  note: string | null;
  returnedAt: string | null;
  organization?: string | null;
}
export interface Section<T> {
  total: number;
  items: T[];
}

/** `GET /admin/coesione/queue` for an editor. */
export interface EditorQueue {
  role: 'editor';
  contributions: Section<{ documentId: string; receipt: string; kind: string; state: string; title: string; createdAt: string; ageDays: number }>;
  partnerDrafts: Section<Proposal>;
  closingSoon: Section<QueueEntry & { deadline: string; daysLeft: number }>;
  notVerified: Section<QueueEntry & { verifiedAt: string | null }>;
}
/** `GET /admin/coesione/queue` for a partner: its organisation's proposals. */
export interface PartnerQueue {
  role: 'partner';
  organization: string | null;
  proposals: Section<Proposal>;
}

/** `GET /admin/coesione/review/:type/:documentId`: where one proposal stands, with the editor's note. */
export interface Review {
  proposed: boolean;
  organization: string | null;
  state: ReviewState;
  note: string | null;
  returnedAt: string | null;
}
