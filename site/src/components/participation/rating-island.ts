/**
 * Hydrates the rating forms of a page (`data-rating-form`, markup from rating-markup.ts) when they
 * scroll into view, as Astro's `client:visible` does: React and the form's code load only then.
 */
import type { RatingFormProps } from './RatingForm';

async function hydrate(element: HTMLElement): Promise<void> {
  const [{ createElement }, { hydrateRoot }, { default: RatingForm }] = await Promise.all([import('react'), import('react-dom/client'), import('./RatingForm')]);
  hydrateRoot(element, createElement(RatingForm, JSON.parse(element.dataset.ratingForm ?? '{}') as RatingFormProps));
}

const observer = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    observer.unobserve(entry.target);
    hydrate(entry.target as HTMLElement).catch((error: unknown) => console.error('Il modulo di valutazione non si è avviato:', error));
  }
});
for (const element of document.querySelectorAll<HTMLElement>('[data-rating-form]')) observer.observe(element);
