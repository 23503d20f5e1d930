import { describe, expect, it } from 'vitest';
import { closedReason, seatLabels, seatsUrl } from './live-seats';

describe('live seats', () => {
  it('reads the seats route’s answer as the labels say it, and nothing from another shape', () => {
    const labels = seatLabels({ data: [{ start: '2027-01-12T16:30:00.000Z', capacity: 8, free: 3 }, { start: '2027-01-19T16:30:00.000Z', capacity: 8, free: 0 }, { start: 3, free: 1 }] });
    expect([...labels]).toEqual([
      ['2027-01-12T16:30:00.000Z', '3 posti liberi'],
      ['2027-01-19T16:30:00.000Z', "Completo: lista d'attesa aperta"],
    ]);
    for (const body of [undefined, null, { data: null }, { error: { status: 404 } }, 'testo']) expect(seatLabels(body).size).toBe(0);
  });

  it('reads why bookings are not open now, when the workshop says so', () => {
    expect(closedReason({ data: [{ start: '2027-01-12T16:30:00.000Z', capacity: 8, free: 8, closed: 'Le prenotazioni si aprono il 10 gennaio alle 09:00: torna a prenotare da quel momento.' }] })).toMatch(/^Le prenotazioni si aprono/);
    for (const body of [{ data: [{ start: 'x', free: 1, closed: null }] }, { data: [] }, undefined]) expect(closedReason(body)).toBeUndefined();
  });

  it('asks the CMS for one workshop', () => {
    expect(seatsUrl('https://cms.example.org', 'abc123')).toBe('https://cms.example.org/api/bookings/seats/abc123');
  });
});
