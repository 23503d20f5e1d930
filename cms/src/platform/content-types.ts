/**
 * The CMS's view of the registry of content types (@coesione/model): Strapi UIDs by role. The lists are
 * derived, never written here, so a type added to the registry is public, indexed and open to partners
 * where the registry says.
 */
import { COMPUTED_KEYS, EDITORIAL_KEYS, PARTNER_KEYS, PARTNER_RECORDS_KEYS, REFERENCE_KEYS, uidOf } from '@coesione/model';

/** Editorial types: draft & publish, localized, indexed, shown on the site. */
export const CONTENT_TYPES = EDITORIAL_KEYS.map(uidOf);

/** Reference data: always public, edited by editors. */
export const REFERENCE_TYPES = REFERENCE_KEYS.map(uidOf);

/** Everything the public REST API may read (find / findOne, published only). */
export const PUBLIC_TYPES = [...CONTENT_TYPES, ...REFERENCE_TYPES];
export type PublicType = (typeof PUBLIC_TYPES)[number];

/** What a Third Sector partner may propose (as drafts, its own entries only). */
export const PARTNER_TYPES = PARTNER_KEYS.map(uidOf);

/**
 * Private types editors manage in the admin: contributions from the public forms, the partner accounts
 * and the workshops' outcomes (the search outbox is the CMS's own). Never in the public API, never indexed, never on the site.
 */
export const PRIVATE_TYPES = [uidOf('submission'), uidOf('partner-account'), uidOf('workshop-outcome')];

/**
 * Private entries a partner writes about its own work, which the office manages in full (a workshop
 * cycle's outcomes: the partner its organisation's workshops only, features/outcomes). Published only as
 * figures under the small-cell rule.
 */
export const PARTNER_REPORT_TYPES = [uidOf('workshop-outcome')];

/**
 * Private records the office reads and never edits in the admin (bookings: they change only through their
 * rules, so the seats stay counted once). Never in the public API, the index or the site.
 */
export const OFFICE_READ_TYPES = [uidOf('booking')];

/** Public types the CMS writes alone (need figures): editors read them, nobody edits them. */
export const COMPUTED_TYPES = COMPUTED_KEYS.map(uidOf);
export const EDITABLE_TYPES = PUBLIC_TYPES.filter((uid) => !(COMPUTED_TYPES as readonly string[]).includes(uid));

/** Private records each partner keeps for itself (need records): its own only, and no editor sees them. */
export const PARTNER_RECORD_TYPES = PARTNER_RECORDS_KEYS.map(uidOf);
