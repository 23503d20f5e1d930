/**
 * The admin layout of every content type, keyed by the registry's type keys (@coesione/model): adding a
 * type is one file in types/ and one line here. The configuration test fails on a registry type the
 * admin shows without an entry here.
 */
import type { Core } from '@strapi/strapi';
import type { TypeKey } from '@coesione/model';
import { applyAdminLayouts } from './apply';
import type { TypeLayout } from './declare';
import { municipality } from './types/municipality';
import { needAudit, needCategory, needFigure, needRecord, needService } from './types/needs';
import { opportunity } from './types/opportunity';
import { organization } from './types/organization';
import { pact } from './types/pact';
import { partnerAccount } from './types/partner-account';
import { practice } from './types/practice';
import { regulation } from './types/regulation';
import { submission } from './types/submission';
import { targetGroup } from './types/target-group';
import { theme } from './types/theme';
import { trainingMaterial } from './types/training-material';
import { workshop } from './types/workshop';

export const ADMIN_LAYOUTS: Partial<Record<TypeKey, TypeLayout>> = {
  practice,
  opportunity,
  regulation,
  'training-material': trainingMaterial,
  workshop,
  organization,
  pact,
  municipality,
  theme,
  'target-group': targetGroup,
  submission,
  'partner-account': partnerAccount,
  'need-category': needCategory,
  'need-service': needService,
  'need-figure': needFigure,
  'need-record': needRecord,
  'need-audit': needAudit,
};

export { COMPONENT_LAYOUTS } from './components';
export { SYSTEM_FIELDS } from './common';
export type { ComponentLayout, FieldText, TypeLayout } from './declare';
export { layoutProblems } from './apply';

/** Applies ADMIN_LAYOUTS at boot; returns (and logs) what does not fit the schema. */
export const syncAdminLayouts = (strapi: Core.Strapi): Promise<string[]> => applyAdminLayouts(strapi, ADMIN_LAYOUTS);
