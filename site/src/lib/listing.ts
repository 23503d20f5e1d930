/** Section list pages: 20 cards a page, page 1 at /<section>/, the others at /<section>/pagina/N/. */
import { cardsOf } from './content';
import { SECTIONS, SECTION_TYPES, type SectionType } from './sections';

export const PAGE_SIZE = 20;
export const sectionSlug = (type: SectionType): string => SECTIONS[type].section.slice(1, -1);

export async function listPages(fromPage: number) {
  const pages = [];
  for (const type of SECTION_TYPES) {
    const cards = await cardsOf(type);
    const last = Math.max(1, Math.ceil(cards.length / PAGE_SIZE));
    for (let page = fromPage; page <= last; page++) {
      pages.push({
        params: { section: sectionSlug(type), ...(fromPage > 1 ? { page: String(page) } : {}) },
        props: { type, page, last, total: cards.length, cards: cards.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) },
      });
    }
  }
  return pages;
}
