import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSpeller, severalWords, wantsSuggestion } from './speller';

afterEach(() => vi.unstubAllGlobals());

describe('when the island offers «Forse cercavi…»', () => {
  it('asks for a correction only when at most two results hold every word', () => {
    expect(wantsSuggestion('riparazone viciclete', 0)).toBe(true);
    expect(wantsSuggestion('riparazone viciclete', 2)).toBe(true);
    expect(wantsSuggestion('orti sociali', 3)).toBe(false);
    expect(wantsSuggestion('', 0)).toBe(false);
    expect(wantsSuggestion('2024', 0)).toBe(false);
  });

  it('counts the results holding every word apart only for two words or more', () => {
    expect(severalWords('riparazone viciclete')).toBe(true);
    expect(severalWords("dell'orto")).toBe(true);
    expect(severalWords('bici')).toBe(false);
    expect(severalWords('  bici  ')).toBe(false);
  });
});

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
