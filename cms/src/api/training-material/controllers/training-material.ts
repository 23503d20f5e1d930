import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::training-material.training-material');
