import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::pact.pact', publicRouterConfig('api::pact.pact'));
