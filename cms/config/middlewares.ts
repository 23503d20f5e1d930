import type { Core } from '@strapi/strapi';
import { corsOrigin } from '../src/platform/access/cors';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  // strapi::logger's line, with the receipt codes of status lookups masked (see src/middlewares/private-log.ts).
  'global::private-log',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // The public site is static and reads the API at build time; browsers need the site origin on the
      // participation routes only, without cookies (src/platform/access/cors.ts).
      origin: corsOrigin(env.array('CORS_ORIGINS', ['http://127.0.0.1:4321', 'http://localhost:4321'])),
      credentials: false,
      methods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    },
  },
  // Per-address limit on the login, registration and password endpoints (rotating the e-mail does not help).
  'global::auth-rate-limit',
  // POST /api/submissions: 32 KB at most, JSON or a plain form post, parsed before strapi::body.
  'global::submission-body',
  'strapi::query',
  {
    name: 'strapi::body',
    config: { jsonLimit: '1mb', formLimit: '256kb', textLimit: '256kb' },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
];

export default config;
