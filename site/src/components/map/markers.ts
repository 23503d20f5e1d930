/**
 * How places look on a map, shared by the big map and the small maps. Each type has its own shape and
 * a short text label, so no information is carried by colour alone (WCAG 1.4.1). Icons and popups are
 * built as DOM nodes with textContent: titles from the CMS are never parsed as HTML.
 */
import L from 'leaflet';
import { placeLine } from '~/lib/present/address';
import type { PlaceProperties, PlaceType } from '~/lib/present/places';

/** Shape (CSS class) and the short text printed inside the marker. */
export const TYPE_STYLE: Record<PlaceType, { shape: 'circle' | 'square' | 'diamond' | 'triangle' | 'hexagon'; short: string; legend: string }> = {
  practice: { shape: 'circle', short: 'BP', legend: 'Buone prassi' },
  opportunity: { shape: 'square', short: 'OP', legend: 'Opportunità' },
  workshop: { shape: 'diamond', short: 'LAB', legend: 'Laboratori' },
  pact: { shape: 'hexagon', short: 'PATTO', legend: 'Patti di collaborazione' },
  organization: { shape: 'triangle', short: 'ENTE', legend: 'Enti' },
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The visible pin: a shape with the type's short label (also used in the legend). */
export function pinElement(type: PlaceType): HTMLElement {
  const style = TYPE_STYLE[type];
  const pin = el('span', `map-pin map-pin--${style.shape} map-pin--${type}`);
  pin.append(el('span', 'map-pin-text', style.short));
  pin.setAttribute('aria-hidden', 'true');
  return pin;
}

/** What a screen reader hears on a marker (Leaflet gives markers role="button"). */
export const placeName = (p: PlaceProperties): string => `${p.typeLabel}: ${p.title}${p.comune ? `, ${p.comune}` : ''}`;

export function placeIcon(p: PlaceProperties): L.DivIcon {
  const root = el('span', 'map-marker');
  root.append(pinElement(p.type), el('span', 'visually-hidden', placeName(p)));
  return L.divIcon({ html: root, className: 'map-marker-host', iconSize: [34, 34], iconAnchor: [17, 17], popupAnchor: [0, -14] });
}

export function clusterIcon(count: number): L.DivIcon {
  const size = count < 10 ? 36 : count < 100 ? 42 : count < 1000 ? 50 : 58;
  const root = el('span', 'map-cluster');
  root.style.width = root.style.height = `${size}px`;
  root.append(el('span', 'map-cluster-count', count.toLocaleString('it-IT')));
  root.firstElementChild?.setAttribute('aria-hidden', 'true');
  root.append(el('span', 'visually-hidden', `Gruppo di ${count.toLocaleString('it-IT')} luoghi: premi Invio per avvicinare la mappa`));
  return L.divIcon({ html: root, className: 'map-marker-host', iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

/** Popup: type, title, place and comune, the state of an opportunity, a link to the page. */
export function popupContent(p: PlaceProperties): HTMLElement {
  const root = el('div', 'map-popup');
  root.append(el('p', 'map-popup-type', p.typeLabel));
  root.append(el('p', 'map-popup-title', p.title));
  root.append(el('p', 'map-popup-place', placeLine(p.address, p.comune, p.label)));
  if (p.open !== null) root.append(el('p', 'map-popup-state', p.open ? 'Aperta' : 'Chiusa'));
  const link = el('a', 'map-popup-link', 'Apri la scheda');
  link.href = p.url;
  link.append(el('span', 'visually-hidden', `: ${p.title}`));
  const para = el('p', '');
  para.append(link);
  root.append(para);
  return root;
}

/**
 * Leaflet's own controls speak English: give them Italian names. The zoom buttons get a plain "-"
 * (Leaflet's "−" is a symbol contrast checkers cannot measure).
 */
export function italianControls(map: L.Map): void {
  map.zoomControl?.remove();
  L.control
    .zoom({ zoomInText: '<span aria-hidden="true">+</span>', zoomOutText: '<span aria-hidden="true">-</span>', zoomInTitle: 'Ingrandisci', zoomOutTitle: 'Riduci' })
    .addTo(map);
  const container = map.getContainer();
  container.querySelector('.leaflet-control-zoom-in')?.setAttribute('aria-label', 'Ingrandisci la mappa');
  container.querySelector('.leaflet-control-zoom-out')?.setAttribute('aria-label', 'Riduci la mappa');
  map.on('popupopen', (e) => {
    const close = (e as L.PopupEvent).popup.getElement()?.querySelector('.leaflet-popup-close-button');
    close?.setAttribute('aria-label', 'Chiudi');
    close?.setAttribute('title', 'Chiudi');
  });
}

export const reducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Map options shared by every map: keyboard on, animations off when the user asks for less motion. */
export function mapOptions(): L.MapOptions {
  const still = reducedMotion();
  // The attribution is printed under each map (MapAttribution) rather than over it, in the page's own type and contrast.
  return { keyboard: true, zoomAnimation: !still, fadeAnimation: !still, markerZoomAnimation: !still, zoomSnap: 1, attributionControl: false };
}

export function tileLayer(url: string, attribution: string): L.TileLayer {
  // Tiles are decoration: with none loaded (offline, blocked) markers and clusters still work.
  return L.tileLayer(url, { attribution, maxZoom: 19, crossOrigin: false });
}

/** Escape closes the open popup from anywhere inside the map (Leaflet's own handler only listens after the map itself had focus). */
export function closePopupOnEscape(map: L.Map): void {
  let open = false;
  map.on('popupopen', () => (open = true));
  map.on('popupclose', () => (open = false));
  map.getContainer().addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && open) {
      map.closePopup();
      event.stopPropagation();
    }
  });
}

/**
 * A popup a keyboard user can reach and leave: opening it moves focus to its link, closing it (Escape,
 * the close button) gives focus back to the marker.
 */
export function bindAccessiblePopup(marker: L.Marker, content: () => HTMLElement): void {
  marker.bindPopup(content, { autoPanPadding: [24, 24], maxWidth: 280 });
  // Leaflet opens it on Enter; a button also answers Space.
  marker.on('keydown', (e) => {
    const key = (e as L.LeafletKeyboardEvent).originalEvent;
    if (key.key === ' ') {
      key.preventDefault();
      marker.openPopup();
    }
  });
  marker.on('popupopen', (e) => {
    (e as L.PopupEvent).popup.getElement()?.querySelector<HTMLElement>('a.map-popup-link')?.focus({ preventScroll: true });
  });
  marker.on('popupclose', (e) => {
    const popup = (e as L.PopupEvent).popup.getElement();
    const active = document.activeElement;
    if (!active || active === document.body || popup?.contains(active)) marker.getElement()?.focus({ preventScroll: true });
  });
}
