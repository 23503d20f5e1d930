import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::need-category.need-category', publicRouterConfig('api::need-category.need-category'));
