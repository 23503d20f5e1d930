/**
 * What the participation forms share, with no React and no DOM: the payload sent to
 * `POST /api/submissions` (the contract in docs/architecture.md, "Participation: the CMS side"), the
 * checks the browser makes before sending (the server's simplest rules, with the server's limits: the
 * server stays the authority) and the reading of the server's answers. The vocabulary (kinds, targets,
 * categories, limits, receipt codes) is @coesione/model's, which the CMS reads too.
 */
import { LIMITS, type Kind } from '@coesione/model';

export const STAR_LABELS = ['1 stella su 5: pessimo', '2 stelle su 5: scarso', '3 stelle su 5: sufficiente', '4 stelle su 5: buono', '5 stelle su 5: ottimo'];

export interface FieldError {
  /** The field's `name`, when the error belongs to one field. */
  field?: string;
  message: string;
}

export type Payload = Record<string, string | number | boolean>;

/**
 * The JSON body from the form's own fields, so the enhanced form and the plain post send the same names.
 * Empty optional fields are left out; numbers and the consent become numbers and a boolean.
 */
export function toPayload(form: FormData, startedAt: number): { data: Payload } {
  const data: Payload = {};
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== 'string') continue;
    const value = name === 'website' ? raw : raw.trim();
    if (value === '' && name !== 'website') continue;
    if (name === 'consent' || name === 'showName') data[name] = value === 'true' || value === 'on';
    else if (name === 'stars' || name === 'latitude' || name === 'longitude') data[name] = Number(value);
    else data[name] = value;
  }
  if (!('consent' in data)) data.consent = false;
  data.startedAt = startedAt;
  return { data };
}

const length = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);
/** 5000 → "5.000": the same digits on the server and in every browser (no hydration mismatch). */
export const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** The checks the browser can make at once: required fields, lengths, consent. */
export function checkPayload(kind: Kind, data: Payload): FieldError[] {
  const errors: FieldError[] = [];
  const required = (field: string, message: string) => {
    if (data[field] === undefined || data[field] === '') errors.push({ field, message });
  };
  const max = (field: string, limit: number, what: string) => {
    const n = length(data[field]);
    if (n > limit) errors.push({ field, message: `${what} può avere al massimo ${thousands(limit)} caratteri (ora ne ha ${thousands(n)}).` });
  };
  if (kind === 'proposta') {
    required('target', 'Scegli che cosa vuoi proporre.');
    required('title', 'Scrivi un titolo per la proposta.');
    max('title', LIMITS.title, 'Il titolo');
    required('description', 'Descrivi la proposta.');
    max('description', LIMITS.text, 'La descrizione');
    max('organization', LIMITS.short, 'Il nome dell’ente');
  } else if (kind === 'segnalazione') {
    required('category', 'Scegli l’argomento della segnalazione.');
    required('description', 'Descrivi che cosa vuoi segnalare.');
    max('description', LIMITS.text, 'La descrizione');
    required('comune', 'Scegli il comune.');
    max('address', LIMITS.short, 'L’indirizzo');
  } else if (kind === 'valutazione') {
    required('stars', 'Scegli quante stelle dare, da 1 a 5.');
    max('comment', LIMITS.text, 'Il commento');
  } else if (kind === 'patto') {
    required('title', 'Scrivi un titolo per la proposta.');
    max('title', LIMITS.title, 'Il titolo');
    required('commonGood', 'Scrivi di quale bene comune volete prendervi cura.');
    max('commonGood', LIMITS.short, 'Il bene comune');
    required('comune', 'Scegli il comune.');
    max('address', LIMITS.short, 'L’indirizzo');
    required('description', 'Descrivi che cosa volete fare e perché.');
    max('description', LIMITS.text, 'La descrizione');
    max('period', LIMITS.short, 'Il periodo');
    required('participants', 'Scrivi chi è coinvolto.');
    max('participants', 2000, 'Chi è coinvolto');
    max('needs', 2000, 'Che cosa chiedete al Comune');
    if (data.email === undefined && data.phone === undefined) errors.push({ field: 'email', message: 'Lascia un’e-mail o un telefono, perché l’ufficio possa contattarvi.' });
    if (data.showName === true && data.contactName === undefined) errors.push({ field: 'contactName', message: 'Scrivi il tuo nome, se vuoi che compaia nel registro.' });
  } else {
    required('noticeContribution', 'Scegli che cosa vuoi inviare: una proposta concorrente, integrativa o un’osservazione.');
    required('description', 'Scrivi il tuo contributo.');
    max('description', LIMITS.text, 'Il contributo');
  }
  if (typeof data.email === 'string' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(data.email)) {
    errors.push({ field: 'email', message: 'Scrivi un indirizzo e-mail valido, per esempio nome@esempio.it, oppure lascia vuoto il campo.' });
  }
  if (data.consent !== true) errors.push({ field: 'consent', message: 'Per inviare devi dare il consenso al trattamento dei dati.' });
  return errors;
}

/** The server's answer, as the form shows it. */
export type Outcome =
  | { ok: true; receipt: string; stateLabel: string }
  | { ok: false; summary: string; errors: FieldError[] };

interface ErrorBody {
  error?: { message?: string; details?: { errors?: { path?: (string | number)[]; message?: string }[] } };
}

/** Field errors from Strapi's error shape; a path such as ["data", "title"] names the field "title". */
export function readErrors(body: unknown): FieldError[] {
  const list = (body as ErrorBody | null)?.error?.details?.errors;
  if (!Array.isArray(list)) return [];
  return list
    .filter((e) => typeof e?.message === 'string')
    .map((e) => {
      const field = (e.path ?? []).map(String).find((p) => p !== 'data');
      return field ? { field, message: e.message as string } : { message: e.message as string };
    });
}

export const NETWORK_ERROR =
  'Non è stato possibile inviare il modulo: il servizio non risponde. Controlla la connessione e riprova tra poco; quello che hai scritto è ancora nel modulo.';

/** Posts the payload as JSON and reads the answer; never throws. */
export async function sendSubmission(cmsUrl: string, payload: { data: Payload }, fetcher: typeof fetch = fetch): Promise<Outcome> {
  let res: Response;
  try {
    res = await fetcher(`${cmsUrl}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(payload),
    });
  } catch {
    return { ok: false, summary: NETWORK_ERROR, errors: [] };
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON (a proxy's error page): the status decides below
  }
  const data = (body as { data?: { receipt?: unknown; stateLabel?: unknown } } | null)?.data;
  if (res.ok && typeof data?.receipt === 'string') {
    return { ok: true, receipt: data.receipt, stateLabel: typeof data.stateLabel === 'string' ? data.stateLabel : 'Ricevuta' };
  }
  const message = (body as ErrorBody | null)?.error?.message;
  if (res.status >= 500 || !message) {
    return { ok: false, summary: `Il servizio non ha potuto registrare l’invio (errore ${res.status}). Riprova tra poco; quello che hai scritto è ancora nel modulo.`, errors: [] };
  }
  return { ok: false, summary: message, errors: readErrors(body) };
}

export const statusPageUrl = (receipt: string): string => `/partecipa/stato/?codice=${encodeURIComponent(receipt)}`;
