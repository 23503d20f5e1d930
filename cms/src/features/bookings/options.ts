/** The knobs of bookings (docs/configuration.md lists them with these defaults). */
import { envNumber } from '../../platform/security';
import { siteUrl } from '../../platform/site/options';

export interface BookingOptions {
  /** How long a seat offered to the first on the waiting list is held for them to confirm. */
  holdMs: number;
  /** Bookings one client may make per window. */
  rateLimit: number;
  rateWindowMs: number;
  /** A confirmation page sent back sooner than this was not read by a person. */
  minReadMs: number;
  confirmTtlMs: number;
  /** Bookings of sessions older than this are deleted (the attendance a certificate needs will be kept apart). */
  retentionMonths: number;
  siteUrl: string;
}

export function bookingOptions(env: NodeJS.ProcessEnv = process.env): BookingOptions {
  return {
    holdMs: envNumber(env.BOOKING_HOLD_HOURS, 48) * 3_600_000,
    rateLimit: envNumber(env.BOOKING_RATE_LIMIT, 10),
    rateWindowMs: envNumber(env.BOOKING_RATE_WINDOW_MS, 600_000),
    minReadMs: envNumber(env.SUBMISSION_MIN_FILL_MS, 3000),
    confirmTtlMs: 2 * 60 * 60 * 1000,
    retentionMonths: envNumber(env.BOOKING_RETENTION_MONTHS, 12),
    siteUrl: siteUrl(env),
  };
}
