/**
 * What a contribution from /partecipa/ may contain, with one Italian message per field.
 *
 * The vocabulary (kinds, targets, categories, limits) is the model's, shared with the site's forms.
 * The checks that need the database (the comune exists, the rated entry is published) live in store.ts,
 * the anti-spam checks in anti-spam.ts; everything here is pure and synchronous.
 */
import { CATEGORIES, DISTRICT_BBOX, insideDistrict, KINDS, LIMITS, NOTICE_CONTRIBUTIONS, TARGET_LABELS, TARGETS, type Kind } from '@coesione/model';
import { z } from 'zod';
import { isRecord } from '../../platform/published-change';

/** How a form arrives and is answered: JSON from the site's island, or a plain HTML form post. */
export type Format = 'json' | 'form';

/** The label of each field as the form shows it: error messages name the field the person sees. */
export const FIELD_LABELS: Record<string, string> = {
  data: 'Dati inviati',
  kind: 'Tipo di contributo',
  consent: 'Consenso al trattamento dei dati',
  website: 'Sito web',
  startedAt: 'Ora di apertura del modulo',
  confirmToken: 'Conferma',
  target: 'Tipo di proposta',
  title: 'Titolo',
  description: 'Descrizione',
  comune: 'Comune',
  organization: 'Organizzazione',
  email: 'E-mail',
  category: 'Categoria',
  latitude: 'Latitudine',
  longitude: 'Longitudine',
  address: 'Indirizzo',
  targetType: 'Tipo di scheda valutata',
  targetDocumentId: 'Scheda valutata',
  stars: 'Stelle',
  comment: 'Commento',
  commonGood: 'Bene comune',
  period: 'Quando',
  participants: 'Chi è coinvolto',
  needs: 'Che cosa chiedete al Comune',
  contactName: 'Nome e cognome',
  phone: 'Telefono',
  showName: 'Nome nel registro',
  noticeContribution: 'Tipo di contributo all’avviso',
  pact: 'Patto',
};

export interface FieldError {
  path: string[];
  message: string;
}

const label = (field: string) => `«${FIELD_LABELS[field] ?? field}»`;

/** A type error that says "required" when the field is simply missing. */
const typeError = (field: string, wrong: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `${label(field)} è obbligatorio.` : `${label(field)} ${wrong}`;

/** What looks like markup or a script URL: refused with a message, never stripped silently. */
export const HTML_LIKE = /<[a-z!/?]|&#|&[a-z][a-z0-9]*;|javascript:/i;
// Control characters other than tab and newlines: never typed by a person, often a sign of an attack.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function plainText(field: string, max: number) {
  return z
    .string({ error: typeError(field, 'deve essere un testo.') })
    .trim()
    .min(1, `${label(field)} è obbligatorio.`)
    .max(max, `${label(field)} può avere al massimo ${max.toLocaleString('it-IT')} caratteri.`)
    .refine((s) => !HTML_LIKE.test(s), `${label(field)} deve essere testo semplice: togli i codici HTML o di script (per esempio «<», «&#» o «javascript:»).`)
    .refine((s) => !CONTROL.test(s), `${label(field)} contiene caratteri di controllo non ammessi.`);
}

const oneOf = <T extends readonly [string, ...string[]]>(field: string, values: T, shown: readonly string[] = values) =>
  z.enum(values, { error: typeError(field, `non è valido: scegli uno tra ${shown.join(', ')}.`) });

const istat = z
  .string({ error: typeError('comune', 'deve essere il codice ISTAT del comune (6 cifre).') })
  .regex(/^\d{6}$/, `${label('comune')} deve essere il codice ISTAT del comune (6 cifre), per esempio 002158 per Vercelli.`);

const email = z
  .email({ error: `${label('email')} non è un indirizzo valido (per esempio nome@esempio.it).` })
  .max(254, `${label('email')} può avere al massimo 254 caratteri.`);

const coordinate = (field: 'latitude' | 'longitude') =>
  z.number({ error: typeError(field, 'deve essere un numero in gradi decimali.') }).refine(Number.isFinite, `${label(field)} deve essere un numero finito.`);

