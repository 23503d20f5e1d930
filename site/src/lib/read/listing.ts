/** Section list pages (see lib/present/pagination.ts for which route builds which page). */
import { cardsOf } from './content';
import { PAGE_SIZE, pageNumbers, type ListRoute } from '../present/pagination';
import { SECTIONS, SECTION_TYPES, type SectionType } from '../present/sections';

export const sectionSlug = (type: SectionType): string => SECTIONS[type].section.slice(1, -1);

/**
 * The list pages of one route: `first` for /<section>/ (page 1 of each section), `rest` for
 * /<section>/pagina/N/ (pages 2 and on).
 */
export async function listPages(route: ListRoute) {
  const pages = [];
  for (const type of SECTION_TYPES) {
    const cards = await cardsOf(type);
    const { last, pages: numbers } = pageNumbers(cards.length, route);
    for (const page of numbers) {
      pages.push({
        params: { section: sectionSlug(type), ...(route === 'rest' ? { page: String(page) } : {}) },
        props: { type, page, last, total: cards.length, cards: cards.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) },
      });
    }
  }
  return pages;
}
