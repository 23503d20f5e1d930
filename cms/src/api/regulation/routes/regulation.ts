import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::regulation.regulation', publicRouterConfig('api::regulation.regulation'));
