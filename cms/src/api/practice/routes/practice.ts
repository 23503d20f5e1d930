import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../lib/public-read';

export default factories.createCoreRouter('api::practice.practice', publicRouterConfig('api::practice.practice'));
