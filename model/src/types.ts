/**
 * The registry of content types: one entry per type, read by the CMS (roles, public routes, search
 * sync), search (document types and their pages), the site (sections, collections, labels) and scripts.
 * Adding a type is one entry here plus its Strapi schema.
 *
 * - `editorial`: draft & publish, public once published, indexed, a section of the site;
 * - `reference`: vocabularies and comuni, always public, edited by editors, no draft stage;
 * - `private`: never in the public API, the index or the site.
 */
export type Visibility = 'editorial' | 'reference' | 'private';

export interface ContentType {
  /** The Strapi UID. */
  uid: `api::${string}.${string}`;
  visibility: Visibility;
  /** Path of the REST API under /api (Strapi's pluralName); private types have none. */
  rest?: string;
  /** Name of the site's content collection. */
  collection?: string;
  /** The site's section, with its slashes (`/buone-prassi/`): editorial types only. */
  section?: string;
  /** Italian labels: the section's title and one entry's name. */
  label: string;
  singular: string;
  /** schema.org type of a detail page. */
  schemaOrg?: string;
  /** Whether a Third Sector partner may propose entries of this type (as drafts, its own only). */
  partner?: boolean;
  /** Public but written by the CMS alone (computed figures): nobody edits it in the admin. */
  computed?: boolean;
  /** Private records a Third Sector partner keeps for itself: its own only, invisible to editors. */
  partnerRecords?: boolean;
}

export const TYPES = {
  practice: {
    uid: 'api::practice.practice', visibility: 'editorial', rest: 'practices', collection: 'practices', section: '/buone-prassi/',
    label: 'Buone prassi', singular: 'Buona prassi', schemaOrg: 'CreativeWork', partner: true,
  },
  opportunity: {
    uid: 'api::opportunity.opportunity', visibility: 'editorial', rest: 'opportunities', collection: 'opportunities', section: '/opportunita/',
    label: 'Opportunità', singular: 'Opportunità', schemaOrg: 'Service', partner: true,
  },
  regulation: {
    uid: 'api::regulation.regulation', visibility: 'editorial', rest: 'regulations', collection: 'regulations', section: '/normativa/',
    label: 'Normativa e modelli', singular: 'Normativa', schemaOrg: 'Legislation',
  },
  'training-material': {
    uid: 'api::training-material.training-material', visibility: 'editorial', rest: 'training-materials', collection: 'trainingMaterials', section: '/formazione/',
    label: 'Formazione', singular: 'Materiale formativo', schemaOrg: 'LearningResource', partner: true,
  },
  workshop: {
    uid: 'api::workshop.workshop', visibility: 'editorial', rest: 'workshops', collection: 'workshops', section: '/laboratori/',
    label: 'Laboratori', singular: 'Laboratorio', schemaOrg: 'EventSeries', partner: true,
  },
  organization: {
    uid: 'api::organization.organization', visibility: 'editorial', rest: 'organizations', collection: 'organizations', section: '/enti/',
    label: 'Enti', singular: 'Ente', schemaOrg: 'Organization', partner: true,
  },
  // ── Collaboration pacts (issue 13) ──
  pact: {
    uid: 'api::pact.pact', visibility: 'editorial', rest: 'pacts', collection: 'pacts', section: '/patti/',
    label: 'Patti di collaborazione', singular: 'Patto di collaborazione', schemaOrg: 'Project', partner: true,
  },
  municipality: { uid: 'api::municipality.municipality', visibility: 'reference', rest: 'municipalities', collection: 'municipalities', label: 'Comuni', singular: 'Comune', schemaOrg: 'City' },
  theme: { uid: 'api::theme.theme', visibility: 'reference', rest: 'themes', collection: 'themes', label: 'Aree tematiche', singular: 'Area tematica' },
  'target-group': { uid: 'api::target-group.target-group', visibility: 'reference', rest: 'target-groups', collection: 'targetGroups', label: 'Destinatari', singular: 'Destinatari' },
  'need-category': { uid: 'api::need-category.need-category', visibility: 'reference', rest: 'need-categories', collection: 'needCategories', label: 'Categorie di bisogno', singular: 'Categoria di bisogno' },
  'need-service': { uid: 'api::need-service.need-service', visibility: 'reference', rest: 'need-services', collection: 'needServices', label: 'Servizi erogati', singular: 'Servizio erogato' },
  'need-figure': {
    uid: 'api::need-figure.need-figure', visibility: 'reference', rest: 'need-figures', collection: 'needFigures', label: 'Cifre dei bisogni', singular: 'Cifre di un trimestre', computed: true,
  },
  submission: { uid: 'api::submission.submission', visibility: 'private', label: 'Contributi dei cittadini', singular: 'Contributo dei cittadini' },
  'partner-account': { uid: 'api::partner-account.partner-account', visibility: 'private', label: 'Account partner', singular: 'Account partner' },
  booking: { uid: 'api::booking.booking', visibility: 'private', label: 'Prenotazioni ai laboratori', singular: 'Prenotazione' },
  certificate: { uid: 'api::certificate.certificate', visibility: 'private', label: 'Attestati di partecipazione', singular: 'Attestato di partecipazione' },
  'workshop-outcome': { uid: 'api::workshop-outcome.workshop-outcome', visibility: 'private', label: 'Risultati dei laboratori', singular: 'Risultati di un ciclo' },
  'need-record': { uid: 'api::need-record.need-record', visibility: 'private', label: 'Dati di bisogno', singular: 'Scheda di bisogno', partnerRecords: true },
  'need-audit': { uid: 'api::need-audit.need-audit', visibility: 'private', label: 'Registro degli accessi ai dati di bisogno', singular: 'Accesso ai dati di bisogno' },
  'search-outbox': { uid: 'api::search-outbox.search-outbox', visibility: 'private', label: 'Coda di indicizzazione', singular: 'Modifica da indicizzare' },
} as const satisfies Record<string, ContentType>;

