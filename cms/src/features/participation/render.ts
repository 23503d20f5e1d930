/**
 * The service's results as answers: JSON for the islands, the Italian pages for a browser with no
 * JavaScript (the confirmation page, the receipt, the status, the refusals).
 */
import { CATEGORY_LABELS, KIND_LABELS, NOTICE_CONTRIBUTION_LABELS, TARGET_LABELS } from '@coesione/model';
import type { Context } from 'koa';
import { confirmPage, receiptPage, statusPage, type ShownField } from './html';
import { refuse, type Format } from './http';
import type { StatusResult, SubmitResult } from './service';
import { FIELD_LABELS, type SubmissionInput } from './validation';

/** The fields of a valid contribution as the confirmation page shows them (labels, readable values). */
export function shownFields(input: SubmissionInput, comuneName: string | undefined): ShownField[] {
  const rows: [string, unknown][] = [['kind', KIND_LABELS[input.kind]]];
  if (input.kind === 'proposta') {
    rows.push(['target', TARGET_LABELS[input.target].noun], ['title', input.title], ['description', input.description], ['comune', comuneName], ['organization', input.organization], ['email', input.email]);
  } else if (input.kind === 'segnalazione') {
    rows.push(['category', CATEGORY_LABELS[input.category]], ['description', input.description], ['comune', comuneName], ['address', input.address]);
    if (input.latitude !== undefined) rows.push(['latitude', input.latitude], ['longitude', input.longitude]);
    rows.push(['email', input.email]);
  } else if (input.kind === 'valutazione') {
    rows.push(['targetType', TARGET_LABELS[input.targetType].noun], ['stars', `${input.stars} su 5`], ['comment', input.comment]);
  } else if (input.kind === 'patto') {
    rows.push(['title', input.title], ['commonGood', input.commonGood], ['comune', comuneName], ['address', input.address]);
    if (input.latitude !== undefined) rows.push(['latitude', input.latitude], ['longitude', input.longitude]);
    rows.push(
      ['description', input.description], ['period', input.period], ['participants', input.participants], ['needs', input.needs], ['organization', input.organization],
      ['contactName', input.contactName], ['email', input.email], ['phone', input.phone],
      ['showName', input.showName ? 'Sì, il mio nome può comparire nel registro' : 'No: nel registro compare solo il gruppo o l’ente'],
    );
  } else {
    rows.push(['noticeContribution', NOTICE_CONTRIBUTION_LABELS[input.noticeContribution]], ['description', input.description], ['organization', input.organization], ['email', input.email]);
  }
  return rows.filter(([, v]) => v !== undefined && v !== '').map(([name, value]) => ({ name, label: FIELD_LABELS[name] ?? name, value: String(value) }));
}

/** The posted fields again, as hidden inputs of the confirmation form (only the ones the schema knows). */
export function hiddenFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name in FIELD_LABELS && !['website', 'startedAt', 'confirmToken', 'data'].includes(name)) out[name] = value === true ? 'true' : String(value);
  }
  return out;
}

const html = (ctx: Context, status: number, body: string) => {
  ctx.status = status;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = body;
};

export interface SubmitPage {
  format: Format;
  /** The form the person came from. */
  back: string;
  /** The site's status page of a receipt. */
  statusUrl: (receipt: string) => string;
}

export function renderSubmit(ctx: Context, result: SubmitResult, { format, back, statusUrl }: SubmitPage): void {
  switch (result.outcome) {
    case 'stored':
      if (format === 'form') return html(ctx, 201, receiptPage(result.receipt, statusUrl(result.receipt), back));
      ctx.status = 201;
      ctx.body = { data: { receipt: result.receipt, state: 'ricevuta', stateLabel: 'Ricevuta' } };
      return;
    case 'confirm':
      // The confirmed post must carry the token of this page, and comes back to this same form.
      return html(ctx, 200, confirmPage(shownFields(result.input, result.comuneName), { ...hiddenFields(result.fields), consent: 'true', returnTo: back, confirmToken: result.token }, back));
    case 'invalid':
      return refuse(ctx, format, { status: 400, message: result.message, errors: result.errors }, back);
    case 'rate-limited': {
      const minutes = Math.ceil(result.retryAfterMs / 60_000);
      ctx.set('Retry-After', String(Math.ceil(result.retryAfterMs / 1000)));
      return refuse(ctx, format, {
        status: 429,
        title: 'Troppi invii',
        message: `Hai già inviato ${result.limit} contributi negli ultimi ${Math.round(result.windowMs / 60_000)} minuti: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`,
      }, back);
    }
  }
}

/** A status lookup: `formUrl` is the site's status form, where a 404 page leads back to. */
export function renderStatus(ctx: Context, result: StatusResult, format: Format, formUrl: string): void {
  ctx.set('Cache-Control', 'no-store');
  if (result.outcome !== 'found') {
    return refuse(ctx, format, {
      status: 404,
      title: 'Codice non trovato',
      message: result.outcome === 'unknown'
        ? `Nessun contributo con il codice ${result.receipt}: controlla di averlo copiato per intero.`
        : 'Il codice non è valido: è fatto di 12 lettere e cifre in tre gruppi di quattro, per esempio ABCD-EFGH-JKMN.',
    }, formUrl);
  }
  const { status } = result;
  if (format === 'form') {
    const pact = status.pact ? { ...status.pact, url: new URL(status.pact.path, formUrl).href } : null;
    return html(ctx, 200, statusPage({ ...status, kindLabel: KIND_LABELS[status.kind], pact }, `${formUrl}?codice=${encodeURIComponent(status.receipt)}`));
  }
  ctx.body = { data: status };
}
