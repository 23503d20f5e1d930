import type { Core } from '@strapi/strapi';
import { secret } from '../src/platform/runtime';

// Uploads: images and documents only; SVG and executables refused (SVG can carry scripts).
const allowedTypes = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/gif',
  'application/pdf',
  'application/vnd.oasis.opendocument.*',
  'application/vnd.openxmlformats-officedocument.*',
  'application/msword',
  'text/plain',
  'text/csv',
  'video/mp4',
];
const deniedTypes = ['image/svg+xml', 'application/x-msdownload', 'application/x-sh', 'application/x-executable'];

// Read by the i18n plugin when it first creates a locale: Italian from the very first boot.
process.env.STRAPI_PLUGIN_I18N_INIT_LOCALE_CODE ??= 'it';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => {
  return {
    'users-permissions': {
      config: {
        jwtSecret: secret('JWT_SECRET'),
        jwtManagement: 'refresh',
        sessions: { httpOnly: true },
      },
    },
    upload: {
      config: {
        sizeLimit: env.int('UPLOAD_SIZE_LIMIT', 20 * 1024 * 1024),
        security: { allowedTypes, deniedTypes },
      },
    },
  };
};

export default config;
