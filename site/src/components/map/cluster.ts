/**
 * Clustering with supercluster: the points are indexed once per filter change (a k-d tree, ≈ 50 ms
 * for 10,000 points here) and each pan or zoom asks only for the clusters in view, so Leaflet never
 * holds more than a few hundred markers. Leaflet.markercluster, measured against it by
 * `npm run bench:map`, creates one Leaflet marker per point up front and was several times slower
 * at 10,000 and 50,000 points (figures in BENCHMARKS.md).
 */
import Supercluster from 'supercluster';
import type { PlaceFeature, PlaceProperties } from '../../lib/places';
import type { Box } from './map-filters';

export type ClusterProps = { cluster: true; cluster_id: number; point_count: number };
export type ClusterOrPlace = GeoJSON.Feature<GeoJSON.Point, ClusterProps | PlaceProperties>;

export const isCluster = (f: ClusterOrPlace): f is GeoJSON.Feature<GeoJSON.Point, ClusterProps> => 'cluster' in f.properties && f.properties.cluster === true;

export class PlaceClusters {
  private readonly index = new Supercluster<PlaceProperties, Record<string, never>>({ radius: 80, maxZoom: 17, minPoints: 2 });

  constructor(features: PlaceFeature[]) {
    this.index.load(features as unknown as GeoJSON.Feature<GeoJSON.Point, PlaceProperties>[]);
  }

  /** Clusters and single places inside the box at a zoom level. */
  inView(box: Box, zoom: number): ClusterOrPlace[] {
    return this.index.getClusters(box, Math.round(zoom)) as ClusterOrPlace[];
  }

  /** The zoom at which a cluster splits. */
  expansionZoom(clusterId: number): number {
    return this.index.getClusterExpansionZoom(clusterId);
  }
}
