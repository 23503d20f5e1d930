import { describe, expect, it } from 'vitest';
import type { SectionData } from './sections';
import { organizationWork } from './organization-work';

const bottega = { name: 'APS La Bottega del Riuso', slug: 'aps-bottega-del-riuso', kind: 'aps' };
const voci = { name: 'ODV Voci Amiche', slug: 'odv-voci-amiche', kind: 'odv' };
const party = (organization: typeof bottega | null) => ({ name: organization?.name ?? 'Comitato', role: 'terzo_settore', organization, commitments: [] });
const pact = (slug: string, title: string, parties: ReturnType<typeof party>[]) => ({ slug, title, parties }) as unknown as SectionData<'pact'>;
const practice = (slug: string, title: string, promoters: (typeof bottega)[]) => ({ slug, title, promoters }) as unknown as SectionData<'practice'>;

describe('an organisation’s pacts and practices', () => {
  const pacts = [
    pact('portineria-di-quartiere', 'Portineria di quartiere', [party(voci), party(bottega)]),
    pact('ex-lavatoio-di-gattinara', 'L’ex lavatoio di Gattinara', [party(bottega)]),
    pact('aiuola', 'Aiuola di piazza Cavour', [party(null)]),
  ];
  const practices = [practice('repair-cafe', 'Repair Café', [bottega, voci]), practice('ascolto', 'Ascolto telefonico', [voci])];

  it('lists the pacts it is a party to and the practices it promotes, linked, by title', () => {
    expect(organizationWork('aps-bottega-del-riuso', pacts, practices)).toEqual({
      pacts: [
        { title: 'L’ex lavatoio di Gattinara', url: '/patti/ex-lavatoio-di-gattinara/' },
        { title: 'Portineria di quartiere', url: '/patti/portineria-di-quartiere/' },
      ],
      practices: [{ title: 'Repair Café', url: '/buone-prassi/repair-cafe/' }],
    });
  });

  it('lists nothing for an organisation that is no party and promotes nothing', () => {
    expect(organizationWork('coop-casa-comune', pacts, practices)).toEqual({ pacts: [], practices: [] });
  });
});
