/**
 * The admin layout of every content type, keyed by the registry's type keys (@coesione/model): the
 * platform's content types here (one file in types/ and one line), a feature's own types in its
 * declaration (`adminLayouts`, platform/features.ts). The configuration test fails on a registry type the
 * admin shows without a layout.
 */
import type { Core } from '@strapi/strapi';
import type { TypeKey } from '@coesione/model';
import { applyAdminLayouts } from './apply';
import type { TypeLayout } from './declare';
import type { Feature } from '../features';
import { municipality } from './types/municipality';
import { opportunity } from './types/opportunity';
import { organization } from './types/organization';
import { partnerAccount } from './types/partner-account';
import { practice } from './types/practice';
import { regulation } from './types/regulation';
import { targetGroup } from './types/target-group';
import { theme } from './types/theme';
import { trainingMaterial } from './types/training-material';
import { workshop } from './types/workshop';

export const CONTENT_LAYOUTS: Partial<Record<TypeKey, TypeLayout>> = {
  practice,
  opportunity,
  regulation,
  'training-material': trainingMaterial,
  workshop,
  organization,
  municipality,
  theme,
  'target-group': targetGroup,
  'partner-account': partnerAccount,
};

export { COMPONENT_LAYOUTS } from './components';
export { SYSTEM_FIELDS } from './common';
export type { ComponentLayout, FieldText, TypeLayout } from './declare';
export { layoutProblems } from './apply';

/** Every type's layout: the platform's content types and what each feature declares. */
export const adminLayouts = (features: readonly Feature[]): Partial<Record<TypeKey, TypeLayout>> =>
  Object.assign({}, CONTENT_LAYOUTS, ...features.map((feature) => feature.adminLayouts ?? {}));

/** Applies the layouts at boot; returns (and logs) what does not fit the schema. */
export const syncAdminLayouts = (strapi: Core.Strapi, features: readonly Feature[]): Promise<string[]> =>
  applyAdminLayouts(strapi, adminLayouts(features));
