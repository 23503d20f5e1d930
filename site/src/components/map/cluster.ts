/**
 * Clustering with supercluster: the points are indexed once per filter change (a k-d tree per zoom)
 * and each pan or zoom asks only for the clusters in view, so Leaflet never holds more than a few dozen
 * markers. Leaflet.markercluster, measured against it by `npm run bench:map` with the same markers,
 * creates one Leaflet marker per point up front: at 10,000 points its longest main-thread task was
 * ≈ 300 ms against ≈ 120 ms, at 50,000 ≈ 530 ms against ≈ 200 ms, with twice the heap (BENCHMARKS.md).
 * Radius 80 on supercluster's 512-unit tiles is 40 px on Leaflet's 256 px tiles: a little more than a
 * marker, so markers do not cover each other's labels (places at one address stay a group up to zoom 17).
 */
import Supercluster from 'supercluster';
import type { PlaceFeature, PlaceProperties } from '~/lib/present/places';
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
