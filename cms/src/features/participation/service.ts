/**
 * The participation workflow, apart from HTTP: a contribution goes through the rate limit, validation,
 * the anti-spam checks (honeypot, fill time, confirmation page), the database checks, then is stored and
 * the editors notified. Every step answers with a value (`SubmitResult`); the controller renders it as
 * JSON or as an Italian page. Status lookups and ratings the same way.
 */
import { normalizeReceipt, type Kind } from '@coesione/model';
import { ConfirmTokens, contentHash, memoryLimiter, memoryTokens, type Limiter, type TokenLedger } from '../../platform/security';
import { checkHoneypot, checkStartedAt, confirmationError } from './anti-spam';
import type { Format } from './http';
import type { Notifier } from './mail';
import type { SubmissionOptions } from './options';
import type { Comune, PublicStatus, RatingAggregate, SubmissionRepository } from './store';
import { readFields, summary, validateFields, type FieldError, type SubmissionInput } from './validation';

export interface SubmitRequest {
  format: Format;
  /** The body as the body middleware parsed it: not yet trusted in any way. */
  body: unknown;
  /** The client's salted hash (platform/security's clientHash), never its address. */
  client: string;
}

export type SubmitResult =
  | { outcome: 'stored'; kind: Kind; receipt: string }
  /** A plain form post, valid: to be shown back with the token that confirms it. */
  | { outcome: 'confirm'; input: SubmissionInput; comuneName: string | undefined; fields: Record<string, unknown>; token: string }
  | { outcome: 'invalid'; errors: FieldError[]; message: string }
  | { outcome: 'rate-limited'; retryAfterMs: number; limit: number; windowMs: number };

export type StatusResult =
  | { outcome: 'found'; status: PublicStatus }
  | { outcome: 'unknown'; receipt: string }
  /** Not a receipt as a person could type one. */
  | { outcome: 'malformed' };

export interface SubmissionService {
  submit(request: SubmitRequest): Promise<SubmitResult>;
  status(code: unknown): Promise<StatusResult>;
  ratings(): Promise<RatingAggregate[]>;
}

export interface SubmissionServiceDeps {
  options: SubmissionOptions;
  /** Signs the confirmation tokens (SUBMISSION_SALT). */
  salt: string;
  repository: SubmissionRepository;
  notify: Notifier;
  now?: () => number;
  /** The per-client limit and the spent tokens: the database's in the CMS (shared by its processes), memory by default. */
  limiter?: Limiter;
  tokens?: TokenLedger;
}

type Invalid = Extract<SubmitResult, { outcome: 'invalid' }>;
/** Where the checks end: refused, shown back for confirmation, or ready to store. */
type Checked = Invalid | Extract<SubmitResult, { outcome: 'confirm' }> | { outcome: 'valid'; input: SubmissionInput; comune: Comune | undefined };

const invalid = (errors: FieldError[], message = summary(errors)): Invalid => ({ outcome: 'invalid', errors, message });

export function createSubmissionService({
  options,
  salt,
  repository,
  notify,
  now = Date.now,
  limiter = memoryLimiter({ limit: options.rateLimit, windowMs: options.rateWindowMs }, now),
  tokens = memoryTokens(),
}: SubmissionServiceDeps): SubmissionService {
  const confirmations = new ConfirmTokens(salt, { minAgeMs: options.minFillMs, ttlMs: options.confirmTtlMs }, tokens);

  /** Every check before storing, in the order a person is best told about them. */
  async function check({ format, body, client }: SubmitRequest): Promise<Checked> {
    const read = readFields(format, body);
    if (!read.ok) return invalid(read.errors);
    const { fields } = read;
    const trapped = checkHoneypot(fields);
    if (trapped) return invalid([trapped]);
    const validation = validateFields(fields);
    if (!validation.ok) return invalid(validation.errors);
    const input = validation.value;
    const checked = await repository.check(input);
    if (checked.errors.length > 0) return invalid(checked.errors);

    // The timing fields are hidden, so the person cannot "correct" them: their message is the summary.
    const at = now();
    if (format === 'json') {
      const late = checkStartedAt(fields.startedAt, at, options);
      if (late) return invalid([late], late.message);
    } else {
      // The token is bound to what was shown and to whom: the validated fields and the client's hash.
      const binding = { content: contentHash(input), client };
      if (fields.confirmToken === undefined) {
        return { outcome: 'confirm', input, comuneName: checked.comune?.name, fields, token: confirmations.issue(binding, at) };
      }
      const refusal = await confirmations.redeem(fields.confirmToken, binding, at);
      if (refusal) {
        const error = confirmationError(refusal, options.minFillMs);
        return invalid([error], error.message);
      }
    }
    return { outcome: 'valid', input, comune: checked.comune };
  }

  return {
    async submit(request) {
      // The rate limit comes first and takes its slot atomically, so concurrent requests cannot overtake it.
      const slot = await limiter.take(request.client);
      if (!slot.ok) return { outcome: 'rate-limited', retryAfterMs: slot.retryAfterMs, limit: options.rateLimit, windowMs: options.rateWindowMs };
      let stored: SubmitResult | undefined;
      try {
        const checked = await check(request);
        if (checked.outcome !== 'valid') return checked;
        const receipt = await repository.store(checked.input, checked.comune);
        stored = { outcome: 'stored', kind: checked.input.kind, receipt };
      } finally {
        // Only a stored contribution counts against the limit: a person correcting errors is not a flood.
        if (!stored) await slot.release();
      }
      notify(stored.kind, stored.receipt);
      return stored;
    },

    async status(code) {
      const receipt = normalizeReceipt(code);
      if (!receipt) return { outcome: 'malformed' };
      const status = await repository.status(receipt);
      return status ? { outcome: 'found', status } : { outcome: 'unknown', receipt };
    },

    ratings: () => repository.ratings(),
  };
}
