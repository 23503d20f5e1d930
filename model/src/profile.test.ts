import { describe, expect, it } from 'vitest';
import { distanceKm, profileCatalogue, profileEntry, profileMatches, profileQuery, readProfileAnswers, type ProfileAnswers, type ProfileCatalogue, type ProfileSource } from './profile.js';

// A few comuni and entries of the demo (scripts/seed-data), as the CMS and the site both give them.
const VERCELLI = { istatCode: '002158', name: 'Vercelli', latitude: 45.3239, longitude: 8.4236 };
const GATTINARA = { istatCode: '002061', name: 'Gattinara', latitude: 45.6146, longitude: 8.3677 };
const CARESANA = { istatCode: '002035', name: 'Caresana', latitude: 45.2225, longitude: 8.5055 };
const THEMES = [
  { slug: 'lavoro-inclusione', name: 'Lavoro e inclusione' },
  { slug: 'abitare', name: 'Abitare' },
  { slug: 'riuso-economia-circolare', name: 'Riuso ed economia circolare' },
  { slug: 'disabilita', name: 'Disabilità' },
];
const tags = (slugs: string[]) => slugs.map((slug) => ({ slug }));
const comuni = (...list: { istatCode: string }[]) => list.map(({ istatCode }) => ({ istatCode }));

const SOURCES: Partial<Record<'opportunity' | 'workshop' | 'practice' | 'regulation' | 'organization' | 'training-material', ProfileSource[]>> = {
  opportunity: [
    {
      slug: 'tirocini-sartoria', title: 'Tirocini di inclusione nella sartoria sociale di Gattinara', summary: 'Tre posti per tirocini.', kind: 'tirocinio', deadline: '2026-12-20',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-disoccupate', 'persone-migranti']), municipalities: comuni(GATTINARA),
      locations: [{ address: 'Corso Valsesia 61', latitude: 45.615, longitude: 8.368 }],
    },
    {
      slug: 'cercasi-oss', title: 'Cercasi OSS per l’assistenza domiciliare', summary: 'Contratto a tempo indeterminato.', kind: 'lavoro', deadline: '2026-12-10',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-disoccupate', 'operatori-sociali']), municipalities: comuni(VERCELLI),
      locations: [{ address: 'Via Dante 12', latitude: '45.3250', longitude: '8.4200' }],
    },
    {
      slug: 'bando-chiuso', title: 'Bando per l’inserimento lavorativo già chiuso', summary: 'Chiuso.', kind: 'lavoro', deadline: '2026-11-30',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-disoccupate']), municipalities: [],
    },
    {
      slug: 'fondo-affitti', title: 'Fondo per la morosità incolpevole', summary: 'Un contributo per l’affitto.', kind: 'contributo', deadline: null,
      themes: tags(['abitare']), targetGroups: tags(['famiglie', 'persone-in-poverta']), municipalities: [],
      locations: [{ address: 'Sportello casa, piazza Italia 1', latitude: 45.6140, longitude: 8.3690 }],
    },
    {
      slug: 'bando-per-enti', title: 'Bando per gli enti del Terzo Settore', summary: 'Per le associazioni.', kind: 'contributo', deadline: '2027-01-31',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['enti-terzo-settore']), municipalities: [],
    },
  ],
  workshop: [
    {
      slug: 'ciclofficina', title: 'Ciclofficina per ragazzi', summary: 'Ripariamo le bici.', audience: 'tutti',
      themes: tags(['riuso-economia-circolare']), targetGroups: tags(['minori-adolescenti', 'giovani-neet']), municipalities: comuni(VERCELLI),
      sessions: [{ start: '2026-12-12T14:00:00Z' }, { start: '2026-12-19T14:00:00Z' }], location: { address: 'Via Trino 3', latitude: 45.33, longitude: 8.41 },
    },
    {
      slug: 'corso-operatori', title: 'Corso per operatori', summary: 'Per chi lavora nei servizi.', audience: 'operatori_e_terzo_settore',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-disoccupate']), municipalities: [], sessions: [{ start: '2026-12-12T14:00:00Z' }],
    },
    { slug: 'senza-incontri', title: 'Laboratorio senza incontri', summary: 'Nessun incontro.', themes: tags(['riuso-economia-circolare']), targetGroups: [], municipalities: [], sessions: [] },
  ],
  practice: [
    {
      slug: 'orti-caresana', title: 'Orti sociali nella cascina di Caresana', summary: 'Orti.', state: 'attiva',
      themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-con-disabilita', 'anziani']), municipalities: comuni(CARESANA),
      location: { address: 'Cascina Nuova', latitude: 45.2225, longitude: 8.5055 },
    },
    { slug: 'finita', title: 'Una prassi conclusa', summary: 'Finita.', state: 'conclusa', themes: tags(['lavoro-inclusione']), targetGroups: tags(['persone-disoccupate']), municipalities: [] },
  ],
  regulation: [
    { slug: 'legge-104', title: 'Legge 104/1992', summary: 'Assistenza e diritti delle persone con disabilità.', validity: 'vigente', themes: tags(['disabilita']), targetGroups: tags(['persone-con-disabilita', 'caregiver-familiari']), municipalities: [] },
    { slug: 'legge-abrogata', title: 'Una legge abrogata', summary: 'Abrogata.', validity: 'abrogata', themes: tags(['disabilita']), targetGroups: tags(['persone-con-disabilita']), municipalities: [] },
    { slug: 'codice-terzo-settore', title: 'Codice del Terzo Settore', summary: 'Per gli enti.', validity: 'vigente', themes: tags(['lavoro-inclusione']), targetGroups: tags(['enti-terzo-settore']), municipalities: [] },
  ],
  organization: [
    { slug: 'filo-e-trama', name: 'Impresa sociale Filo e Trama', summary: 'Sartoria sociale.', themes: tags(['lavoro-inclusione']), targetGroups: [], municipalities: comuni(GATTINARA), sites: [{ address: 'Corso Valsesia 61', latitude: 45.615, longitude: 8.368 }] },
  ],
  'training-material': [
    { slug: 'guida-cittadini', title: 'Guida ai servizi per cittadini', summary: 'Una guida.', audience: 'cittadini', themes: tags(['abitare']), targetGroups: tags(['cittadini']), municipalities: [] },
    { slug: 'slide-operatori', title: 'Slide per operatori', summary: 'Per operatori.', audience: 'operatori', themes: tags(['abitare']), targetGroups: tags(['persone-senza-dimora']), municipalities: [] },
  ],
};

