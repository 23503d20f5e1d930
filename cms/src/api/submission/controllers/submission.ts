/**
 * The public participation endpoints (custom routes, no core CRUD: the collection itself is private).
 *
 * POST /api/submissions         a proposal, a report or a rating (JSON from the islands, or a plain form post)
 * GET  /api/submissions/status  the state and public reply of a receipt (JSON, or HTML for a no-JS form)
 * GET  /api/ratings             accepted ratings as aggregates (average, count ≥ 3)
 */
import { CATEGORY_LABELS, KIND_LABELS, normalizeReceipt, TARGET_LABELS, type Kind } from '@coesione/model';
import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { secret } from '../../../lib/runtime';
import { clientHash, contentHash, SlidingWindowLimiter } from '../../../lib/security';
import { Confirmations } from '../../../lib/submissions/confirmation';
import { checkStartedAt } from '../../../lib/submissions/fill-time';
import { confirmPage, receiptPage, statusPage, type ShownField } from '../../../lib/submissions/html';
import { createNotifier } from '../../../lib/submissions/mail';
import { submissionOptions } from '../../../lib/submissions/options';
import { allowedOrigins, backLink, refuse, type Format } from '../../../lib/submissions/http';
import { comuniCache, databaseChecks, findStatus, ratingAggregates, storeSubmission } from '../../../lib/submissions/store';
import { FIELD_LABELS, normalizeFields, summary, validateFields, type FieldError, type SubmissionInput } from '../../../lib/submissions/validation';
import type { SubmissionBody } from '../../../middlewares/submission-body';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fields of a valid contribution as the confirmation page shows them (labels, readable values). */
function shownFields(input: SubmissionInput, comuneName: string | undefined): ShownField[] {
  const rows: [string, unknown][] = [['kind', KIND_LABELS[input.kind]]];
  if (input.kind === 'proposta') {
    rows.push(['target', TARGET_LABELS[input.target].noun], ['title', input.title], ['description', input.description], ['comune', comuneName], ['organization', input.organization], ['email', input.email]);
  } else if (input.kind === 'segnalazione') {
    rows.push(['category', CATEGORY_LABELS[input.category]], ['description', input.description], ['comune', comuneName], ['address', input.address]);
    if (input.latitude !== undefined) rows.push(['latitude', input.latitude], ['longitude', input.longitude]);
    rows.push(['email', input.email]);
  } else {
    rows.push(['targetType', TARGET_LABELS[input.targetType].noun], ['stars', `${input.stars} su 5`], ['comment', input.comment]);
  }
  return rows.filter(([, v]) => v !== undefined && v !== '').map(([name, value]) => ({ name, label: FIELD_LABELS[name] ?? name, value: String(value) }));
}

