/**
 * Hydrates the islands whose server markup is rendered once per build (`data-island`, see
 * lib/build/render-once.ts) when they scroll into view, as Astro's `client:visible` does: React and the
 * component's code load only then. Each element is marked `data-hydrated` once React has committed it
 * (island-root.ts).
 */
import type { ComponentType } from 'react';

const COMPONENTS: Record<string, () => Promise<{ default: ComponentType<never> }>> = {
  'rating-form': () => import('./participation/RatingForm'),
  'small-map': () => import('./map/SmallMapIsland'),
};

async function hydrate(element: HTMLElement): Promise<void> {
  const load = COMPONENTS[element.dataset.island ?? ''];
  if (!load) throw new Error(`Isola sconosciuta: «${element.dataset.island ?? ''}»`);
  const [{ createElement }, { hydrateRoot }, { default: IslandRoot }, { default: Component }] = await Promise.all([import('react'), import('react-dom/client'), import('./island-root'), load()]);
  hydrateRoot(element, createElement(IslandRoot, { element }, createElement(Component, JSON.parse(element.dataset.props ?? '{}') as never)));
}

const observer = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    observer.unobserve(entry.target);
    // Without the island the page keeps its server markup: the plain form, the map's caption.
    hydrate(entry.target as HTMLElement).catch((error: unknown) => console.error('Un componente interattivo non si è avviato:', error));
  }
});
for (const element of document.querySelectorAll<HTMLElement>('[data-island]:not([data-hydrated])')) observer.observe(element);
