/**
 * The HTTP side of the participation endpoints: which of the two formats the contract promises a
 * request speaks (JSON from the islands, a plain form post from a browser with no JavaScript), where
 * "back to the form" leads, and refusals in that format: Strapi's JSON error shape or an Italian page.
 */
import type { Context } from 'koa';
import { errorsPage, messagePage } from './html';
import { isRecord } from '../../platform/published-change';
import type { FieldError, Format } from './validation';

export type { Format };


/** What the body middleware (middlewares/submission-body.ts) read, in `ctx.state.submissionBody`. */
export interface SubmissionBody {
  format: Format;
  body: unknown;
}

/** The format of a POST from its content type; undefined for any other type. */
export function formatOf(ctx: Context): Format | undefined {
  if (ctx.is('application/json')) return 'json';
  if (ctx.is('application/x-www-form-urlencoded')) return 'form';
  return undefined;
}

/** The origins a "back to the form" link may point at: the site and the CORS origins. */
export function allowedOrigins(siteUrl: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const cors = (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return [siteUrl, ...cors].map((u) => {
    try {
      return new URL(u).origin;
    } catch {
      return '';
    }
  }).filter(Boolean);
}

/**
 * The posted body and its format, and the link back to the form: the page a form post carries in
 * `returnTo` (the confirmation page sends it on), else the Referer, when either is on the site.
 */
export function readSubmission(ctx: Context, siteUrl: string, origins: string[]): SubmissionBody & { back: string } {
  const parsed = ctx.state.submissionBody as SubmissionBody | undefined;
  const format = parsed?.format ?? 'json';
  const body = parsed?.body;
  const carried = format === 'form' && isRecord(body) ? body.returnTo : undefined;
  return { format, body, back: backLink(carried ?? ctx.get('referer'), siteUrl, origins) };
}

/** A link back to the form: `candidate` (the Referer or a carried field) when it is on the site, else /partecipa/. */
export function backLink(candidate: unknown, siteUrl: string, origins: string[]): string {
  if (typeof candidate === 'string' && candidate.length <= 500) {
    try {
      const url = new URL(candidate);
      if (origins.includes(url.origin)) return url.toString();
    } catch {
      // not a URL: fall through
    }
  }
  return `${siteUrl}/partecipa/`;
}

const NAMES: Record<number, string> = {
  400: 'ValidationError',
  404: 'NotFoundError',
  413: 'PayloadTooLargeError',
  415: 'UnsupportedMediaTypeError',
  429: 'RateLimitError',
};

export interface Refusal {
  status: 400 | 404 | 413 | 415 | 429;
  message: string;
  errors?: FieldError[];
  /** Page title of the HTML answer when there are no field errors. */
  title?: string;
}

export function refuse(ctx: Context, format: Format, refusal: Refusal, backUrl: string): void {
  ctx.status = refusal.status;
  ctx.set('Cache-Control', 'no-store');
  if (format === 'form') {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = refusal.errors?.length
      ? errorsPage(refusal.message, refusal.errors, backUrl)
      : messagePage(refusal.title ?? 'Invio non riuscito', refusal.message, backUrl);
    return;
  }
  ctx.body = {
    data: null,
    error: {
      status: refusal.status,
      name: NAMES[refusal.status] ?? 'ApplicationError',
      message: refusal.message,
      details: refusal.errors ? { errors: refusal.errors.map((e) => ({ ...e, name: 'ValidationError' })) } : {},
    },
  };
}
