/**
 * Where a partner's proposal stands, as the partner and the editors read it in the admin: waiting for an
 * editor, published, or returned with a note (until the partner edits it again). The states and their
 * labels: contract.ts.
 */
import type { ReviewState } from './contract';

/** The fields an editor's return writes: partners read them on their entries and never write them. */
export const REVIEW_FIELDS = ['reviewNote', 'returnedAt'] as const;

export const NOTE_MAX = 2000;

export function reviewState(entry: { published: boolean; returnedAt?: string | Date | null }): ReviewState {
  if (entry.returnedAt) return 'rimandata';
  return entry.published ? 'pubblicata' : 'in_attesa';
}

/** Whole days from `from` to `to` (never negative). */
export const daysBetween = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
