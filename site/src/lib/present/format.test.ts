import { describe, expect, it } from 'vitest';
import { formatDate, opportunityState } from './format';

describe('opportunityState', () => {
  it('is open all of the deadline day in Rome and closed from the next', () => {
    expect(opportunityState('2026-12-15', new Date('2026-12-15T22:59:00Z'))).toEqual({ open: true, label: 'Aperta fino al 15 dicembre 2026' });
    expect(opportunityState('2026-12-15', new Date('2026-12-15T23:00:00Z'))).toEqual({ open: false, label: 'Chiusa il 15 dicembre 2026' });
    expect(opportunityState(null, new Date()).open).toBe(true);
  });
  it('formats dates in Italian', () => {
    expect(formatDate('2026-03-01')).toBe('1 marzo 2026');
  });
});
