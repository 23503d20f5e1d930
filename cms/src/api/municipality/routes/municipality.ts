import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::municipality.municipality', publicRouterConfig('api::municipality.municipality'));
