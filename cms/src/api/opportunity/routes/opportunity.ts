import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../lib/public-read';

export default factories.createCoreRouter('api::opportunity.opportunity', publicRouterConfig('api::opportunity.opportunity'));
