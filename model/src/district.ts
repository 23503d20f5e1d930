/**
 * The district's extent: the province of Vercelli, as a GeoJSON bbox [west, south, east, north], slightly
 * wider than the comuni's reference points (a comune's territory reaches a few km beyond its centre).
 * The map frames it, the participation endpoint accepts points inside it, the seed places entries in it.
 */
export const DISTRICT_BBOX = [7.8, 45.05, 8.6, 46.0] as const;

export const insideDistrict = (latitude: number, longitude: number): boolean => {
  const [west, south, east, north] = DISTRICT_BBOX;
  return latitude >= south && latitude <= north && longitude >= west && longitude <= east;
};
