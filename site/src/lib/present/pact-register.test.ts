import { describe, expect, it } from 'vitest';
import type { SectionData } from './sections';
import { pactEvents, pactFacets, registerRows, registerTable } from './pact-register';

type Pact = SectionData<'pact'>;
const vercelli = { name: 'Vercelli', slug: 'vercelli', istatCode: '002158' };
const borgosesia = { name: 'Borgosesia', slug: 'borgosesia', istatCode: '002016' };
const base = {
  documentId: 'doc', summary: 'In breve.', kind: 'ordinario', stage: 'istruttoria', stageHistory: [{ stage: 'proposta', at: '2026-11-01T09:00:00Z', note: null, role: 'proponente' }],
  receivedAt: '2026-11-01T09:00:00Z', answerDue: '2026-12-01', answeredAt: null, noticeOpens: null, noticeCloses: null, municipalities: [vercelli], themes: [{ name: 'Abitare', slug: 'abitare' }],
  parties: [], milestones: [], location: null, publicProposer: 'Gruppo di vicinato',
};
const pact = (over: Partial<Pact>) => ({ ...base, ...over }) as unknown as Pact;

describe('the register’s filters', () => {
  const pacts = [
    pact({ slug: 'a', title: 'A' }),
    pact({ slug: 'b', title: 'B', stage: 'avviso_pubblico', kind: 'complesso', location: { address: 'x', latitude: 45.7, longitude: 8.3, municipality: borgosesia } }),
    pact({ slug: 'c', title: 'C', stage: 'avviso_pubblico', kind: 'complesso', themes: [] }),
  ];
  const facets = pactFacets(pacts);
  const group = (path: string) => facets.find((g) => g.path === path)!;

  it('has a page for each value at least one pact has, with its pacts and URL', () => {
    expect(group('fase').values.map((v) => [v.slug, v.label, v.pacts])).toEqual([['istruttoria', 'Istruttoria', ['a']], ['avviso-pubblico', 'Avviso pubblico', ['b', 'c']]]);
    expect(group('fase').values[1]!.url).toBe('/patti/fase/avviso-pubblico/');
    expect(group('tipo').values.map((v) => [v.slug, v.pacts.length])).toEqual([['ordinario', 1], ['complesso', 2]]);
    expect(group('tema').values.map((v) => [v.slug, v.pacts])).toEqual([['abitare', ['a', 'b']]]);
  });

  it('counts a pact in the comune of its place too, once, comuni alphabetically', () => {
    expect(group('comune').values.map((v) => [v.label, v.pacts])).toEqual([['Borgosesia', ['b']], ['Vercelli', ['a', 'b', 'c']]]);
  });

  it('filters by the organisations that are parties, once per pact, alphabetically; unlinked parties have no page', () => {
    const bottega = { name: 'APS La Bottega del Riuso', slug: 'aps-bottega-del-riuso', kind: 'aps' };
    const voci = { name: 'ODV Voci Amiche', slug: 'odv-voci-amiche', kind: 'odv' };
    const party = (organization: typeof bottega | null, name = organization?.name ?? 'Comitato di quartiere') => ({ name, role: 'terzo_settore', organization, commitments: [] });
    const withParties = pactFacets([
      pact({ slug: 'lavatoio', title: 'Lavatoio', parties: [party(bottega), party(bottega, 'APS La Bottega del Riuso (laboratori)'), party(null)] }),
      pact({ slug: 'portineria', title: 'Portineria', parties: [party(voci), party(bottega)] }),
      pact({ slug: 'aiuola', title: 'Aiuola', parties: [party(null)] }),
    ]);
    const ente = withParties.find((g) => g.key === 'organization')!;
    expect(ente.label).toBe('Ente');
    expect(ente.values.map((v) => [v.label, v.pacts, v.url])).toEqual([
      ['APS La Bottega del Riuso', ['lavatoio', 'portineria'], '/patti/ente/aps-bottega-del-riuso/'],
      ['ODV Voci Amiche', ['portineria'], '/patti/ente/odv-voci-amiche/'],
    ]);
  });
});

describe('the register as open data', () => {
  it('has the public name of the proposer and no contact field', () => {
    const secret = { proposerName: 'Ermenegilda', proposerEmail: 'e@example.org', proposerPhone: '+39 333' };
    const rows = registerRows([pact({ slug: 'a', title: 'A', ...secret } as Partial<Pact>)], 'https://coesione.example/');
    expect(rows[0]).toMatchObject({ titolo: 'A', url: 'https://coesione.example/patti/a/', fase: 'Istruttoria', proponente: 'Gruppo di vicinato', ricevuta: '2026-11-01', risposta_entro: '2026-12-01', comuni_istat: ['002158'] });
    const text = JSON.stringify(registerTable(rows)) + JSON.stringify(rows);
    for (const value of Object.values(secret)) expect(text).not.toContain(value);
    expect(Object.keys(rows[0]!)).not.toContain('proposerEmail');
  });
});

describe('a pact’s dates in the calendar', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  it('has the answer deadline while it is owed, the notice window, and the milestones with a date', () => {
    const owed = pactEvents(pact({ slug: 'a', title: 'A' }), 'https://x.example/', 'x.example', now);
    expect(owed.map((e) => [e.title, e.start, e.end])).toEqual([['Risposta dovuta: A', '2026-12-01', undefined]]);
    const notice = pactEvents(pact({ slug: 'b', title: 'B', stage: 'avviso_pubblico', answeredAt: '2026-11-14T09:00:00Z', noticeOpens: '2026-11-14', noticeCloses: '2026-12-14', milestones: [{ title: 'Pulizia', due: '2027-03-01', progress: 0, note: null }, { title: 'Senza data', due: null, progress: 0, note: null }] }), 'https://x.example/', 'x.example', now);
    // The window's end is exclusive in iCalendar: the day after the closing day.
    expect(notice.map((e) => [e.title, e.start, e.end])).toEqual([['Avviso pubblico: B', '2026-11-14', '2026-12-15'], ['Tappa del patto: Pulizia (B)', '2027-03-01', undefined]]);
    expect(notice[0]!.url).toBe('https://x.example/patti/b/');
  });
});
