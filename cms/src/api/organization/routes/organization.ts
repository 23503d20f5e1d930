import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::organization.organization', publicRouterConfig('api::organization.organization'));