const catalogue: ProfileCatalogue = profileCatalogue({ comuni: [VERCELLI, GATTINARA, CARESANA], themes: THEMES, entries: SOURCES });
const NOW = new Date('2026-12-07T10:00:00Z');
const answers = (a: Partial<ProfileAnswers>): ProfileAnswers => ({ comune: null, age: null, situations: [], interests: [], ...a });
const titles = (a: Partial<ProfileAnswers>, now = NOW) => Object.fromEntries(profileMatches(answers(a), catalogue, now).groups.map((g) => [g.key, g.results.map((r) => r.title)]));
const allTitles = (a: Partial<ProfileAnswers>, now = NOW) => Object.values(titles(a, now)).flat();

describe('the catalogue', () => {
  it('keeps what a citizen may be shown, with comuni, coordinates and a workshop’s last session as its deadline', () => {
    const urls = catalogue.entries.map((e) => e.url);
    for (const gone of ['/buone-prassi/finita/', '/normativa/legge-abrogata/', '/laboratori/corso-operatori/', '/laboratori/senza-incontri/', '/formazione/slide-operatori/']) expect(urls).not.toContain(gone);
    expect(catalogue.entries.find((e) => e.url === '/laboratori/ciclofficina/')).toMatchObject({ deadline: '2026-12-19', comuni: ['002158'], places: [{ lat: 45.33, lon: 8.41, address: 'Via Trino 3' }] });
    expect(catalogue.entries.find((e) => e.url === '/opportunita/cercasi-oss/')).toMatchObject({ kind: 'lavoro', places: [{ lat: 45.325, lon: 8.42 }], targets: ['persone-disoccupate', 'operatori-sociali'] });
    expect(catalogue.comuni.map((c) => c.name)).toEqual(['Caresana', 'Gattinara', 'Vercelli']);
  });

  it('gives a workshop the Rome day of its last session, not UTC’s', () => {
    expect(profileEntry('workshop', { slug: 'x', title: 'X', sessions: [{ start: '2026-12-31T23:30:00Z' }, { start: '2027-01-02T10:00:00Z', cancelled: true }] })?.deadline).toBe('2027-01-01');
  });
});

