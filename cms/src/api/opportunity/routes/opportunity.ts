import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::opportunity.opportunity', publicRouterConfig('api::opportunity.opportunity'));
