/**
 * The map of `/mappa/`: every place of `/dati-aperti/luoghi.geojson`, clustered, filterable, searchable
 * by area. It enhances the server-rendered list (which works with no JavaScript) instead of replacing
 * it: moving the map hides the list items outside the view, focusing an item highlights its place.
 *
 * It runs inside its own error boundary: if anything here fails, the list stays as it was.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import './map.css';
import { Component, useCallback, useEffect, useId, useMemo, useRef, useState, type ErrorInfo, type FormEvent, type ReactNode } from 'react';
import { DISTRICT_BBOX } from '@coesione/model';
import { INDEX_UID } from '@coesione/search/contract';
import { PLACE_TYPES, type PlaceCollection, type PlaceFeature, type PlaceType } from '~/lib/present/places';
import { boxOf, ClusterLayer } from './cluster-layer';
import MapAttribution from './MapAttribution';
import { areaFilter, inBox, matches, noFilters, type Box, type MapFilters } from './map-filters';
import { closePopupOnEscape, italianControls, mapOptions, tileLayer, TYPE_STYLE } from './markers';

export interface MapIslandProps {
  /** The GeoJSON of the places. */
  dataUrl: string;
  tileUrl: string;
  attribution: string;
  /** Meilisearch as on `/cerca/`; without it there is no "Cerca in quest'area". */
  search?: { host: string; apiKey: string; indexUid?: string } | undefined;
  themes: { slug: string; name: string }[];
  comuni: { istat: string; name: string }[];
  /** The id of the server-rendered list kept in sync with the map. */
  listId: string;
}

/** Shows every list item again: the state of the page without the island. */
function restoreList(listId: string): void {
  document.getElementById(listId)?.querySelectorAll<HTMLElement>('[hidden]').forEach((el) => (el.hidden = false));
}

class MapGuard extends Component<{ listId: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    restoreList(this.props.listId);
    console.error('La mappa non si è avviata:', error, info.componentStack);
  }
  override render() {
    if (this.state.failed) return <p className="map-message" role="alert">La mappa interattiva non è disponibile: l’elenco dei luoghi qui sotto resta completo e consultabile.</p>;
    return this.props.children;
  }
}

export default function MapIsland(props: MapIslandProps) {
  return (
    <MapGuard listId={props.listId}>
      <MapExplorer {...props} />
    </MapGuard>
  );
}

