import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::theme.theme', publicRouterConfig('api::theme.theme'));
