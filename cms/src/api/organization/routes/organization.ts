import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../lib/public-read';

export default factories.createCoreRouter('api::organization.organization', publicRouterConfig('api::organization.organization'));
