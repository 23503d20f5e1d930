import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::workshop.workshop', publicRouterConfig('api::workshop.workshop'));
