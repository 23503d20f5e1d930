/**
 * How a place reads: the address, then its comune once. Addresses are typed by people and often end with
 * the comune already («Via Trento 14, Vercelli»): that part is not repeated («…, Vercelli, Vercelli»).
 * No imports: the map island bundles it too.
 */
const same = (a: string, b: string) => a.trim().localeCompare(b.trim(), 'it', { sensitivity: 'base' }) === 0;

/** The address without the parts that only name the comune. */
export function streetOf(address: string | null | undefined, comune: string | null | undefined): string {
  const parts = (address ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  return (comune ? parts.filter((p) => !same(p, comune)) : parts).join(', ');
}

/** «label, address, comune», each given part once. */
export function placeLine(address: string | null | undefined, comune: string | null | undefined, label?: string | null): string {
  return [label, streetOf(address, comune), comune].filter((p): p is string => Boolean(p && p.trim())).join(', ');
}
