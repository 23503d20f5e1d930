import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSpeller } from './speller';

afterEach(() => vi.unstubAllGlobals());

describe('the vocabulary in the island', () => {
  it('is fetched once, and again after a failure', async () => {
    const fetch = vi.fn()
      .mockResolvedValueOnce(new Response('', { status: 503 }))
      .mockResolvedValueOnce(Response.json({ words: [['biciclette', 2], ['riparazione', 1]] }));
    vi.stubGlobal('fetch', fetch);
    await expect(loadSpeller('/v.json')).rejects.toThrow('/v.json answered 503');
    const speller = await loadSpeller('/v.json');
    expect(speller.correct('riparazone biciclete')).toBe('riparazione biciclette');
    await loadSpeller('/v.json');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
