import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::need-service.need-service');