/** The posted fields again, as hidden inputs of the confirmation form (only the ones the schema knows). */
function hiddenFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name in FIELD_LABELS && !['website', 'startedAt', 'confirmToken', 'data'].includes(name)) out[name] = value === true ? 'true' : String(value);
  }
  return out;
}

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const options = submissionOptions();
  const salt = secret('SUBMISSION_SALT');
  const limiter = new SlidingWindowLimiter(options.rateLimit, options.rateWindowMs);
  const confirmations = new Confirmations(salt, options);
  const comuni = comuniCache(strapi);
  const notify = createNotifier(strapi, options);
  const origins = allowedOrigins(options.siteUrl);
  const statusUrl = (receipt: string) => `${options.siteUrl}/partecipa/stato/?codice=${encodeURIComponent(receipt)}`;

  return {
    async create(ctx: Context) {
      const parsed = ctx.state.submissionBody as SubmissionBody | undefined;
      const format: Format = parsed?.format ?? 'json';
      const raw = parsed?.body;
      const carried = isRecord(raw) && format === 'form' ? raw.returnTo : undefined;
      const back = backLink(carried ?? ctx.get('referer'), options.siteUrl, origins);
      const bad = (errors: FieldError[], message = summary(errors)) => refuse(ctx, format, { status: 400, message, errors }, back);

      // The rate limit comes first and takes its slot at once, so concurrent requests cannot overtake it.
      const key = clientHash(salt, ctx.request.ip);
      const wait = limiter.retryAfter(key);
      if (wait > 0) {
        const minutes = Math.ceil(wait / 60_000);
        ctx.set('Retry-After', String(Math.ceil(wait / 1000)));
        return refuse(ctx, format, {
          status: 429,
          title: 'Troppi invii',
          message: `Hai già inviato ${options.rateLimit} contributi negli ultimi ${Math.round(options.rateWindowMs / 60_000)} minuti: riprova tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}.`,
        }, back);
      }
      const release = limiter.take(key);
      let stored = false;
      try {
        let fields: Record<string, unknown>;
        if (format === 'json') {
          if (!isRecord(raw) || !isRecord(raw.data)) {
            return bad([{ path: ['data'], message: 'Il corpo deve essere un oggetto { "data": { "kind": …, … } }.' }]);
          }
          fields = normalizeFields(raw.data, false);
        } else {
          fields = normalizeFields(isRecord(raw) ? raw : {}, true);
        }

        // Honeypot: a field hidden from people; only a robot fills it.
        if (fields.website !== undefined) {
          return bad([{ path: ['website'], message: `«${FIELD_LABELS.website}» deve restare vuoto: è un campo di controllo contro gli invii automatici.` }]);
        }

        const validation = validateFields(fields);
        if (!validation.ok) return bad(validation.errors);
        const input = validation.value;
        const checked = await databaseChecks(strapi, comuni, input);
        if (checked.errors.length > 0) return bad(checked.errors);

        // Minimum fill time: from `startedAt` (islands), or from the confirmation page (no JavaScript).
        // These fields are hidden, so the person cannot "correct" them: their message is the summary.
        const now = Date.now();
        if (format === 'json') {
          const late = checkStartedAt(fields.startedAt, now, options);
          if (late) return bad([late], late.message);
        } else {
          // The token is bound to what was shown and to whom: the validated fields and the rate limit's client key.
          const binding = { content: contentHash(input), client: key };
          if (fields.confirmToken === undefined) {
            // A plain form post: show the data back; the confirmed post must carry the token of this page.
            ctx.status = 200;
            ctx.type = 'text/html; charset=utf-8';
            ctx.body = confirmPage(
              shownFields(input, checked.comune?.name),
              { ...hiddenFields(fields), consent: 'true', returnTo: back, confirmToken: confirmations.issue(binding, now) },
              back,
            );
            return;
          }
          const refused = confirmations.redeem(fields.confirmToken, binding, now);
          if (refused) return bad([refused], refused.message);
        }

        const receipt = await storeSubmission(strapi, input, checked.comune);
        stored = true;
        notify(input.kind, receipt);
        ctx.status = 201;
        if (format === 'form') {
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = receiptPage(receipt, statusUrl(receipt), back);
        } else {
          ctx.body = { data: { receipt, state: 'ricevuta', stateLabel: 'Ricevuta' } };
        }
      } finally {
        // Only a stored contribution counts against the limit: a person correcting errors is not a flood.
        if (!stored) release();
      }
    },

    async status(ctx: Context) {
      const html = ctx.accepts('json', 'html') === 'html';
      const format: Format = html ? 'form' : 'json';
      const formUrl = `${options.siteUrl}/partecipa/stato/`;
      ctx.set('Cache-Control', 'no-store');
      const given = (ctx.params as { code?: string }).code ?? (ctx.query as Record<string, unknown>).codice;
      const receipt = normalizeReceipt(given);
      const status = receipt ? await findStatus(strapi, receipt) : undefined;
      if (!status) {
        return refuse(ctx, format, {
          status: 404,
          title: 'Codice non trovato',
          message: receipt
            ? `Nessun contributo con il codice ${receipt}: controlla di averlo copiato per intero.`
            : 'Il codice non è valido: è fatto di 12 lettere e cifre in tre gruppi di quattro, per esempio ABCD-EFGH-JKMN.',
        }, formUrl);
      }
      if (html) {
        ctx.type = 'text/html; charset=utf-8';
        ctx.body = statusPage({ ...status, kindLabel: KIND_LABELS[status.kind] }, `${formUrl}?codice=${encodeURIComponent(status.receipt)}`);
        return;
      }
      ctx.body = { data: status };
    },

    async ratings(ctx: Context) {
      ctx.body = { data: await ratingAggregates(strapi) };
    },
  };
};
