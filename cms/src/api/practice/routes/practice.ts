import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::practice.practice', publicRouterConfig('api::practice.practice'));
