import { describe, expect, it } from 'vitest';
import { schemas } from '../cms/schemas';
import { externalLinkOf, factsOf } from './facts';

// Entries as the CMS gives them, through the site's own schemas (defaults filled in, as in a build).
const common = { documentId: 'd', slug: 'x', summary: 's', publishedAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
const provider = { name: 'Consorzio Casale', slug: 'consorzio', kind: 'ente_gestore' };

describe('factsOf', () => {
  it('lists an opportunity\'s facts in reading order, in Italian, and leaves out what is empty', () => {
    const opportunity = schemas.opportunity.parse({ ...common, title: 'Tirocini', kind: 'tirocinio_inclusione', provider, deadline: '2026-12-15', cost: 'Gratuito', eligibility: null });
    expect(factsOf('opportunity', opportunity)).toEqual([
      { label: 'Tipo', value: 'Tirocinio inclusione' },
      { label: 'Proposta da', value: 'Consorzio Casale' },
      { label: 'Scadenza', value: '15 dicembre 2026' },
      { label: 'Costo', value: 'Gratuito' },
    ]);
  });

  it('says when an opportunity has no deadline rather than saying nothing', () => {
    const opportunity = schemas.opportunity.parse({ ...common, title: 'Sportello', kind: 'servizio' });
    expect(factsOf('opportunity', opportunity)).toContainEqual({ label: 'Scadenza', value: 'Nessuna scadenza' });
  });

  it('gives a practice its period and its promoters, a regulation its state', () => {
    const practice = schemas.practice.parse({
      ...common, title: 'Orti', state: 'attiva', evidenceLevel: 'valutata', period: { start: '2024-03-01', end: null },
      promoters: [provider, { name: 'ODV Mani in rete', slug: 'odv', kind: 'odv' }],
    });
    expect(factsOf('practice', practice)).toEqual([
      { label: 'Stato', value: 'Attiva' },
      { label: 'Periodo', value: 'dal 1 marzo 2024' },
      { label: 'Livello di evidenza', value: 'Valutata' },
      { label: 'Promossa da', value: 'Consorzio Casale, ODV Mani in rete' },
    ]);
    const regulation = schemas.regulation.parse({ ...common, title: 'Legge 328', kind: 'legge', issuer: 'Parlamento', validity: 'abrogata', date: '2000-11-08' });
    expect(factsOf('regulation', regulation)).toEqual([
      { label: 'Tipo di atto', value: 'Legge' },
      { label: 'Emanato da', value: 'Parlamento' },
      { label: 'Data', value: '8 novembre 2000' },
      { label: 'Stato', value: 'Abrogata' },
    ]);
  });

  it('counts places and minutes in words', () => {
    const workshop = schemas.workshop.parse({ ...common, title: 'Sartoria', craft: 'sartoria', artisanName: 'Anna', capacity: 8 });
    expect(factsOf('workshop', workshop)).toContainEqual({ label: 'Posti', value: '8' });
    const material = schemas['training-material'].parse({ ...common, title: 'Guida', format: 'video', audience: 'operatori', level: 'base', durationMinutes: 45 });
    expect(factsOf('training-material', material)).toContainEqual({ label: 'Durata', value: '45 minuti' });
  });
});

describe('externalLinkOf', () => {
  it('names the link by what it leads to, and there is none without an address', () => {
    const opportunity = schemas.opportunity.parse({ ...common, title: 'Tirocini', kind: 'tirocinio', applyUrl: 'https://example.org/candidati' });
    expect(externalLinkOf('opportunity', opportunity)).toEqual({ href: 'https://example.org/candidati', label: 'Candidati o chiedi informazioni' });
    const organization = schemas.organization.parse({ ...common, name: 'ODV', kind: 'odv', website: 'https://example.org/' });
    expect(externalLinkOf('organization', organization)?.label).toBe('Sito web dell’ente');
    expect(externalLinkOf('organization', schemas.organization.parse({ ...common, name: 'ODV', kind: 'odv' }))).toBeUndefined();
    const practice = schemas.practice.parse({ ...common, title: 'Orti', state: 'attiva', evidenceLevel: 'valutata' });
    expect(externalLinkOf('practice', practice)).toBeUndefined();
  });
});
