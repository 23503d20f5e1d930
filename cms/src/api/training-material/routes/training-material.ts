import { factories } from '@strapi/strapi';
import { publicRouterConfig } from '../../../platform/public-read';

export default factories.createCoreRouter('api::training-material.training-material', publicRouterConfig('api::training-material.training-material'));
