/**
 * A small map of one entry's places (detail pages) or of a comune's places (comune pages). Hydrated
 * when it scrolls into view (`client:visible`); Leaflet is imported only then, because it touches
 * `window` at import. The server render is an empty canvas, hidden until the map is ready, so without
 * JavaScript only the caption (addresses and comuni) shows.
 */
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useEffect, useRef, useState } from 'react';
import { toFeatureCollection, type Place } from '~/lib/present/places';
import MapAttribution from './MapAttribution';

export interface SmallMapIslandProps {
  places: Place[];
  tileUrl: string;
  attribution: string;
  /** The accessible name of the map, e.g. "Mappa: Orti sociali". */
  label: string;
}

export default function SmallMapIsland({ places, tileUrl, attribution, label }: SmallMapIslandProps) {
  const canvas = useRef<HTMLDivElement>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let map: import('leaflet').Map | undefined;
    let cancelled = false;
    void (async () => {
      const [{ default: L }, m, { ClusterLayer }] = await Promise.all([import('leaflet'), import('./markers'), import('./cluster-layer')]);
      if (cancelled || !canvas.current) return;
      // Leaflet measures its container: show it before the map is made (React's render follows).
      canvas.current.hidden = false;
      setReady(true);
      map = L.map(canvas.current, { ...m.mapOptions(), scrollWheelZoom: false });
      m.tileLayer(tileUrl, attribution).addTo(map);
      m.italianControls(map);
      m.closePopupOnEscape(map);
      map.fitBounds(L.latLngBounds(places.map((p) => L.latLng(p.lat, p.lng))), { maxZoom: 17, padding: [32, 32] });
      // Places at the same address would cover each other: grouped, as on the big map.
      const layer = new ClusterLayer(map);
      layer.setPlaces(toFeatureCollection(places).features);
      layer.draw();
      map.on('moveend', () => layer.draw());
      const container = map.getContainer();
      container.setAttribute('role', 'region');
      container.setAttribute('aria-label', label);
    })().catch((error: unknown) => {
      // The caption already says where: without the map nothing is lost.
      console.error('La mappa non si è avviata:', error);
      setReady(false);
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [attribution, label, places, tileUrl]);

  // The outer div is what `client:visible` watches: a hidden element would never become visible.
  return (
    <div className="small-map-root">
      <div ref={canvas} className="small-map-canvas" hidden={!ready} />
      {ready && <MapAttribution attribution={attribution} />}
    </div>
  );
}
