/**
 * The markers in view, drawn from a PlaceClusters index: groups and single places, shared by the big
 * map and the small maps. Markers that stay in view are kept between redraws, so a popup left open
 * survives the pan that shows it whole.
 */
import L from 'leaflet';
import type { PlaceFeature, PlaceProperties } from '~/lib/present/places';
import { isCluster, PlaceClusters } from './cluster';
import type { Box } from './map-filters';
import { bindAccessiblePopup, clusterIcon, placeIcon, popupContent } from './markers';

export const boxOf = (bounds: L.LatLngBounds): Box => [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];

export class ClusterLayer {
  private readonly layer = L.layerGroup();
  private markers = new Map<string, L.Marker>();
  private clusters = new PlaceClusters([]);
  /** Set when a group was opened from the keyboard: its marker is gone after the zoom. */
  private refocusMap = false;

  constructor(private readonly map: L.Map) {
    this.layer.addTo(map);
  }

  /** New places (filters changed): cluster ids belong to one index, so start from an empty layer. */
  setPlaces(features: PlaceFeature[]): void {
    this.clusters = new PlaceClusters(features);
    this.layer.clearLayers();
    this.markers.clear();
  }

  /** The marker of a single place, if it is drawn on its own now. */
  markerOf(placeId: string): L.Marker | undefined {
    return this.markers.get(placeId);
  }

  draw(): void {
    const map = this.map;
    const next = new Map<string, L.Marker>();
    for (const feature of this.clusters.inView(boxOf(map.getBounds()), map.getZoom())) {
      const key = isCluster(feature) ? `cluster:${feature.properties.cluster_id}` : (feature.properties as PlaceProperties).id;
      const marker = this.markers.get(key) ?? this.create(feature, key);
      next.set(key, marker);
    }
    for (const [key, marker] of this.markers) if (!next.has(key)) this.layer.removeLayer(marker);
    this.markers = next;
    // A group opened with the keyboard is gone: give focus back to the map, so Tab reaches what replaced it.
    if (this.refocusMap) {
      this.refocusMap = false;
      map.getContainer().focus({ preventScroll: true });
    }
  }

  private create(feature: ReturnType<PlaceClusters['inView']>[number], key: string): L.Marker {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    if (isCluster(feature)) {
      const marker = L.marker([lat, lng], { keyboard: true, riseOnHover: true, icon: clusterIcon(feature.properties.point_count) });
      const id = feature.properties.cluster_id;
      const open = () => {
        this.refocusMap = marker.getElement() === document.activeElement;
        this.map.setView([lat, lng], Math.min(this.clusters.expansionZoom(id), this.map.getMaxZoom()));
      };
      marker.on('click', open);
      // A group is a button: Enter and Space open it (Leaflet only does this for markers with a popup).
      marker.on('keydown', (e) => {
        const key = (e as L.LeafletKeyboardEvent).originalEvent;
        if (key.key === 'Enter' || key.key === ' ') {
          key.preventDefault();
          open();
        }
      });
      this.layer.addLayer(marker);
      return marker;
    }
    const place = feature.properties as PlaceProperties;
    const marker = L.marker([lat, lng], { keyboard: true, riseOnHover: true, icon: placeIcon(place) });
    bindAccessiblePopup(marker, () => popupContent(place));
    this.layer.addLayer(marker);
    marker.getElement()?.setAttribute('data-place-id', key);
    return marker;
  }
}
