/**
 * What the CMS logs, decided once: the request id, the request log entry, the output format.
 *
 * A log line never carries a client address, a header, a body, a user id or a query string: a search
 * query is a citizen's own words, a receipt code is the key to a contribution. Operators correlate a
 * line with a request through its id (`X-Request-Id`, set by the load balancer or generated here).
 */
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

export type LogFormat = 'json' | 'text';

/** winston's npm levels, which Strapi's logger uses. */
export const LOG_LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class LogConfigError extends Error {
  override name = 'LogConfigError';
}

/** `LOG_FORMAT` (`json` or `text`); unset, `json` in production and `text` elsewhere. */
export function logFormat(value: string | undefined, nodeEnv: string | undefined): LogFormat {
  const chosen = value?.trim().toLowerCase();
  if (!chosen) return nodeEnv === 'production' ? 'json' : 'text';
  if (chosen === 'json' || chosen === 'text') return chosen;
  throw new LogConfigError(`LOG_FORMAT must be "json" or "text", not "${value}".`);
}

/** `LOG_LEVEL`; unset, `http` (Strapi's own default), so the request lines show. */
export function logLevel(value: string | undefined): LogLevel {
  const chosen = value?.trim().toLowerCase();
  if (!chosen) return 'http';
  if ((LOG_LEVELS as readonly string[]).includes(chosen)) return chosen as LogLevel;
  throw new LogConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${value}".`);
}

/** A token a load balancer or a proxy would set (a UUID, a hex trace id): nothing a log reader could trip on. */
export const isSaneRequestId = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9._:-]{8,128}$/.test(value);

/** The incoming id when it is sane (several headers arrive joined by ", ", which is not), else a new one. */
export function requestIdFor(incoming: string | undefined, generate: () => string = randomUUID): string {
  return isSaneRequestId(incoming) ? incoming : generate();
}

/** The URL with the keys a person holds masked: receipt codes of status lookups, booking, certificate and subscription links. */
export function loggableUrl(url: string): string {
  if (url.startsWith('/api/bookings/manage/')) return url.replace(/^\/api\/bookings\/manage\/[^/?]*/, '/api/bookings/manage/…');
  if (/^\/api\/iscrizioni\/(conferma|annulla|gestisci)\//.test(url)) return url.replace(/^(\/api\/iscrizioni\/[a-z]+\/)[^/?]*/, '$1…');
  if (url.startsWith('/api/attestati/scarica/')) return url.replace(/^\/api\/attestati\/scarica\/[^/?]*/, '/api/attestati/scarica/…');
  if (!url.startsWith('/api/submissions/status')) return url;
  return url.replace(/^\/api\/submissions\/status(\/[^?]*)?(\?.*)?$/, (_m, code?: string, query?: string) => `/api/submissions/status${code ? '/…' : ''}${query ? '?…' : ''}`);
}

export interface RequestFacts {
  requestId: string;
  method: string;
  /** The request URL as Koa has it (path and query string). */
  url: string;
  status: number;
  ms: number;
}

/** The fields of a request's JSON line: no query string (only whether there was one), nothing about the client. */
export interface RequestLogEntry {
  requestId: string;
  method: string;
  path: string;
  query?: true;
  status: number;
  ms: number;
}

export function requestLogEntry({ requestId, method, url, status, ms }: RequestFacts): RequestLogEntry {
  const at = url.indexOf('?');
  const path = loggableUrl(at < 0 ? url : url.slice(0, at));
  return { requestId, method, path, ...(at >= 0 && at < url.length - 1 ? { query: true as const } : {}), status, ms: Math.round(ms * 10) / 10 };
}

/** The status Koa answers an error that reached it with: the error's own 4xx/5xx, else 500. */
export function errorStatus(error: unknown): number {
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}

/** The text line: Strapi's own request line (method, URL, time, status), then the id. */
/** The same facts for a person reading a terminal; the query string is left out here too (a search's words). */
export const requestTextLine = (facts: RequestFacts): string => {
  const { requestId, method, path, query, status } = requestLogEntry(facts);
  return `${method} ${path}${query ? '?…' : ''} (${Math.ceil(facts.ms)} ms) ${status} [${requestId}]`;
};

/** What JSON can hold: a BigInt as its digits, an Error as its fields, a cycle cut where it closes. */
function plain(value: unknown, ancestors: readonly object[]): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.includes(value)) return '[Circular]';
  const inside = [...ancestors, value];
  if (value instanceof Error) return plain({ ...value, name: value.name, message: value.message, stack: value.stack }, inside);
  if ('toJSON' in value && typeof value.toJSON === 'function') return plain(value.toJSON(), inside);
  if (Array.isArray(value)) return value.map((item) => plain(item, inside));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, inside)]));
}

/**
 * One winston entry as one JSON line: `time`, `level`, `msg`, then the entry's own fields (winston's
 * `timestamp` and `message` renamed, so request lines and Strapi's own lines share one shape).
 */
export function jsonLogLine(info: { level: string; message?: unknown; timestamp?: unknown; [key: string]: unknown }): string {
  const { timestamp, level, message, ...rest } = info;
  return JSON.stringify(plain({ time: timestamp ?? new Date().toISOString(), level, msg: message, ...rest }, []));
}
