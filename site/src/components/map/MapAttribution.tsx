/**
 * The credits every map owes: the tile server's attribution (OpenStreetMap by default) and Leaflet,
 * printed right under the map. `attribution` is HTML from the build's configuration
 * (PUBLIC_MAP_ATTRIBUTION), never from content.
 */
export default function MapAttribution({ attribution }: { attribution: string }) {
  return (
    <p className="map-attribution">
      Mappa: <span dangerouslySetInnerHTML={{ __html: attribution }} /> · realizzata con <a href="https://leafletjs.com">Leaflet</a>
    </p>
  );
}
