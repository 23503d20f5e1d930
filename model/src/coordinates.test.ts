import { describe, expect, it } from 'vitest';
import { parseDecimal, readCoordinate } from './coordinates.js';

describe('coordinates typed in the admin', () => {
  it('reads a dot or a comma as the decimal separator, never as thousands', () => {
    expect(readCoordinate('45.3675', 'latitude')).toEqual({ kind: 'value', value: 45.3675 });
    expect(readCoordinate(' 45,3675 ', 'latitude')).toEqual({ kind: 'value', value: 45.3675 });
    expect(readCoordinate('8,1734', 'longitude')).toEqual({ kind: 'value', value: 8.1734 });
    expect(parseDecimal('-0.5')).toBe(-0.5);
    expect(parseDecimal('45.367.5')).toBeUndefined();
    expect(parseDecimal('1,234.5')).toBeUndefined();
  });

  it('refuses values outside WGS84 in Italian, keeping the number it read', () => {
    const reading = readCoordinate('145.2', 'latitude');
    expect(reading).toMatchObject({ kind: 'error', value: 145.2 });
    expect(reading.kind === 'error' && reading.message).toContain('deve essere tra -90 e 90');
    expect(readCoordinate('181', 'longitude')).toMatchObject({ kind: 'error', value: 181 });
    expect(readCoordinate('45°22′', 'latitude')).toMatchObject({ kind: 'error' });
    expect(readCoordinate('abc', 'latitude').kind === 'error' && (readCoordinate('abc', 'latitude') as { message: string }).message).toContain('usa il punto o la virgola');
  });

  it('warns outside the district, and says when latitude and longitude look swapped', () => {
    expect(readCoordinate('41.9', 'latitude')).toMatchObject({ kind: 'value', value: 41.9, warning: expect.stringContaining('fuori dal distretto') });
    expect(readCoordinate('8.17', 'latitude')).toMatchObject({ kind: 'value', warning: expect.stringContaining('invertite') });
  });

  it('reads a pasted pair as latitude and longitude', () => {
    for (const text of ['45.3675, 8.4217', '45,3675; 8,4217', '45.3675 8.4217', '45.3675,8.4217', '45,3675, 8,4217']) {
      expect(readCoordinate(text, 'latitude'), text).toEqual({ kind: 'pair', latitude: 45.3675, longitude: 8.4217 });
    }
    expect(readCoordinate('45.3675, 200', 'longitude')).toMatchObject({ kind: 'error' });
  });
});