describe('reading the answers', () => {
  it('keeps what exists, in the form’s order, and says in Italian what it left out', () => {
    const { answers: read, problems } = readProfileAnswers(
      { comune: '002158', eta: '18-29', situazione: ['disabilita', 'lavoro', 'volare', 'toString'], tema: ['abitare', 'astronomia', 'lavoro-inclusione'] },
      catalogue,
    );
    expect(read).toEqual({ comune: '002158', age: '18-29', situations: ['lavoro', 'disabilita'], interests: ['abitare', 'lavoro-inclusione'] });
    expect(problems).toEqual([
      'La situazione «volare» non è tra quelle proposte: non ne abbiamo tenuto conto.',
      'La situazione «toString» non è tra quelle proposte: non ne abbiamo tenuto conto.',
      'L’area tematica «astronomia» non esiste: non ne abbiamo tenuto conto.',
    ]);
  });

  it('ignores an unknown comune and age, a second comune, empty values and values that are not text', () => {
    const { answers: read, problems } = readProfileAnswers({ comune: ['999999', '002061', '002158'], eta: 'tanti', situazione: ['', 3], tema: '' }, catalogue);
    expect(read).toEqual({ comune: '002061', age: null, situations: [], interests: [] });
    expect(problems).toEqual([
      'Il comune con codice «999999» non è tra i comuni del distretto: non ne abbiamo tenuto conto.',
      'Si sceglie un solo comune: abbiamo tenuto il primo.',
      'La fascia d’età «tanti» non è tra quelle proposte: non ne abbiamo tenuto conto.',
    ]);
  });

  it('writes the answers back as the same query', () => {
    const read = answers({ comune: '002158', age: '65-e-oltre', situations: ['cura', 'disabilita'], interests: ['abitare'] });
    const query = profileQuery(read);
    expect(query).toBe('comune=002158&eta=65-e-oltre&situazione=cura&situazione=disabilita&tema=abitare');
    const params = new URLSearchParams(query);
    expect(readProfileAnswers({ comune: params.get('comune'), eta: params.get('eta'), situazione: params.getAll('situazione'), tema: params.getAll('tema') }, catalogue).answers).toEqual(read);
  });
});

