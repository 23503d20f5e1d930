/**
 * The types a partner may propose (they carry the private `proposedBy`), and the key the review routes take
 * for each. Browser-safe: the admin's side panel and the server's queue and routes read this one list.
 */
import { TYPES, type TypeKey } from '@coesione/model';

export const PROPOSED_BY_TYPES = [
  'api::practice.practice',
  'api::opportunity.opportunity',
  'api::workshop.workshop',
  'api::training-material.training-material',
  'api::pact.pact',
] as const;

export type ProposedByType = (typeof PROPOSED_BY_TYPES)[number];

const KEYS = new Map<string, TypeKey>(
  (Object.keys(TYPES) as TypeKey[]).filter((key) => (PROPOSED_BY_TYPES as readonly string[]).includes(TYPES[key].uid)).map((key) => [TYPES[key].uid, key]),
);

/** The route key (`practice`, `pact`, …) of a type partners propose, or undefined for any other UID. */
export const proposalKey = (uid: string): TypeKey | undefined => KEYS.get(uid);

/** The UID of a type partners propose, named by its route key, or undefined. */
export function proposalUid(key: string): ProposedByType | undefined {
  const uid = TYPES[key as TypeKey]?.uid as string | undefined;
  return uid && KEYS.has(uid) ? (uid as ProposedByType) : undefined;
}
