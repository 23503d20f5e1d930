/**
 * The knobs of the participation endpoint, read from the environment once per request handler setup.
 * Defaults are the ones promised in docs/configuration.md.
 */
import { LIMITS } from '@coesione/model';
import { envNumber } from '../../platform/security';
import { siteUrl } from '../../platform/site/options';

export interface SubmissionOptions {
  /** Stored submissions a client may send per window. */
  rateLimit: number;
  rateWindowMs: number;
  /** A form filled faster than this (from `startedAt`, or from the confirmation page) is refused. */
  minFillMs: number;
  /** A `startedAt` older than this is refused: no form stays open a day, a replayed or made-up one may. */
  maxFillMs: number;
  /** How far in the future a `startedAt` (the browser's clock) may be, for clocks a little ahead. */
  clockSkewMs: number;
  /** How long a no-JavaScript confirmation page stays valid. */
  confirmTtlMs: number;
  /** Whole request body, in bytes. */
  maxBodyBytes: number;
  /** The public site, for links back to the forms and the status page. */
  siteUrl: string;
  smtpUrl: string | undefined;
  notifyTo: string[];
  /** Sender of the notification e-mails. */
  notifyFrom: string;
}

export function submissionOptions(env: NodeJS.ProcessEnv = process.env): SubmissionOptions {
  return {
    rateLimit: envNumber(env.SUBMISSION_RATE_LIMIT, 5),
    rateWindowMs: envNumber(env.SUBMISSION_RATE_WINDOW_MS, 600_000),
    minFillMs: envNumber(env.SUBMISSION_MIN_FILL_MS, 3000),
    maxFillMs: 24 * 60 * 60 * 1000,
    clockSkewMs: 2 * 60 * 1000,
    confirmTtlMs: 2 * 60 * 60 * 1000,
    maxBodyBytes: LIMITS.bodyBytes,
    siteUrl: siteUrl(env),
    smtpUrl: env.SMTP_URL || undefined,
    notifyTo: (env.SUBMISSION_NOTIFY_TO ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    notifyFrom: env.SUBMISSION_NOTIFY_FROM || 'Coesione <noreply@coesione.invalid>',
  };
}
