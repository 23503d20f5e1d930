/**
 * What the pages read from the CMS, validated at build time: a missing or malformed field fails the
 * build with the entry and the field named (never an empty page).
 */
import { PACT_KINDS, PACT_ROLES, PACT_STAGES, type PublicKey } from '@coesione/model';
import { z } from 'astro/zod';

const text = z.string().nullable().optional();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}/).nullable().optional();
const taxonomy = z.object({ name: z.string(), slug: z.string() });
const municipalityRef = z.object({ name: z.string(), slug: z.string(), istatCode: z.string().regex(/^\d{6}$/) });
const organizationRef = z.object({ name: z.string(), slug: z.string(), kind: z.string() });
const titled = z.object({ title: z.string(), slug: z.string() });
const place = z.object({
  label: text,
  address: z.string(),
  latitude: z.coerce.number().min(-90).max(90),
  longitude: z.coerce.number().min(-180).max(180),
  municipality: municipalityRef.nullable().optional(),
});
/** An uploaded image; `file` is its copy in the build's cache (uploads.ts). */
export const coverFields = z.object({
  url: z.string(),
  alternativeText: text,
  caption: text,
  width: z.number().nullable().optional(),
  height: z.number().nullable().optional(),
  mime: text,
  file: z.string().optional(),
});
const image = coverFields.nullable().optional();
const file = z.object({ url: z.string(), name: z.string(), alternativeText: text, mime: z.string(), size: z.number(), ext: text, file: z.string() });
const contact = z.object({ name: z.string(), email: text, phone: text, hours: text });
/** Strapi blocks: checked for shape by the renderer, which refuses unknown node types. */
export const blocks = z.array(z.object({ type: z.string() }).passthrough()).nullable().optional();

const common = {
  documentId: z.string(),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  summary: z.string().max(300),
  body: blocks,
  themes: z.array(taxonomy).default([]),
  targetGroups: z.array(taxonomy).default([]),
  municipalities: z.array(municipalityRef).default([]),
  cover: image,
  verifiedAt: date,
  publishedAt: z.string(),
  updatedAt: z.string(),
};

