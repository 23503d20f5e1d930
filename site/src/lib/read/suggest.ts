/**
 * The vocabulary of «Forse cercavi…» (@coesione/model `buildVocabulary`), read from the published
 * content at build time: every section's titles, summaries, theme names and comuni.
 */
import { buildVocabulary, type VocabularyFile, type VocabularySource } from '@coesione/model';
import { entriesOf } from './content';
import { toCard } from '../present/cards';
import { SECTION_TYPES } from '../present/sections';

export async function vocabularySources(): Promise<VocabularySource[]> {
  const lists = await Promise.all(
    SECTION_TYPES.map(async (type) =>
      (await entriesOf(type)).map((entry): VocabularySource => {
        const card = toCard(type, entry);
        return { title: card.title, summary: card.summary, themes: entry.data.themes.map((t) => t.name), comuni: card.places };
      }),
    ),
  );
  return lists.flat();
}

export async function vocabularyFile(): Promise<VocabularyFile> {
  return { words: buildVocabulary(await vocabularySources()) };
}