const common = {
  consent: z.literal(true, { error: `${label('consent')}: per inviare devi dare il consenso esplicito, dopo aver letto l'informativa privacy.` }),
};

const phone = z
  .string({ error: typeError('phone', 'deve essere un testo.') })
  .trim()
  .regex(/^\+?[0-9][0-9 ./-]{5,30}$/, `${label('phone')} non è un numero valido: solo cifre, spazi e il «+» iniziale, per esempio 0161 123456.`);

const point = <T extends { latitude?: number; longitude?: number }>(value: T, ctx: z.RefinementCtx) => {
  if ((value.latitude === undefined) !== (value.longitude === undefined)) {
    const missing = value.latitude === undefined ? 'latitude' : 'longitude';
    ctx.addIssue({ code: 'custom', path: [missing], message: `${label(missing)} manca: indica entrambe le coordinate oppure nessuna.` });
  }
};

const proposta = z.object({
  ...common,
  kind: z.literal('proposta'),
  target: oneOf('target', TARGETS, TARGETS.map((t) => `${t} (${TARGET_LABELS[t].noun})`)),
  title: plainText('title', LIMITS.title).refine((s) => s.length >= 3, `${label('title')} deve avere almeno 3 caratteri.`),
  description: plainText('description', LIMITS.text),
  comune: istat.optional(),
  organization: plainText('organization', LIMITS.short).optional(),
  email: email.optional(),
});

const segnalazione = z
  .object({
    ...common,
    kind: z.literal('segnalazione'),
    category: oneOf('category', CATEGORIES),
    description: plainText('description', LIMITS.text),
    comune: istat,
    latitude: coordinate('latitude').optional(),
    longitude: coordinate('longitude').optional(),
    address: plainText('address', LIMITS.short).optional(),
    email: email.optional(),
  })
  .superRefine(point);

const valutazione = z.object({
  ...common,
  kind: z.literal('valutazione'),
  targetType: oneOf('targetType', TARGETS, TARGETS.map((t) => `${t} (${TARGET_LABELS[t].noun})`)),
  targetDocumentId: z
    .string({ error: typeError('targetDocumentId', 'deve essere un testo.') })
    .regex(/^[a-z0-9]{10,40}$/, `${label('targetDocumentId')} non è un identificativo valido.`),
  stars: z.int({ error: typeError('stars', 'deve essere un numero intero da 1 a 5.') }).min(1, `${label('stars')}: da 1 a 5.`).max(5, `${label('stars')}: da 1 a 5.`),
  comment: plainText('comment', LIMITS.text).optional(),
});

/** A citizen's proposal of a collaboration pact: the bene comune and where, what and why, when, who, what they need. */
const patto = z
  .object({
    ...common,
    kind: z.literal('patto'),
    title: plainText('title', LIMITS.title).refine((s) => s.length >= 3, `${label('title')} deve avere almeno 3 caratteri.`),
    commonGood: plainText('commonGood', LIMITS.short),
    comune: istat,
    address: plainText('address', LIMITS.short).optional(),
    latitude: coordinate('latitude').optional(),
    longitude: coordinate('longitude').optional(),
    description: plainText('description', LIMITS.text),
    period: plainText('period', LIMITS.short).optional(),
    participants: plainText('participants', 2000),
    needs: plainText('needs', 2000).optional(),
    organization: plainText('organization', LIMITS.short).optional(),
    contactName: plainText('contactName', LIMITS.short).optional(),
    email: email.optional(),
    phone: phone.optional(),
    showName: z.boolean({ error: typeError('showName', 'deve essere sì o no.') }).optional(),
  })
  .superRefine((value, ctx) => {
    point(value, ctx);
    if (!value.email && !value.phone) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: `${label('email')}: lascia un’e-mail o un telefono, perché l’ufficio possa contattarvi per l’istruttoria.` });
    }
    if (value.showName && !value.contactName) {
      ctx.addIssue({ code: 'custom', path: ['contactName'], message: `${label('contactName')}: scrivilo, se vuoi che compaia nel registro.` });
    }
  });