describe('what fits the answers', () => {
  it('shows open opportunities with the reason in one Italian line, never one already closed', () => {
    const found = profileMatches(answers({ comune: '002061', situations: ['lavoro'], interests: ['lavoro-inclusione'] }), catalogue, NOW);
    const opportunities = found.groups.find((g) => g.key === 'opportunities')!;
    expect(opportunities.title).toBe('Opportunità aperte');
    expect(opportunities.results.map((r) => [r.title, r.reason, r.state])).toEqual([
      ['Tirocini di inclusione nella sartoria sociale di Gattinara', 'Per chi cerca lavoro · a Gattinara · area Lavoro e inclusione', 'Aperta fino al 20 dicembre 2026'],
    ]);
    // «Bando … già chiuso» fits everything but its deadline, 30 November.
    expect(allTitles({ situations: ['lavoro'] })).not.toContain('Bando per l’inserimento lavorativo già chiuso');
    expect(allTitles({ situations: ['lavoro'] }, new Date('2026-11-30T22:59:00Z'))).toContain('Bando per l’inserimento lavorativo già chiuso');
    expect(allTitles({ situations: ['lavoro'] }, new Date('2026-11-30T23:00:00Z'))).not.toContain('Bando per l’inserimento lavorativo già chiuso');
  });

  it('counts an entry with no comune as for the whole district, and says so', () => {
    const found = profileMatches(answers({ comune: '002035', interests: ['abitare'] }), catalogue, NOW);
    const fund = found.groups.flatMap((g) => g.results).find((r) => r.title === 'Fondo per la morosità incolpevole');
    expect(fund?.reason).toBe('In tutto il distretto · area Abitare');
    expect(fund?.state).toBe('Aperta, senza scadenza');
    // An entry for other comuni is left out.
    expect(allTitles({ comune: '002035', situations: ['lavoro'] })).not.toContain('Cercasi OSS per l’assistenza domiciliare');
    expect(allTitles({ comune: '002158', situations: ['lavoro'] })).toContain('Cercasi OSS per l’assistenza domiciliare');
  });

  it('leaves out what is only for professionals, only for another age, ended or repealed', () => {
    const all = allTitles({ situations: ['lavoro', 'disabilita', 'cura', 'studio'], interests: ['lavoro-inclusione', 'abitare', 'riuso-economia-circolare', 'disabilita'] });
    for (const never of ['Bando per gli enti del Terzo Settore', 'Codice del Terzo Settore', 'Corso per operatori', 'Una prassi conclusa', 'Una legge abrogata', 'Slide per operatori']) expect(all).not.toContain(never);
    expect(all).toContain('Ciclofficina per ragazzi');
    expect(allTitles({ age: '65-e-oltre', interests: ['riuso-economia-circolare'] })).not.toContain('Ciclofficina per ragazzi');
    expect(allTitles({ age: 'meno-di-18', interests: ['riuso-economia-circolare'] })).toContain('Ciclofficina per ragazzi');
  });

  it('shows norms only to the people they name, by situation or age', () => {
    expect(titles({ situations: ['disabilita'] }).rights).toEqual(['Legge 104/1992']);
    expect(titles({ situations: ['cura'] }).rights).toEqual(['Legge 104/1992']);
    expect(titles({ interests: ['disabilita'] }).rights).toBeUndefined();
    expect(profileMatches(answers({ interests: ['disabilita'] }), catalogue, NOW).hints).toContain('Indica la tua situazione o la tua età per vedere anche le norme che ti danno diritti.');
    const reason = profileMatches(answers({ situations: ['cura', 'disabilita'] }), catalogue, NOW).groups.find((g) => g.key === 'rights')!.results[0]!.reason;
    expect(reason).toBe('Per chi si prende cura di una persona cara e persone con disabilità');
  });

  it('puts the best fit first: more answers matched, then the comune’s own before the district’s', () => {
    expect(titles({ comune: '002158', situations: ['lavoro', 'disabilita'] }).opportunities).toEqual(['Cercasi OSS per l’assistenza domiciliare']);
    const services = profileMatches(answers({ situations: ['lavoro', 'disabilita', 'over-65'] }), catalogue, NOW).groups.find((g) => g.key === 'services')!;
    expect(services.results[0]).toMatchObject({ title: 'Orti sociali nella cascina di Caresana', reason: 'Per chi cerca lavoro, persone con disabilità e chi ha più di 65 anni', typeLabel: 'Buona prassi' });
  });

  it('lists the places nearest to the comune’s centre, organisations too, with the distance', () => {
    const found = profileMatches(answers({ comune: '002061', situations: ['lavoro'] }), catalogue, NOW);
    const places = found.groups.find((g) => g.key === 'places')!;
    expect(places.title).toBe('Luoghi vicino a Gattinara');
    // At the same distance, the better fit first: the opportunity matches the situation, the organisation its theme.
    expect(places.results.map((r) => [r.typeLabel, r.title, r.where])).toEqual([
      ['Opportunità', 'Tirocini di inclusione nella sartoria sociale di Gattinara', 'Corso Valsesia 61, a meno di 1 km dal centro di Gattinara'],
      ['Ente', 'Impresa sociale Filo e Trama', 'Corso Valsesia 61, a meno di 1 km dal centro di Gattinara'],
    ]);
    expect(places.results[1]!.reason).toBe('Per chi cerca lavoro · a Gattinara');
    // The housing desk is for the whole district but 33 km from Vercelli's centre: not near it.
    expect(Math.round(distanceKm({ lat: 45.3239, lon: 8.4236 }, { lat: 45.614, lon: 8.369 }))).toBe(33);
    expect(titles({ comune: '002158', interests: ['abitare'] })).toEqual({ opportunities: ['Fondo per la morosità incolpevole'], learning: ['Guida ai servizi per cittadini'] });
    expect(titles({ comune: '002035', interests: ['abitare'] }).places).toBeUndefined();
    const gattinara = profileMatches(answers({ comune: '002061', interests: ['abitare'] }), catalogue, NOW).groups.find((g) => g.key === 'places')!;
    expect(gattinara.results.map((r) => r.where)).toEqual(['Sportello casa, piazza Italia 1, a meno di 1 km dal centro di Gattinara']);
    const vercelli = profileMatches(answers({ comune: '002158' }), catalogue, NOW).groups.find((g) => g.key === 'places')!;
    expect(vercelli.results.map((r) => r.where)).toEqual(['Via Dante 12, a meno di 1 km dal centro di Vercelli', 'Via Trino 3, a 1,3 km dal centro di Vercelli']);
    const orti = profileMatches(answers({ comune: '002035', situations: ['disabilita'] }), catalogue, NOW).groups.find((g) => g.key === 'places')!;
    expect(orti.results.map((r) => r.where)).toEqual(['Cascina Nuova, a meno di 1 km dal centro di Caresana']);
    expect(profileMatches(answers({ situations: ['lavoro'] }), catalogue, NOW).hints).toContain('Scegli il tuo comune per vedere anche i luoghi più vicini e ciò che vale solo lì.');
  });

  it('shows everything open in the comune to someone who answers only the comune, and nothing to someone who answers nothing', () => {
    expect(titles({ comune: '002158' })).toEqual({
      opportunities: ['Cercasi OSS per l’assistenza domiciliare', 'Fondo per la morosità incolpevole'],
      learning: ['Ciclofficina per ragazzi', 'Guida ai servizi per cittadini'],
      places: ['Cercasi OSS per l’assistenza domiciliare', 'Ciclofficina per ragazzi'],
    });
    const none = profileMatches(answers({}), catalogue, NOW);
    expect(none).toMatchObject({ groups: [], total: 0, count: 'Nessun risultato per te' });
    expect(none.hints).toEqual(['Rispondi ad almeno una domanda: il comune, l’età, la tua situazione o che cosa ti interessa.']);
  });

  it('counts every result shown', () => {
    const found = profileMatches(answers({ comune: '002158' }), catalogue, NOW);
    expect(found.total).toBe(6);
    expect(found.count).toBe('6 risultati per te');
    expect(profileMatches(answers({ situations: ['cura'] }), catalogue, NOW).count).toBe('1 risultato per te');
  });
});