const [WEST, SOUTH, EAST, NORTH] = DISTRICT_BBOX;
const DISTRICT = L.latLngBounds([SOUTH, WEST], [NORTH, EAST]);
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('it-IT')} ${n === 1 ? one : many}`;

interface Area {
  box: Box;
  /** The words searched, as they were when the results came. */
  q: string;
  urls: Set<string>;
}

function isPlaceCollection(value: unknown): value is PlaceCollection {
  return typeof value === 'object' && value !== null && (value as PlaceCollection).type === 'FeatureCollection' && Array.isArray((value as PlaceCollection).features);
}

function MapExplorer({ dataUrl, tileUrl, attribution, search, themes, comuni, listId }: MapIslandProps) {
  const ids = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<L.Map | null>(null);
  const layerRef = useRef<ClusterLayer | null>(null);
  const drawRef = useRef<() => void>(() => {});
  const [all, setAll] = useState<PlaceFeature[] | null>(null);
  const [loadFailed, setLoadFailed] = useState(false);
  const [filters, setFilters] = useState<MapFilters>(noFilters);
  const [q, setQ] = useState('');
  const [area, setArea] = useState<Area | null>(null);
  const [searchNote, setSearchNote] = useState<{ text: string; error: boolean } | null>(null);
  const [inView, setInView] = useState(0);

  // The map, once. Tiles may never load (offline, blocked): markers do not depend on them.
  useEffect(() => {
    const map = L.map(canvasRef.current!, mapOptions());
    map.fitBounds(DISTRICT);
    tileLayer(tileUrl, attribution).addTo(map);
    layerRef.current = new ClusterLayer(map);
    italianControls(map);
    closePopupOnEscape(map);
    const container = map.getContainer();
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', 'Mappa dei luoghi');
    container.setAttribute('aria-describedby', `${ids}-help`);
    map.on('moveend', () => drawRef.current());
    mapRef.current = map;

    let cancelled = false;
    fetch(dataUrl)
      .then((res) => (res.ok ? res.json() : Promise.reject(new Error(`${dataUrl} answered ${res.status}`))))
      .then((data: unknown) => {
        if (!isPlaceCollection(data)) throw new Error(`${dataUrl} is not a GeoJSON FeatureCollection`);
        if (!cancelled) setAll(data.features);
      })
      .catch((error: unknown) => {
        console.error(error);
        if (!cancelled) setLoadFailed(true);
      });
    return () => {
      cancelled = true;
      map.remove();
      mapRef.current = null;
    };
  }, [attribution, dataUrl, ids, tileUrl]);

  const filtered = useMemo(
    () => (all ?? []).filter((f) => matches(f, filters) && (!area || (area.urls.has(f.properties.url) && inBox(f, area.box)))),
    [all, filters, area],
  );
  const byId = useMemo(() => new Map(filtered.map((f) => [f.properties.id, f])), [filtered]);

  /** Draws what is in view and hides the list items out of it. */
  const draw = useCallback(() => {
    const map = mapRef.current;
    const layer = layerRef.current;
    if (!map || !layer || !all) return;
    layer.draw();
    // The list shows the same places as the map.
    const box = boxOf(map.getBounds());
    const visible = new Set(filtered.filter((f) => inBox(f, box)).map((f) => f.properties.id));
    const list = document.getElementById(listId);
    list?.querySelectorAll<HTMLElement>('[data-place-id]').forEach((item) => (item.hidden = !visible.has(item.dataset.placeId ?? '')));
    list?.querySelectorAll<HTMLElement>('[data-comune-group]').forEach((group) => (group.hidden = !group.querySelector('[data-place-id]:not([hidden])')));
    setInView(visible.size);
    const root = rootRef.current;
    if (root && root.dataset.ready !== 'true') {
      root.dataset.ready = 'true';
      performance.mark('coesione:map-drawn');
    }
  }, [all, filtered, listId]);

  // Index the places for clustering once per change of what is shown (before the draw below).
  useEffect(() => layerRef.current?.setPlaces(filtered), [filtered]);

  useEffect(() => {
    drawRef.current = draw;
    draw();
  }, [draw]);

  // Choosing a comune brings its places into view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !filters.comune) return;
    const points = filtered.map((f) => L.latLng(f.geometry.coordinates[1], f.geometry.coordinates[0]));
    if (points.length > 0) map.fitBounds(L.latLngBounds(points), { maxZoom: 15, padding: [32, 32] });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the comune changes, not at each filter
  }, [filters.comune]);

  // The searched area, drawn as a dashed frame.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !area) return;
    const [west, south, east, north] = area.box;
    const frame = L.rectangle([[south, west], [north, east]], { className: 'map-area', interactive: false, fill: false, dashArray: '6 6', weight: 2 }).addTo(map);
    return () => void frame.remove();
  }, [area]);

  // Focusing or pointing at a list item rings its place on the map.
  useEffect(() => {
    const list = document.getElementById(listId);
    const map = mapRef.current;
    if (!list || !map) return;
    let halo: L.CircleMarker | null = null;
    let lit: HTMLElement | null = null;
    const clear = () => {
      halo?.remove();
      halo = null;
      lit?.classList.remove('is-highlighted');
      lit = null;
    };
    const show = (event: Event) => {
      const id = (event.target as HTMLElement).closest<HTMLElement>('[data-place-id]')?.dataset.placeId;
      const feature = id ? byId.get(id) : undefined;
      clear();
      if (!feature || !id) return;
      const [lng, lat] = feature.geometry.coordinates;
      halo = L.circleMarker([lat, lng], { radius: 24, className: 'map-halo', interactive: false, weight: 4, fill: false }).addTo(map);
      lit = layerRef.current?.markerOf(id)?.getElement() ?? null;
      lit?.classList.add('is-highlighted');
    };
    list.addEventListener('focusin', show);
    list.addEventListener('mouseover', show);
    list.addEventListener('focusout', clear);
    list.addEventListener('mouseleave', clear);
    return () => {
      clear();
      list.removeEventListener('focusin', show);
      list.removeEventListener('mouseover', show);
      list.removeEventListener('focusout', clear);
      list.removeEventListener('mouseleave', clear);
    };
  }, [byId, listId]);

  const toggleType = (type: PlaceType) =>
    setFilters((f) => ({ ...f, types: f.types.includes(type) ? f.types.filter((t) => t !== type) : [...f.types, type] }));

  const searchArea = async (event: FormEvent) => {
    event.preventDefault();
    const map = mapRef.current;
    if (!map || !search) return;
    const box = boxOf(map.getBounds());
    setSearchNote({ text: 'Cerco nell’area visibile…', error: false });
    try {
      // The search client is loaded only when someone searches: the map page stays light.
      const { Meilisearch } = await import('meilisearch');
      const client = new Meilisearch({ host: search.host, apiKey: search.apiKey });
      const names = { theme: themes.find((t) => t.slug === filters.theme)?.name, comune: comuni.find((c) => c.istat === filters.comune)?.name };
      const result = await client.index(search.indexUid ?? INDEX_UID).search(q.trim(), {
        filter: areaFilter(filters, box, names, Math.floor(Date.now() / 1000)),
        limit: 1000,
        attributesToRetrieve: ['url'],
      });
      setArea({ box, q: q.trim(), urls: new Set(result.hits.map((hit) => String(hit.url))) });
      setSearchNote(null);
    } catch (error) {
      console.error(error);
      setSearchNote({ text: 'La ricerca non è raggiungibile in questo momento: la mappa continua a mostrare i luoghi con i filtri scelti.', error: true });
    }
  };

  const total = all?.length ?? 0;
  const status = loadFailed
    ? ''
    : !all
      ? 'Carico i luoghi della mappa…'
      : area
        ? `${plural(filtered.length, 'luogo trovato', 'luoghi trovati')} in quest’area${area.q ? ` per «${area.q}»` : ''}; ${plural(inView, 'visibile', 'visibili')} ora.`
        : `${plural(inView, 'luogo', 'luoghi')} nell’area visibile della mappa, su ${plural(filtered.length, 'luogo', 'luoghi')}${filtered.length < total ? ' che rispondono ai filtri' : ' in tutto'}.`;

  // Filters apply as they change; only the area search submits, so without a search server there is no form.
  const controls = (
    <>
      <fieldset className="map-filter-types">
        <legend>Tipo di luogo</legend>
        {PLACE_TYPES.map((type) => (
          <label key={type} className="map-type-option">
            <input type="checkbox" checked={filters.types.includes(type)} onChange={() => toggleType(type)} />
            <span className={`map-pin map-pin--${TYPE_STYLE[type].shape} map-pin--${type}`} aria-hidden="true"><span className="map-pin-text">{TYPE_STYLE[type].short}</span></span>
            {TYPE_STYLE[type].legend}
          </label>
        ))}
      </fieldset>
      <div className="map-filter-row">
        <label htmlFor={`${ids}-theme`}>Area tematica</label>
        <select id={`${ids}-theme`} value={filters.theme} onChange={(e) => setFilters((f) => ({ ...f, theme: e.target.value }))}>
          <option value="">Tutte</option>
          {themes.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
        </select>
      </div>
      <div className="map-filter-row">
        <label htmlFor={`${ids}-comune`}>Comune</label>
        <select id={`${ids}-comune`} value={filters.comune} onChange={(e) => setFilters((f) => ({ ...f, comune: e.target.value }))}>
          <option value="">Tutto il distretto</option>
          {comuni.map((c) => <option key={c.istat} value={c.istat}>{c.name}</option>)}
        </select>
      </div>
      <label className="map-filter-open">
        <input type="checkbox" checked={filters.open} onChange={() => setFilters((f) => ({ ...f, open: !f.open }))} /> Solo opportunità aperte
      </label>
      {search && (
        <div className="map-filter-row map-area-search">
          <label htmlFor={`${ids}-q`}>Parole da cercare (facoltativo)</label>
          <div>
            <input id={`${ids}-q`} type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
            <button type="submit">Cerca in quest’area</button>
          </div>
        </div>
      )}
    </>
  );

  return (
    <div className="map-explorer" ref={rootRef} data-area={area ? area.box.join(',') : undefined}>
      {/* The filters take some thirty Tab presses: keyboard users may go straight to the places. */}
      {/* A div, not a paragraph: hidden until focused, it takes no room (a margin here shifted the layout). */}
      <div className="map-skip">
        <a className="visually-hidden-focusable" href={`#${ids}-map`}>Salta i filtri: vai ai luoghi sulla mappa</a>{' '}
        <a className="visually-hidden-focusable" href={`#${listId}`}>Salta la mappa: vai all’elenco dei luoghi</a>
      </div>
      {search ? (
        <form className="map-filters" role="search" aria-label="Filtri della mappa" onSubmit={searchArea}>
          {controls}
        </form>
      ) : (
        <div className="map-filters" role="group" aria-label="Filtri della mappa">
          {controls}
        </div>
      )}

      <p className="map-status" role="status" aria-live="polite">{status}</p>
      {searchNote && <p className={searchNote.error ? 'map-message' : 'map-note'} role={searchNote.error ? 'alert' : undefined}>{searchNote.text}</p>}
      {loadFailed && <p className="map-message" role="alert">Non è stato possibile caricare i luoghi della mappa: l’elenco qui sotto è completo.</p>}
      {area && (
        <p className="map-note">
          Mostro solo i risultati della ricerca nell’area riquadrata.{' '}
          <button type="button" onClick={() => setArea(null)}>Mostra di nuovo tutti i luoghi</button>
        </p>
      )}
      <p id={`${ids}-help`} className="map-help">
        Con la tastiera: Tab passa da un luogo all’altro, Invio apre la scheda breve o avvicina un gruppo, Esc la chiude.
        Sulla mappa, le frecce la spostano e i tasti + e − cambiano lo zoom.
      </p>
      <div ref={canvasRef} id={`${ids}-map`} className="map-canvas" />
      <MapAttribution attribution={attribution} />
      <p className="map-actions">
        <button type="button" onClick={() => mapRef.current?.fitBounds(DISTRICT)}>Mostra tutto il distretto</button>
      </p>
    </div>
  );
}