/** A competing or additional proposal, or an observation, on a pact whose public notice is open. */
const osservazione = z.object({
  ...common,
  kind: z.literal('osservazione'),
  targetDocumentId: z
    .string({ error: typeError('pact', 'deve essere un testo.') })
    .regex(/^[a-z0-9]{10,40}$/, `${label('pact')} non è un identificativo valido.`),
  noticeContribution: oneOf('noticeContribution', NOTICE_CONTRIBUTIONS),
  description: plainText('description', LIMITS.text),
  organization: plainText('organization', LIMITS.short).optional(),
  email: email.optional(),
});

export type PropostaInput = z.infer<typeof proposta>;
export type SegnalazioneInput = z.infer<typeof segnalazione>;
export type ValutazioneInput = z.infer<typeof valutazione>;
export type PattoInput = z.infer<typeof patto>;
export type OsservazioneInput = z.infer<typeof osservazione>;
export type SubmissionInput = PropostaInput | SegnalazioneInput | ValutazioneInput | PattoInput | OsservazioneInput;

const SCHEMAS = { proposta, segnalazione, valutazione, patto, osservazione } as const;

/** Fields a form post sends as strings that the JSON API takes as numbers. */
const NUMERIC = new Set(['latitude', 'longitude', 'stars', 'startedAt']);

/**
 * The fields as the schemas expect them. Empty optional fields count as absent (a form sends "" for a
 * field left blank); a browser form's strings become numbers and booleans only where they parse exactly.
 */
export function normalizeFields(raw: Record<string, unknown>, fromForm: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    if (fromForm && typeof value === 'string') {
      if (NUMERIC.has(key) && /^-?\d+(\.\d+)?$/.test(value.trim())) out[key] = Number(value.trim());
      else if (key === 'consent' || key === 'showName') out[key] = value === 'on' || value === 'true' ? true : value === 'false' ? false : value;
      else out[key] = value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * The fields of a request body, normalized: the islands send `{ "data": { … } }` as JSON, a plain form
 * post sends the fields themselves, as strings.
 */
export function readFields(format: Format, body: unknown): { ok: true; fields: Record<string, unknown> } | { ok: false; errors: FieldError[] } {
  if (format === 'form') return { ok: true, fields: normalizeFields(isRecord(body) ? body : {}, true) };
  if (!isRecord(body) || !isRecord(body.data)) {
    return { ok: false, errors: [{ path: ['data'], message: 'Il corpo deve essere un oggetto { "data": { "kind": …, … } }.' }] };
  }
  return { ok: true, fields: normalizeFields(body.data, false) };
}

export type Validation = { ok: true; value: SubmissionInput } | { ok: false; errors: FieldError[] };

/** Checks the fields of one contribution (already normalized); the honeypot and timing are checked apart. */
export function validateFields(fields: Record<string, unknown>): Validation {
  const kind = fields.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    return { ok: false, errors: [{ path: ['kind'], message: `${label('kind')}: scegli proposta, segnalazione, valutazione, patto o osservazione.` }] };
  }
  const result = SCHEMAS[kind as Kind].safeParse(fields);
  if (result.success) return { ok: true, value: result.data };
  // One message per field: the first problem is the one to fix first.
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const key = path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push({ path, message: issue.message });
  }
  return { ok: false, errors };
}

/** The summary line of a refusal, in Italian. */
export function summary(errors: FieldError[]): string {
  return errors.length === 1 ? 'Il modulo contiene un errore: correggilo e invia di nuovo.' : `Il modulo contiene ${errors.length} errori: correggili e invia di nuovo.`;
}

const fmt = (n: number) => n.toFixed(2).replace('.', ',');

/** The error on a point outside the district's box (the model's: the site's map frames the same box). */
export function outsideDistrict(lat: number, lng: number): FieldError | undefined {
  if (insideDistrict(lat, lng)) return undefined;
  const [west, south, east, north] = DISTRICT_BBOX;
  return {
    path: ['latitude'],
    message:
      `Il punto (${lat}, ${lng}) è fuori dal distretto: latitudine tra ${fmt(south)} e ${fmt(north)}, ` +
      `longitudine tra ${fmt(west)} e ${fmt(east)}. Scegli il punto sulla mappa o scrivi l'indirizzo.`,
  };
}
