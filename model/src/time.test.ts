import { describe, expect, it } from 'vitest';
import { addDays, deadlineEnd, openOn, romeDay, romeInstant } from './time.js';

describe('Rome dates', () => {
  it('reads the calendar day in Rome, not in UTC', () => {
    expect(romeDay(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
  });
  it('adds days across month ends', () => {
    expect(addDays('2026-11-24', 10)).toBe('2026-12-04');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
  it('places wall-clock times in winter and summer time', () => {
    expect(romeInstant('2026-12-10', '17:30').toISOString()).toBe('2026-12-10T16:30:00.000Z');
    expect(romeInstant('2027-07-10', '09:00').toISOString()).toBe('2027-07-10T07:00:00.000Z');
  });
  it('keeps a deadline open all of its day in Rome, across the change to summer time', () => {
    expect(new Date(deadlineEnd('2026-03-29') * 1000).toISOString()).toBe('2026-03-29T21:59:59.000Z');
    expect(new Date(deadlineEnd('2026-03-28') * 1000).toISOString()).toBe('2026-03-28T22:59:59.000Z');
    expect(openOn('2026-11-24', new Date('2026-11-24T22:59:00Z'))).toBe(true);
    expect(openOn('2026-11-24', new Date('2026-11-24T23:00:00Z'))).toBe(false);
    expect(openOn(null, new Date())).toBe(true);
  });
});
