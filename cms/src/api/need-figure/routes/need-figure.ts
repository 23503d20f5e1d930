import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::need-figure.need-figure', publicRouterConfig('api::need-figure.need-figure'));