export const schemas = {
  practice: z.object({
    ...common,
    title: z.string(),
    state: z.enum(['attiva', 'conclusa', 'sperimentale']),
    evidenceLevel: z.string(),
    period: z.object({ start: z.string(), end: date }).nullable().optional(),
    location: place.nullable().optional(),
    promoters: z.array(organizationRef).default([]),
    outcomes: blocks,
    indicators: z.array(z.object({ name: z.string(), value: z.coerce.number(), unit: text, year: z.number() })).default([]),
    howToReplicate: blocks,
    lessonsLearned: blocks,
    attachments: z.array(file).nullable().optional(),
    trainingMaterials: z.array(titled).default([]),
  }),
  opportunity: z.object({
    ...common,
    title: z.string(),
    kind: z.string(),
    eligibility: text,
    cost: text,
    howToApply: text,
    applyUrl: text,
    opensAt: date,
    deadline: date,
    startDate: date,
    endDate: date,
    provider: organizationRef.nullable().optional(),
    locations: z.array(place).default([]),
    contacts: z.array(contact).default([]),
  }),
  regulation: z.object({
    ...common,
    title: z.string(),
    kind: z.string(),
    issuer: z.string(),
    number: text,
    date,
    urn: text,
    validity: z.enum(['vigente', 'abrogata']),
    sourceUrl: text,
    relatedRegulations: z.array(titled).default([]),
    relatedBy: z.array(titled).default([]),
    attachments: z.array(file).nullable().optional(),
    trainingMaterials: z.array(titled).default([]),
  }),
  'training-material': z.object({
    ...common,
    title: z.string(),
    format: z.string(),
    audience: z.string(),
    level: z.string(),
    durationMinutes: z.number().nullable().optional(),
    externalUrl: text,
    files: z.array(file).nullable().optional(),
    relatedPractices: z.array(titled).default([]),
    relatedRegulations: z.array(titled).default([]),
  }),
  workshop: z.object({
    ...common,
    title: z.string(),
    format: z.enum(['laboratorio', 'corso']).default('laboratorio'),
    audience: z.enum(['tutti', 'operatori_pubblici', 'terzo_settore', 'operatori_e_terzo_settore']).default('tutti'),
    craft: z.string(),
    artisanName: z.string(),
    artisanBio: text,
    organization: organizationRef.nullable().optional(),
    sessions: z.array(z.object({ start: z.string(), end: text, note: text, cancelled: z.boolean().nullable().optional(), capacity: z.number().nullable().optional() })).default([]),
    capacity: z.number().nullable().optional(),
    bookingOpens: text,
    bookingCloses: text,
    cost: text,
    howToRegister: text,
    accessibilityNotes: text,
    location: place.nullable().optional(),
  }),
  organization: z.object({
    ...common,
    name: z.string(),
    kind: z.string(),
    runtsNumber: text,
    website: text,
    sites: z.array(place).default([]),
    contacts: z.array(contact).default([]),
  }),
  // Collaboration pacts (issue 13): the stage vocabulary is @coesione/model's.
  pact: z.object({
    ...common,
    title: z.string(),
    commonGood: z.string(),
    kind: z.enum(PACT_KINDS),
    stage: z.enum(PACT_STAGES),
    stageHistory: z.array(z.object({ stage: z.enum(PACT_STAGES), at: z.string(), note: text, role: z.enum(PACT_ROLES) })).default([]),
    receivedAt: text,
    answerDue: date,
    answeredAt: text,
    noticeOpens: date,
    noticeCloses: date,
    publicProposer: text,
    location: place.nullable().optional(),
    managingBody: organizationRef.nullable().optional(),
    parties: z
      .array(z.object({ name: z.string(), role: z.string(), organization: organizationRef.nullable().optional(), commitments: z.array(z.object({ kind: z.string(), description: z.string() })).default([]) }))
      .default([]),
    provisions: z.array(z.object({ kind: z.string(), description: z.string() })).default([]),
    startDate: date,
    endDate: date,
    durationMonths: z.number().nullable().optional(),
    milestones: z.array(z.object({ title: z.string(), due: date, progress: z.number().min(0).max(100), note: text })).default([]),
    reports: z.array(z.object({ date: z.string(), summary: z.string(), indicators: z.array(z.object({ name: z.string(), value: z.coerce.number(), unit: text, year: z.number() })).default([]) })).default([]),
    attachments: z.array(file).nullable().optional(),
  }),
  municipality: z.object({
    documentId: z.string(),
    name: z.string(),
    slug: z.string(),
    istatCode: z.string().regex(/^\d{6}$/),
    latitude: z.coerce.number(),
    longitude: z.coerce.number(),
    managingBody: organizationRef.nullable().optional(),
    population2011: z.number().nullable().optional(),
  }),
  theme: z.object({ documentId: z.string(), name: z.string(), slug: z.string(), description: text }),
  'target-group': z.object({ documentId: z.string(), name: z.string(), slug: z.string(), description: text }),
  'need-category': z.object({ documentId: z.string(), name: z.string(), slug: z.string(), description: text, themes: z.array(taxonomy).default([]) }),
  'need-service': z.object({ documentId: z.string(), name: z.string(), slug: z.string(), description: text }),
  /** Published need figures (NeedRelease in @coesione/model): suppressed cells carry null, never 0. */
  'need-figure': z.object({
    documentId: z.string(),
    quarter: z.string().regex(/^\d{4}-T[1-4]$/),
    level: z.enum(['comune', 'ambito', 'distretto']),
    minCell: z.number().int().min(3),
    quarters: z.number().int().min(1).nullable().optional(),
    frozen: z.boolean(),
    computedAt: z.string(),
    reporting: z.object({
      expected: z.number().int().min(0),
      reported: z.number().int().min(0),
      onTime: z.number().int().min(0),
      months: z.array(z.object({ month: z.string(), due: z.string(), reported: z.number().int().min(0), onTime: z.number().int().min(0) })),
    }).nullable().optional(),
    cells: z.array(z.object({
      area: z.string(),
      category: z.string(),
      ageBand: z.string(),
      people: z.number().int().min(0).nullable(),
      multiBody: z.number().int().min(0).nullable(),
      suppressed: z.enum(['primary', 'secondary']).optional(),
    })),
  }),
} satisfies Record<PublicKey, z.ZodTypeAny>;
