/**
 * Strapi's logger (winston, through @strapi/logger): every `strapi.log.*` line, the request lines of
 * src/middlewares/private-log.ts included. `LOG_FORMAT=json` (the default in production) writes one JSON
 * object per line on stdout (`time`, `level`, `msg`, then the entry's fields) for a log collector;
 * `text` keeps Strapi's own look. `LOG_LEVEL` defaults to `http`, Strapi's default, so requests show.
 */
import type { Core } from '@strapi/strapi';
import { formats, winston } from '@strapi/logger';
import { jsonLogLine, logFormat, logLevel } from '../src/platform/logging';

// `timestamp` with a format always stamps the time of writing: bare, it keeps a `timestamp` the entry
// brought along (Strapi's migrations pass epoch milliseconds), and `time` would change type line to line.
const config = ({ env }: Core.Config.Shared.ConfigParams) => ({
  level: logLevel(env('LOG_LEVEL')),
  format:
    logFormat(env('LOG_FORMAT'), env('NODE_ENV')) === 'json'
      ? winston.format.combine(winston.format.errors({ stack: true }), winston.format.timestamp({ format: () => new Date().toISOString() }), winston.format.printf(jsonLogLine))
      : formats.prettyPrint(),
  transports: [new winston.transports.Console()],
});

export default config;
