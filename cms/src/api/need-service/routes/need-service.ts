import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::need-service.need-service', publicRouterConfig('api::need-service.need-service'));
