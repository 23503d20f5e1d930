import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::target-group.target-group', publicRouterConfig('api::target-group.target-group'));
