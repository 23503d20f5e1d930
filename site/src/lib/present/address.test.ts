import { describe, expect, it } from 'vitest';
import { placeLine, streetOf } from './address';

describe('placeLine', () => {
  it('names the comune once, whether or not the address already ends with it', () => {
    expect(placeLine('Via Trento 14, Vercelli', 'Vercelli')).toBe('Via Trento 14, Vercelli');
    expect(placeLine('Via Trento 14', 'Vercelli')).toBe('Via Trento 14, Vercelli');
    expect(placeLine('Piazza Garibaldi 1, SANTHIÀ', 'Santhià')).toBe('Piazza Garibaldi 1, Santhià');
  });
  it('keeps a street that only contains the comune’s name, and works without comune or label', () => {
    expect(placeLine('Corso Vercelli 3', 'Vercelli')).toBe('Corso Vercelli 3, Vercelli');
    expect(placeLine('Via Roma 1', null)).toBe('Via Roma 1');
    expect(placeLine('Via Roma 1, Trino', 'Trino', 'Sede operativa')).toBe('Sede operativa, Via Roma 1, Trino');
    expect(streetOf('Vercelli', 'Vercelli')).toBe('');
  });
});
