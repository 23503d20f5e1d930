/**
 * The risk map of /bisogni/: one proportional symbol per comune with a published figure (area ∝
 * people), drawn from exactly the points the page's table lists (its twin, complete without
 * JavaScript). A suppressed figure is a small hollow ring that reads «meno di N», never 0.
 * Hydrated client-only (Leaflet touches `window`), inside its own error boundary: if it fails, the
 * table is all there is, and all that is needed.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import '../map/map.css';
import './needs-map.css';
import { Component, useEffect, useId, useRef, type ErrorInfo, type ReactNode } from 'react';
import MapAttribution from '../map/MapAttribution';
import { bindAccessiblePopup, closePopupOnEscape, italianControls, mapOptions, tileLayer } from '../map/markers';

export interface NeedPoint {
  istat: string;
  name: string;
  /** The comune's page. */
  url: string;
  lat: number;
  lng: number;
  /** null: suppressed. */
  people: number | null;
  /** «123» or «meno di 5», as the table prints it. */
  text: string;
  /** «2,4» per 1,000 residents, or «non calcolabile». */
  rate: string;
}

export interface NeedMapIslandProps {
  points: NeedPoint[];
  /** «Casa, 3º trimestre 2026». */
  label: string;
  tileUrl: string;
  attribution: string;
  minCell: number;
}

class Guard extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('La mappa dei bisogni non si è avviata:', error, info.componentStack);
  }
  override render() {
    if (this.state.failed) return <p className="map-message" role="alert">La mappa interattiva non è disponibile: la tabella qui sotto riporta le stesse cifre.</p>;
    return this.props.children;
  }
}

export default function NeedMapIsland(props: NeedMapIslandProps) {
  return (
    <Guard>
      <NeedMap {...props} />
    </Guard>
  );
}

const MAX_RADIUS = 28;
const MIN_RADIUS = 6;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const spoken = (p: NeedPoint) => `${p.name}: ${p.people === null ? p.text : `${p.text} persone`}`;

function NeedMap({ points, label, tileUrl, attribution, minCell }: NeedMapIslandProps) {
  const ids = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const max = Math.max(1, ...points.map((p) => p.people ?? 0));

  useEffect(() => {
    const map = L.map(canvasRef.current!, mapOptions());
    tileLayer(tileUrl, attribution).addTo(map);
    italianControls(map);
    closePopupOnEscape(map);
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', `Mappa dei bisogni: ${label}`);
    container.setAttribute('aria-describedby', `${ids}-help`);
    if (points.length > 0) map.fitBounds(L.latLngBounds(points.map((p) => L.latLng(p.lat, p.lng))), { padding: [24, 24], maxZoom: 12 });
    else map.setView([45.5, 8.2], 9);
    // Biggest first, so small symbols stay on top and clickable.
    const ordered = [...points].sort((a, b) => (b.people ?? 0) - (a.people ?? 0));
    ordered.forEach((p, i) => {
      const r = p.people === null ? MIN_RADIUS : Math.max(MIN_RADIUS, Math.round(Math.sqrt(p.people / max) * MAX_RADIUS));
      const root = el('span', p.people === null ? 'need-symbol need-symbol--suppressed' : 'need-symbol');
      root.style.width = root.style.height = `${2 * r}px`;
      root.dataset.istat = p.istat;
      root.dataset.text = p.text;
      root.append(el('span', 'visually-hidden', spoken(p)));
      const icon = L.divIcon({ html: root, className: 'map-marker-host need-symbol-host', iconSize: [2 * r, 2 * r], iconAnchor: [r, r], popupAnchor: [0, -r] });
      const marker = L.marker([p.lat, p.lng], { icon, keyboard: true, title: '', zIndexOffset: i, riseOnHover: true }).addTo(map);
      bindAccessiblePopup(marker, () => {
        const box = el('div', 'map-popup');
        box.append(el('p', 'map-popup-title', p.name));
        box.append(el('p', '', p.people === null ? `${p.text} persone (dato sotto la soglia di pubblicazione)` : `${p.text} persone`));
        box.append(el('p', '', `Per 1.000 residenti (censimento 2011): ${p.rate}`));
        const link = el('a', 'map-popup-link', 'Apri la pagina del comune');
        link.href = p.url;
        link.append(el('span', 'visually-hidden', `: ${p.name}`));
        const para = el('p', '');
        para.append(link);
        box.append(para);
        return box;
      });
    });
    const root = rootRef.current;
    if (root) root.dataset.ready = 'true';
    return () => void map.remove();
  }, [attribution, ids, label, max, points, tileUrl]);

  return (
    <div className="map-explorer need-map" ref={rootRef}>
      <p id={`${ids}-help`} className="map-help">
        Ogni cerchio è un comune: l’area del cerchio è proporzionale alle persone seguite. Il cerchio vuoto indica meno di {minCell} persone.
        Con la tastiera: Tab passa da un comune all’altro, Invio apre la scheda breve, Esc la chiude.
      </p>
      <div ref={canvasRef} className="map-canvas" />
      <MapAttribution attribution={attribution} />
    </div>
  );
}
