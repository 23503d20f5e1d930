/**
 * An optional point on a small Leaflet map: a click places it; from the keyboard, the arrow keys move
 * the map and Enter (or the button) places the point at the centre cross. The chosen point is read out
 * in words and posted as `latitude` / `longitude`. It appears only once JavaScript runs (the typed
 * address is the alternative without it), and it works even when the map tiles do not load: the comuni
 * are drawn as dots, so the map still shows where you are.
 */
import { DISTRICT_BBOX } from '@coesione/model';
import 'leaflet/dist/leaflet.css';
import type { CircleMarker, Map as LeafletMap } from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import MapAttribution from '../map/MapAttribution';
import { FieldMessage } from './FormShell';

export interface Point {
  lat: number;
  lng: number;
}

export interface PointPickerProps {
  id: string;
  comuni: { istat: string; name: string; lat: number; lng: number }[];
  /** ISTAT code of the chosen comune: the map moves there. */
  comune: string;
  tileUrl: string;
  attribution: string;
  error?: string | undefined;
}

const round = (n: number) => Math.round(n * 100000) / 100000;
const decimal = (n: number) => n.toLocaleString('it-IT', { minimumFractionDigits: 5, maximumFractionDigits: 5 });

export default function PointPicker({ id, comuni, comune, tileUrl, attribution, error }: PointPickerProps) {
  const [ready, setReady] = useState(false);
  const [point, setPoint] = useState<Point | null>(null);
  const mapEl = useRef<HTMLDivElement>(null);
  const map = useRef<LeafletMap | null>(null);
  const marker = useRef<CircleMarker | null>(null);
  const hintId = `${id}-hint`;

  // Rendered only in the browser: without JavaScript there is no map to offer.
  useEffect(() => setReady(true), []);

  useEffect(() => {
    if (!ready || !mapEl.current) return;
    let cancelled = false;
    // Leaflet touches `window` when imported: load it here, never on the server.
    void import('leaflet').then(({ default: L }) => {
      if (cancelled || !mapEl.current) return;
      // The box the CMS accepts a point in: the map frames it and keeps the view inside it.
      const [west, south, east, north] = DISTRICT_BBOX;
      const district = L.latLngBounds([south, west], [north, east]);
      // Credits go under the map (MapAttribution), in the site's contrast, as on the other maps.
      // An SVG layer no larger than the map: Leaflet's default pads it by 10% beyond the frame, and
      // pa11y's axe (4.11) then reads the text under the map as lying on the (clipped) SVG.
      const m = L.map(mapEl.current, {
        zoomControl: false,
        attributionControl: false,
        renderer: L.svg({ padding: 0 }),
        maxBounds: district,
        minZoom: 8,
        keyboardPanDelta: 60,
      });
      m.fitBounds(district);
      L.control.zoom({ zoomInTitle: 'Ingrandisci', zoomOutTitle: 'Rimpicciolisci' }).addTo(m);
      L.tileLayer(tileUrl, { maxZoom: 18 }).addTo(m);
      for (const c of comuni) L.circleMarker([c.lat, c.lng], { radius: 3, weight: 1, color: '#455b71', fillOpacity: 0.8, interactive: false }).addTo(m);
      m.on('click', (e) => setPoint({ lat: round(e.latlng.lat), lng: round(e.latlng.lng) }));
      map.current = m;
    });
    return () => {
      cancelled = true;
      map.current?.remove();
      map.current = null;
      marker.current = null;
    };
  }, [ready, comuni, tileUrl, attribution]);

  // Choosing a comune brings the map there (the point, if any, stays where it is).
  useEffect(() => {
    const c = comuni.find((x) => x.istat === comune);
    if (c) map.current?.setView([c.lat, c.lng], 13);
  }, [comune, comuni]);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    void import('leaflet').then(({ default: L }) => {
      if (!point) {
        marker.current?.remove();
        marker.current = null;
      } else if (marker.current) marker.current.setLatLng(point);
      else marker.current = L.circleMarker(point, { radius: 10, weight: 3, color: '#003366', fillColor: '#ffffff', fillOpacity: 0.9, interactive: false }).addTo(m);
    });
  }, [point]);

  const placeAtCentre = () => {
    const centre = map.current?.getCenter();
    if (centre) setPoint({ lat: round(centre.lat), lng: round(centre.lng) });
  };

  if (!ready) return null;
  return (
    <fieldset className="participation-point" aria-describedby={error ? `${hintId} ${id}-error` : hintId}>
      <legend>Punto sulla mappa (facoltativo)</legend>
      <p id={hintId} className="form-text">
        Clicca sulla mappa nel punto giusto. Con la tastiera: porta il fuoco sulla mappa, spostala con le frecce (+ e − per lo zoom) e premi
        Invio per mettere il punto al centro, indicato dalla croce. Se preferisci, scrivi l’indirizzo nel campo qui sotto.
      </p>
      {error && <FieldMessage id={`${id}-error`} message={error} />}
      <div className="participation-map-frame">
        <div
          id={id}
          ref={mapEl}
          className="participation-map"
          role="application"
          aria-label="Mappa per scegliere il punto"
          aria-describedby={hintId}
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target === e.currentTarget) {
              e.preventDefault();
              placeAtCentre();
            }
          }}
        />
        <span className="participation-map-cross" aria-hidden="true" />
      </div>
      <MapAttribution attribution={attribution} />
      <p className="participation-point-state" aria-live="polite">
        {point ? `Punto scelto: latitudine ${decimal(point.lat)}, longitudine ${decimal(point.lng)}.` : 'Nessun punto scelto.'}
      </p>
      <div className="participation-point-actions">
        <button type="button" className="btn btn-outline-primary btn-sm" onClick={placeAtCentre}>
          Metti il punto al centro della mappa
        </button>
        <button type="button" className="btn btn-outline-secondary btn-sm" onClick={() => setPoint(null)} disabled={!point}>
          Togli il punto
        </button>
      </div>
      {point && (
        <>
          <input type="hidden" name="latitude" value={String(point.lat)} />
          <input type="hidden" name="longitude" value={String(point.lng)} />
        </>
      )}
    </fieldset>
  );
}
