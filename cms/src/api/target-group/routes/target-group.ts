import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../lib/public-read';

export default factories.createCoreRouter('api::target-group.target-group', publicRouterConfig('api::target-group.target-group'));
