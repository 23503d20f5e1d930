import { profileMatches, readProfileAnswers, uidOf } from '@coesione/model';
import { describe, expect, it } from 'vitest';
import { cachedCatalogue, publishedCatalogue, type ContentReader } from './catalogue';
import { resultsPage } from './html';
import { createProfile } from './service';

// The CMS's published content as the document service answers it (the demo's, shortened).
const ROWS: Record<string, object[]> = {
  [uidOf('opportunity')]: [
    {
      title: 'Tirocini <b>in</b> sartoria', slug: 'tirocini-sartoria', summary: 'Tre posti.', kind: 'tirocinio', deadline: '2026-12-20',
      themes: [{ slug: 'lavoro-inclusione' }], targetGroups: [{ slug: 'persone-disoccupate' }], municipalities: [{ istatCode: '002061' }],
      locations: [{ address: 'Corso Valsesia 61', latitude: 45.615, longitude: 8.368 }],
    },
  ],
  [uidOf('regulation')]: [
    { title: 'Legge 104/1992', slug: 'legge-104', summary: 'Diritti.', validity: 'vigente', themes: [], targetGroups: [{ slug: 'persone-con-disabilita' }], municipalities: [] },
  ],
  [uidOf('municipality')]: [
    { name: 'Vercelli', istatCode: '002158', latitude: 45.3239, longitude: 8.4236 },
    { name: 'Gattinara', istatCode: '002061', latitude: 45.6146, longitude: 8.3677 },
  ],
  [uidOf('theme')]: [{ name: 'Lavoro e inclusione', slug: 'lavoro-inclusione' }],
};

function reader() {
  const calls: { uid: string; params: Record<string, unknown> }[] = [];
  const strapi: ContentReader = {
    documents: (uid: never) => ({
      findMany: async (params: object) => {
        calls.push({ uid, params: params as Record<string, unknown> });
        return ROWS[uid] ?? [];
      },
    }),
  };
  return { strapi, calls };
}

const NOW = new Date('2026-12-07T10:00:00Z');

describe('the profile’s catalogue in the CMS', () => {
  it('reads published entries only, with the fields the matching reads, and reduces them as the site does', async () => {
    const { strapi, calls } = reader();
    const catalogue = await publishedCatalogue(strapi);
    for (const call of calls.filter((c) => !['api::municipality.municipality', 'api::theme.theme'].includes(c.uid))) {
      expect(call.params.status, call.uid).toBe('published');
      expect(call.params.fields, call.uid).not.toContain('reviewNote');
    }
    expect(catalogue.comuni.map((c) => c.name)).toEqual(['Gattinara', 'Vercelli']);
    expect(catalogue.entries.map((e) => e.url)).toEqual(['/opportunita/tirocini-sartoria/', '/normativa/legge-104/']);
  });

  it('is read again after a minute, and at the next request after a failed read', async () => {
    let reads = 0;
    let clock = 0;
    let fail = true;
    const get = cachedCatalogue(
      async () => {
        reads++;
        if (fail) throw new Error('database away');
        return { comuni: [], themes: [], entries: [] };
      },
      { now: () => clock },
    );
    await expect(get()).rejects.toThrow('database away');
    fail = false;
    await get();
    await get();
    expect(reads).toBe(2);
    clock = 61_000;
    await get();
    expect(reads).toBe(3);
  });
});

describe('the profile page without JavaScript', () => {
  it('answers with what profileMatches finds for the same answers, and a page that says why and stores nothing', async () => {
    const { strapi } = reader();
    const service = createProfile({ catalogue: () => publishedCatalogue(strapi), limit: { limit: 5, windowMs: 60_000 }, now: () => NOW });
    const query = { comune: '002061', situazione: ['lavoro', 'disabilita', 'volare'], eta: '18-29' };
    const result = await service.answer(query, 'client');
    if (result.outcome !== 'results') throw new Error(result.outcome);
    const catalogue = await publishedCatalogue(strapi);
    expect(result.matches).toEqual(profileMatches(readProfileAnswers(query, catalogue).answers, catalogue, NOW));
    expect(result.matches.groups.map((g) => g.title)).toEqual(['Opportunità aperte', 'Norme che ti danno diritti', 'Luoghi vicino a Gattinara']);

    const html = resultsPage(result.catalogue, result.answers, result.problems, result.matches, { siteUrl: 'https://coesione.example' });
    expect(html).toContain('<h1>Il mio profilo di opportunità</h1>');
    expect(html).toContain('<p class="count" role="status">3 risultati per te</p>');
    expect(html).toContain('<a href="https://coesione.example/opportunita/tirocini-sartoria/">Tirocini &lt;b&gt;in&lt;/b&gt; sartoria</a>');
    expect(html).toContain('<p class="reason">Per chi cerca lavoro · a Gattinara</p>');
    expect(html).toContain('La situazione «volare» non è tra quelle proposte');
    expect(html).toContain('Le tue risposte non vengono conservate');
    // The answers are ticked, to change them.
    expect(html).toContain('<option value="002061" selected>Gattinara</option>');
    expect(html).toMatch(/id="situazione-lavoro" name="situazione" value="lavoro" checked/);
    expect(html).toMatch(/id="eta-18-29" name="eta" value="18-29" checked/);
    expect(html).not.toMatch(/value="over-65" checked/);
  });

  it('refuses a client that asks too often, and only that client', async () => {
    const { strapi } = reader();
    const service = createProfile({ catalogue: () => publishedCatalogue(strapi), limit: { limit: 2, windowMs: 60_000 } });
    expect((await service.answer({}, 'a')).outcome).toBe('results');
    expect((await service.answer({}, 'a')).outcome).toBe('results');
    expect(await service.answer({}, 'a')).toMatchObject({ outcome: 'rate-limited', retryAfterMs: expect.any(Number) });
    expect((await service.answer({}, 'b')).outcome).toBe('results');
  });
});
