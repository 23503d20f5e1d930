import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../lib/public-read';

export default factories.createCoreRouter('api::need-service.need-service', publicRouterConfig('api::need-service.need-service'));
