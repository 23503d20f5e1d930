import { PACT_KINDS, PACT_ROLES, PACT_STAGE_FIELD, PACT_STAGES } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import stageChange from '../../components/pact/stage-change.json';
import schema from '../../api/pact/content-types/pact/schema.json';

describe('the pact vocabulary stored', () => {
  // Strapi reads the schemas as JSON, so their enumerations cannot import the model's lists: they must match them.
  it('gives the pact schema the model\'s stages and kinds, through the model\'s stage field', () => {
    const { stage, kind } = schema.attributes;
    expect([stage.enum, kind.enum]).toEqual([[...PACT_STAGES], [...PACT_KINDS]]);
    expect(stage.customField).toBe(PACT_STAGE_FIELD.uid);
    expect(PACT_STAGES).toContain(stage.default);
    expect(PACT_KINDS).toContain(kind.default);
  });

  it('gives a stage change of the history the model\'s stages and roles', () => {
    const { stage, role } = stageChange.attributes;
    expect([stage.enum, role.enum]).toEqual([[...PACT_STAGES], [...PACT_ROLES]]);
    expect(PACT_ROLES).toContain(role.default);
  });
});
