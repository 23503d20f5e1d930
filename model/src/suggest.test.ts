import { describe, expect, it } from 'vitest';
import { buildVocabulary, createSpeller, damerauLevenshtein, foldWord, severalWords, wantsSuggestion, type VocabularySource } from './suggest.js';

// Titles and summaries of the demo content (scripts/seed-data), as the site and the CMS read them.
const DOCUMENTS: VocabularySource[] = [
  { title: 'La tua bici in ordine: manutenzione di base', summary: 'Tre incontri in ciclofficina per imparare a riparare una foratura. Si lavora sulla propria bicicletta.', themes: ['Riuso ed economia circolare'], comuni: ['Santhià'] },
  { title: 'Ciclofficina popolare di Crescentino', summary: "Un'officina aperta dove chiunque può imparare a riparare la propria bicicletta.", themes: ['Riuso ed economia circolare'], comuni: ['Crescentino'] },
  { title: 'Repair Café della Valsesia', summary: 'Cittadini e riparatori volontari aggiustano insieme piccoli elettrodomestici, biciclette, vestiti e mobili.', themes: [], comuni: ['Varallo'] },
  { title: 'Rete Riuso Vercellese', summary: 'Coordina i laboratori di riuso e riparazione nei quattro ambiti del Distretto.', themes: [], comuni: ['Vercelli'] },
  { title: 'Orli, cerniere e toppe: riparazioni sartoriali di base', summary: 'Cinque lezioni in sartoria sociale, in città.', themes: [], comuni: ['Gattinara'] },
  { title: 'Orti sociali nella cascina di Caresana', summary: 'Orti per anziani in citta e in campagna.', themes: ['Anziani e domiciliarità'], comuni: ['Caresana'] },
];

const vocabulary = buildVocabulary(DOCUMENTS);
const speller = createSpeller(vocabulary);

describe('the vocabulary', () => {
  it('counts the documents holding each word, most frequent first, words of three letters or more', () => {
    const counts = Object.fromEntries(vocabulary);
    expect(counts['riparare']).toBe(2);
    expect(counts['di']).toBeUndefined();
    expect(counts['tre']).toBe(1);
    expect(vocabulary[0]![1]).toBeGreaterThanOrEqual(vocabulary.at(-1)![1]);
  });

  it('folds accents for counting but shows the accented form, and reads theme and comune names', () => {
    const counts = Object.fromEntries(vocabulary);
    // «città» and «citta» are one word, held by two documents; shown with its accent.
    expect(counts['città']).toBe(2);
    expect(counts['citta']).toBeUndefined();
    expect(counts['santhià']).toBe(1);
    expect(counts['domiciliarità']).toBe(1);
  });

  it('ends a word at a number or an apostrophe', () => {
    expect(Object.fromEntries(buildVocabulary([{ title: "L'officina 2025", summary: 'over65', themes: [], comuni: [] }]))).toEqual({ officina: 1, over: 1 });
  });
});

describe('when a correction is offered', () => {
  it('only when at most two results hold every word of a query with words', () => {
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

describe('Damerau–Levenshtein distance', () => {
  it('counts insertions, deletions, substitutions and swapped neighbours as one each', () => {
    expect(damerauLevenshtein('riparazione', 'riparazione')).toBe(0);
    expect(damerauLevenshtein('riparazone', 'riparazione')).toBe(1);
    expect(damerauLevenshtein('biciclete', 'biciclette')).toBe(1);
    expect(damerauLevenshtein('bcii', 'bici')).toBe(1);
    expect(damerauLevenshtein('viciclete', 'biciclette')).toBe(2);
    expect(damerauLevenshtein('', 'orti')).toBe(4);
  });

  it('stops at the limit', () => {
    expect(damerauLevenshtein('orti', 'biciclette', 2)).toBe(3);
    expect(damerauLevenshtein('sartoria', 'santhià', 1)).toBe(2);
  });
});

describe('«Forse cercavi…»', () => {
  it('corrects two typos in a long word and one in each of two words', () => {
    expect(speller.correct('riparazone viciclete')).toBe('riparazione biciclette');
    expect(speller.correct('ciclofficna crescentno')).toBe('ciclofficina crescentino');
  });

  it('keeps the words the documents hold, and answers null when all of them are', () => {
    expect(speller.correct('orti sociali')).toBeNull();
    expect(speller.correct('riparazione biciclete')).toBe('riparazione biciclette');
  });

  it('forgives one typo only below five letters, and never corrects words under three', () => {
    expect(speller.correct('bcii officina')).toBe('bici officina');
    expect(speller.correct('bxcx officina')).toBeNull(); // two typos in four letters
    expect(speller.correct('un bici')).toBeNull(); // «un» is not in the vocabulary, and stays
    expect(speller.correct('xy orti')).toBeNull();
  });

  it('matches without accents and shows the accents of the vocabulary', () => {
    expect(speller.correct('santhia')).toBeNull(); // known, accents aside
    expect(speller.correct('santia caresana')).toBe('santhià caresana');
    expect(speller.correct('domiciliarita')).toBeNull();
  });

  it('breaks a tie by the word more documents hold', () => {
    // «riparazioni» and «riparazione» are both one letter from «riparazionx»: the document counts decide.
    const tie = createSpeller([['riparazioni', 1], ['riparazione', 3]]);
    expect(tie.correct('riparazionx bici')).toBe('riparazione bici');
    expect(createSpeller([['riparazioni', 5], ['riparazione', 3]]).correct('riparazionx bici')).toBe('riparazioni bici');
  });

  it('keeps a last word that starts a known word, still being typed, but completes one cut short before it', () => {
    expect(speller.correct('biciclet')).toBeNull();
    expect(speller.correct('officina biciclet')).toBeNull();
    expect(speller.correct('biciclet officina')).toBe('bicicletta officina'); // «bicicletta»: two documents, «biciclette» one
  });

  it('keeps what is around the words, and the capitals typed', () => {
    expect(speller.correct('Riparazone, «biciclete»!')).toBe('Riparazione, «biciclette»!');
    expect(speller.correct('ORTI SOCALI')).toBe('ORTI SOCIALI');
    expect(speller.correct('Santia')).toBe('Santhià');
  });

  it('leaves a word with nothing close as typed', () => {
    expect(speller.correct('zafferanissimo')).toBeNull();
    expect(speller.correct('zafferanissimo biciclete')).toBe('zafferanissimo biciclette');
  });

  it('reads a vocabulary fetched from elsewhere, skipping entries of the wrong shape', () => {
    expect(createSpeller([['orti', 2], 'bici', [3, 'x'], null]).correct('orri')).toBe('orti');
  });

  it('folds like the search engine: case and accents', () => {
    expect(foldWord('Città')).toBe('citta');
    expect(foldWord('PERCHÉ')).toBe('perche');
    expect(foldWord('citta\u0300')).toBe('citta'); // decomposed input
  });
});