export type TypeKey = keyof typeof TYPES;
type Entry = (typeof TYPES)[TypeKey];
type KeysWhere<P> = { [K in TypeKey]: (typeof TYPES)[K] extends P ? K : never }[TypeKey];

/** Types with a section on the site, in the order of the site's navigation. */
export type EditorialKey = KeysWhere<{ visibility: 'editorial' }>;
export type ReferenceKey = KeysWhere<{ visibility: 'reference' }>;
export type PrivateKey = KeysWhere<{ visibility: 'private' }>;
/** Types the public REST API reads. */
export type PublicKey = EditorialKey | ReferenceKey;
export type PartnerKey = KeysWhere<{ partner: true }>;
export type ComputedKey = KeysWhere<{ computed: true }>;
export type PartnerRecordsKey = KeysWhere<{ partnerRecords: true }>;

const keys = <K extends TypeKey>(test: (entry: Entry) => boolean) => (Object.keys(TYPES) as TypeKey[]).filter((k) => test(TYPES[k])) as K[];

export const EDITORIAL_KEYS = keys<EditorialKey>((t) => t.visibility === 'editorial');
export const REFERENCE_KEYS = keys<ReferenceKey>((t) => t.visibility === 'reference');
export const PRIVATE_KEYS = keys<PrivateKey>((t) => t.visibility === 'private');
export const PUBLIC_KEYS = [...EDITORIAL_KEYS, ...REFERENCE_KEYS] as PublicKey[];
export const PARTNER_KEYS = keys<PartnerKey>((t) => 'partner' in t && t.partner === true);
export const COMPUTED_KEYS = keys<ComputedKey>((t) => 'computed' in t && t.computed === true);
export const PARTNER_RECORDS_KEYS = keys<PartnerRecordsKey>((t) => 'partnerRecords' in t && t.partnerRecords === true);

export type Uid<K extends TypeKey = TypeKey> = (typeof TYPES)[K]['uid'];
export const uidOf = <K extends TypeKey>(key: K): Uid<K> => TYPES[key].uid;

/** The key of a Strapi UID, or undefined for a UID outside the registry. */
export function keyOf(uid: string): TypeKey | undefined {
  return (Object.keys(TYPES) as TypeKey[]).find((k) => TYPES[k].uid === uid);
}

/** The public page of an editorial entry. */
export const pageUrl = (key: EditorialKey, slug: string): string => `${TYPES[key].section}${slug}/`;
