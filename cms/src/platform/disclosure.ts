/**
 * Statistical disclosure control for the published need aggregates (issue 12, part 4).
 *
 * Primary suppression hides every cell under the minimum cell size; secondary suppression then hides
 * further cells until no hidden cell can be recomputed from what is published. "Recomputed" is checked
 * exactly, not by a rule of thumb: the published cells, the additive relations and non-negativity define a
 * polytope of possible values for the hidden cells, and a hidden cell is safe when it is not constant on
 * it. The reader is assumed to know each hidden cell's label too: primary cells shown as "meno di N" are
 * at most N-1, the others at least N (the page may label them alike; that reader knows less). The check per
 * linked sub-table is one small LP (which hidden cells are forced to stay at one of those bounds) plus one
 * Gaussian elimination (which hidden cells are fixed on the affine hull of the polytope). The greedy that
 * adds cells is in the spirit of tau-ARGUS's hypercube method: cheapest cells first, preferring partners
 * that do not open a new relation, iterated to a fixpoint. Hiding more cells only widens what a reader
 * can infer, so the fixpoint ends safe, at worst with the whole sub-table hidden.
 */
import { solve, type Constraint, type Model } from 'yalps';

/** A published table: cell values by id, and the additive relations the published figures satisfy. */
export interface Table {
  values: Record<string, number>; // every cell, totals included (non-negative integers)
  relations: { total: string; members: string[] }[]; // values[total] === sum of values[members]; a cell may be in many relations (hierarchies: comune->ambito->district; age bands->ambito total)
}

/** Bad input for the disclosure-control functions: an inconsistent or malformed table. */
export class DisclosureTableError extends Error {
  override name = 'DisclosureTableError';
}

/** One relation as signed coefficients: +1 for the total, -1 for each member (sum is 0). */
interface Row {
  cells: number[];
  coefs: number[];
}

/** A relation restricted to the hidden cells of a component: columns, coefficients, and the published remainder. */
type HiddenRow = { cols: number[]; coefs: number[]; rhs: number };

/** The table indexed once: cells in sorted id order (so the result does not depend on key order). */
interface Indexed {
  ids: string[];
  value: number[];
  rows: Row[];
  /** rows each cell appears in */
  rowsOf: number[][];
  /** connected component of each cell; cells linked by no relation are their own component */
  comp: number[];
  compRows: number[][];
}

function indexTable(table: Table): Indexed {
  if (table === null || typeof table !== 'object' || typeof table.values !== 'object' || table.values === null) {
    throw new DisclosureTableError('The table must have a values object and a relations array.');
  }
  if (!Array.isArray(table.relations)) throw new DisclosureTableError('The table must have a relations array.');
  const ids = Object.keys(table.values).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const at = new Map<string, number>();
  const value: number[] = [];
  ids.forEach((id, i) => {
    const v = table.values[id];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new DisclosureTableError(`Cell "${id}" has value ${String(v)}; every cell must be a non-negative integer.`);
    }
    at.set(id, i);
    value.push(v);
  });
  const cellOf = (id: string, where: string): number => {
    const i = at.get(id);
    if (i === undefined) throw new DisclosureTableError(`${where} names cell "${id}", which is not in values.`);
    return i;
  };
  const parsed: Row[] = [];
  table.relations.forEach((rel, r) => {
    const where = `Relation ${r} (total "${rel.total}")`;
    if (!Array.isArray(rel.members) || rel.members.length === 0) {
      throw new DisclosureTableError(`${where} has no members.`);
    }
    const total = cellOf(rel.total, where);
    const seen = new Set<number>([total]);
    const cells = [total];
    const coefs = [1];
    let sum = 0;
    for (const m of rel.members) {
      const i = cellOf(m, where);
      if (seen.has(i)) throw new DisclosureTableError(`${where} lists cell "${m}" twice (or as its own member).`);
      seen.add(i);
      cells.push(i);
      coefs.push(-1);
      sum += value[i];
    }
    if (sum !== value[total]) {
      throw new DisclosureTableError(`${where}: its members sum to ${sum}, but the total is ${value[total]}.`);
    }
    const members = cells.slice(1).sort((a, b) => a - b);
    parsed.push({ cells: [total, ...members], coefs });
  });
  // Relations in a canonical order too, so neither the order of the relations nor of their members
  // changes which cells the greedy picks.
  const rows = parsed.sort((a, b) => {
    const k = Math.min(a.cells.length, b.cells.length);
    for (let i = 0; i < k; i++) if (a.cells[i] !== b.cells[i]) return a.cells[i] - b.cells[i];
    return a.cells.length - b.cells.length;
  });
  const rowsOf: number[][] = ids.map(() => []);
  rows.forEach((row, r) => {
    for (const i of row.cells) rowsOf[i].push(r);
  });
  // Union-find over the relations: sub-tables that share no cell are audited independently.
  const parent = ids.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  for (const row of rows) {
    const a = find(row.cells[0]);
    for (const c of row.cells) {
      const b = find(c);
      if (a !== b) parent[b] = a;
    }
  }
  const compId = new Map<number, number>();
  const comp = ids.map((_, i) => {
    const root = find(i);
    let k = compId.get(root);
    if (k === undefined) {
      k = compId.size;
      compId.set(root, k);
    }
    return k;
  });
  const compRows: number[][] = Array.from({ length: compId.size }, () => []);
  rows.forEach((row, r) => compRows[comp[row.cells[0]]].push(r));
  return { ids, value, rows, rowsOf, comp, compRows };
}

const EPS = 1e-9;

/**
 * The suppressed cells of one component whose value the published figures determine exactly.
 * The affine hull of P = {relations, lo <= x <= hi} is {relations, x_F = their values} where F are the
 * hidden cells that every point of P keeps at a bound; a hidden cell is determined iff it is constant on
 * that hull (it is a pivot whose reduced row touches no free column).
 */
function determinedIn(t: Indexed, rowIds: number[], sup: Uint8Array, lo: number[], hi: number[]): number[] {
  const cols: number[] = [];
  const colOf = new Map<number, number>();
  const rows: HiddenRow[] = [];
  for (const r of rowIds) {
    const row = t.rows[r];
    const cs: number[] = [];
    const ks: number[] = [];
    let rhs = 0;
    row.cells.forEach((c, k) => {
      if (sup[c]) {
        let j = colOf.get(c);
        if (j === undefined) {
          j = cols.length;
          cols.push(c);
          colOf.set(c, j);
        }
        cs.push(j);
        ks.push(row.coefs[k]);
      } else {
        rhs -= row.coefs[k] * t.value[c];
      }
    });
    if (cs.length > 0) rows.push({ cols: cs, coefs: ks, rhs });
  }
  if (cols.length === 0) return [];
  // The bounds only shrink the polytope: what the relations alone fix stays fixed, and then this round's
  // repair does not need the LP.
  const linear = fixedOnHull(cols.length, rows, []);
  if (linear.length > 0) return linear.map((j) => cols[j]);
  const forced = pinned(t, cols, rows, lo, hi);
  if (forced.length === 0) return [];
  return fixedOnHull(cols.length, rows, forced).map((j) => cols[j]);
}

/** Columns constant on {relations, x_forced fixed}: pivots of the reduced row echelon form whose row
 *  touches no free column. */
function fixedOnHull(n: number, rows: HiddenRow[], forced: number[]): number[] {
  // Reduced row echelon form of [relations on hidden cells; unit rows of forced zeros].
  const m: Float64Array[] = [];
  for (const row of rows) {
    const a = new Float64Array(n);
    row.cols.forEach((j, k) => (a[j] += row.coefs[k]));
    m.push(a);
  }
  for (const j of forced) {
    const a = new Float64Array(n);
    a[j] = 1;
    m.push(a);
  }
  const pivotRowOf = new Int32Array(n).fill(-1);
  let rank = 0;
  for (let j = 0; j < n && rank < m.length; j++) {
    let best = -1;
    let bestAbs = EPS;
    for (let i = rank; i < m.length; i++) {
      const v = Math.abs(m[i][j]);
      if (v > bestAbs) {
        best = i;
        bestAbs = v;
      }
    }
    if (best < 0) continue;
    [m[rank], m[best]] = [m[best], m[rank]];
    const p = m[rank];
    const inv = 1 / p[j];
    for (let k = 0; k < n; k++) p[k] *= inv;
    for (let i = 0; i < m.length; i++) {
      if (i === rank) continue;
      const f = m[i][j];
      if (Math.abs(f) <= EPS) continue;
      const q = m[i];
      for (let k = 0; k < n; k++) q[k] -= f * p[k];
    }
    pivotRowOf[j] = rank;
    rank++;
  }
  const determined: number[] = [];
  for (let j = 0; j < n; j++) {
    const pr = pivotRowOf[j];
    if (pr < 0) continue; // a free column: the cell moves along the null space
    const p = m[pr];
    let fixed = true;
    for (let k = 0; k < n; k++) {
      if (k !== j && pivotRowOf[k] < 0 && Math.abs(p[k]) > EPS) {
        fixed = false;
        break;
      }
    }
    if (fixed) determined.push(j);
  }
  return determined;
}

/**
 * Which cells are primary and what their label tells, when primary suppression is not simply "under
 * minCell" (perturbed figures: aggregate.ts hides a cell whose perturbed value falls under the threshold,
 * so a primary cell's true count may reach `primaryMax` and another cell's may be as low as `otherMin`).
 */
export interface Labels {
  primary: ReadonlySet<string>;
  primaryMax: number;
  otherMin: number;
}

/**
 * What a reader knows about each hidden cell besides the relations: [lo, hi] per cell. A page that shows
 * primary cells as "meno di N" tells the reader they are at most N-1; one that shows the other hidden cells
 * differently tells they are at least N. Protecting against that best-informed reader also protects
 * against one who sees every hidden cell alike. With `labels`, the bounds are theirs.
 */
function knownBounds(t: Indexed, minCell: number | undefined, labels?: Labels): { lo: number[]; hi: number[] } {
  if (labels) {
    return {
      lo: t.ids.map((id) => (labels.primary.has(id) ? 0 : labels.otherMin)),
      hi: t.ids.map((id) => (labels.primary.has(id) ? labels.primaryMax : Infinity)),
    };
  }
  if (minCell === undefined || minCell <= 0) {
    return { lo: t.value.map(() => 0), hi: t.value.map(() => Infinity) };
  }
  const floor = Math.ceil(minCell);
  return {
    lo: t.value.map((v) => (v < minCell ? 0 : floor)),
    hi: t.value.map((v) => (v < minCell ? floor - 1 : Infinity)),
  };
}

/**
 * Which hidden cells (column numbers) sit at one of their bounds at every point of the polytope. Homogenised
 * LP over the cone {A y = c*lambda, lo*lambda <= y <= hi*lambda, lambda >= 1}, maximising the sum of
 * t_j <= min(1, slack of j at its bound) over the cells at a bound: the cone is closed under sums, so at the
 * optimum t_j = 1 for every cell that can leave its bound and 0 for the others.
 */
function pinned(t: Indexed, cols: number[], rows: HiddenRow[], lo: number[], hi: number[]): number[] {
  const atBound = cols.map((c, j) => j).filter((j) => t.value[cols[j]] === lo[cols[j]] || t.value[cols[j]] === hi[cols[j]]);
  if (atBound.length === 0) return []; // the true values are inside every bound: the bounds pin nothing
  const constraints = new Map<string, Constraint>();
  const coefs: Map<string, number>[] = cols.map(() => new Map());
  const lambda = new Map<string, number>([['lambda', 1]]);
  constraints.set('lambda', { min: 1 });
  rows.forEach((row, r) => {
    const key = `r${r}`;
    constraints.set(key, { equal: 0 });
    row.cols.forEach((j, k) => coefs[j].set(key, (coefs[j].get(key) ?? 0) + row.coefs[k]));
    if (row.rhs !== 0) lambda.set(key, -row.rhs);
  });
  const variables = new Map<string, Map<string, number>>();
  cols.forEach((c, j) => {
    variables.set(`y${j}`, coefs[j]);
    const atLower = t.value[c] === lo[c];
    if (lo[c] > 0 || atLower) {
      constraints.set(`l${j}`, { min: 0 }); // y_j - lo_j*lambda (- t_j) >= 0
      coefs[j].set(`l${j}`, 1);
      if (lo[c] > 0) lambda.set(`l${j}`, -lo[c]);
    }
    if (hi[c] !== Infinity) {
      constraints.set(`h${j}`, { min: 0 }); // hi_j*lambda - y_j (- t_j) >= 0
      coefs[j].set(`h${j}`, -1);
      lambda.set(`h${j}`, hi[c]);
    }
  });
  variables.set('lambda', lambda);
  for (const j of atBound) {
    const slack = t.value[cols[j]] === lo[cols[j]] ? `l${j}` : `h${j}`;
    constraints.set(`u${j}`, { max: 1 });
    variables.set(`t${j}`, new Map([['obj', 1], [slack, -1], [`u${j}`, 1]]));
  }
  const solution = solve({ direction: 'maximize', objective: 'obj', constraints, variables });
  if (solution.status !== 'optimal') {
    throw new Error(`Disclosure audit LP ended with status "${solution.status}"; the table's relations may be inconsistent.`);
  }
  const reached = new Map(solution.variables);
  return atBound.filter((j) => (reached.get(`t${j}`) ?? 0) < 0.5);
}

/** The ids to suppress: primary (every cell with value < minCell, zeros included; or `labels.primary`) then
 *  secondary, so that no relation has exactly one suppressed id among {total, ...members}, and no suppressed
 *  cell's value is determined exactly by the published cells, the relations, non-negativity and the labels.
 *  Deterministic. */
export function protect(table: Table, minCell: number, labels?: Labels): Set<string> {
  if (typeof minCell !== 'number' || Number.isNaN(minCell)) {
    throw new DisclosureTableError(`minCell must be a number (got ${String(minCell)}).`);
  }
  const t = indexTable(table);
  const { lo, hi } = knownBounds(t, minCell, labels);
  const n = t.ids.length;
  const sup = new Uint8Array(n);
  const count = new Int32Array(t.rows.length); // suppressed cells per relation
  const dirty = new Set<number>(); // components to audit again
  const hide = (c: number): void => {
    if (sup[c]) return;
    sup[c] = 1;
    for (const r of t.rowsOf[c]) count[r]++;
    dirty.add(t.comp[c]);
  };
  for (let c = 0; c < n; c++) if (labels ? labels.primary.has(t.ids[c]) : t.value[c] < minCell) hide(c);

  /** Relations that hiding c would leave with exactly one hidden cell. */
  const opened = (c: number, except: number): number => {
    let k = 0;
    for (const r of t.rowsOf[c]) if (r !== except && count[r] === 0) k++;
    return k;
  };
  /** Cheapest first: positive over zero (a hidden zero cannot hide anything), smaller value, fewer
   *  relations newly opened (so cells whose other relations already hide something win), then id order. */
  const better = (a: number, b: number, except: number): boolean => {
    const za = t.value[a] === 0 ? 1 : 0;
    const zb = t.value[b] === 0 ? 1 : 0;
    if (za !== zb) return za < zb;
    if (t.value[a] !== t.value[b]) return t.value[a] < t.value[b];
    const oa = opened(a, except);
    const ob = opened(b, except);
    if (oa !== ob) return oa < ob;
    return a < b;
  };

  /** No relation keeps exactly one hidden cell: the classic row/column rule, applied to a fixpoint. */
  const closeSingletons = (): void => {
    const queue: number[] = [];
    for (let r = 0; r < t.rows.length; r++) if (count[r] === 1) queue.push(r);
    while (queue.length > 0) {
      const r = queue.pop() as number;
      if (count[r] !== 1) continue;
      let pick = -1;
      for (const c of t.rows[r].cells) if (!sup[c] && (pick < 0 || better(c, pick, r))) pick = c;
      if (pick < 0) continue; // cannot happen: a one-cell relation is rejected by indexTable
      hide(pick);
      for (const q of t.rowsOf[pick]) if (count[q] === 1) queue.push(q);
    }
  };

  /** A published cell whose hiding gives a determined cell room to move: nearest by relation, cheapest. */
  const partnerFor = (c: number): number => {
    const seen = new Set<number>([c]);
    let frontier = [c];
    while (frontier.length > 0) {
      let pick = -1;
      const next: number[] = [];
      for (const f of frontier) {
        for (const r of t.rowsOf[f]) {
          for (const d of t.rows[r].cells) {
            if (seen.has(d)) continue;
            seen.add(d);
            if (sup[d]) next.push(d);
            else if (t.value[d] > 0 && (pick < 0 || better(d, pick, -1))) pick = d;
          }
        }
      }
      if (pick >= 0) return pick;
      frontier = next;
    }
    return -1;
  };

  for (;;) {
    closeSingletons();
    const comps = [...dirty].sort((a, b) => a - b);
    dirty.clear();
    let added = false;
    for (const k of comps) {
      const determined = determinedIn(t, t.compRows[k], sup, lo, hi);
      // One new cell per relation per round: a cell added for one determined cell often frees its
      // neighbours too, and the next audit says whether it did.
      const touched = new Set<number>();
      for (const c of determined) {
        if (t.rowsOf[c].some((r) => touched.has(r))) {
          dirty.add(k);
          continue;
        }
        const p = partnerFor(c);
        if (p < 0) continue; // everything reachable is already hidden: nothing more can be done
        hide(p);
        added = true;
        for (const r of t.rowsOf[p]) touched.add(r);
        for (const r of t.rowsOf[c]) touched.add(r);
      }
    }
    if (!added) break;
  }
  const out = new Set<string>();
  for (let c = 0; c < n; c++) if (sup[c]) out.add(t.ids[c]);
  return out;
}

/** For tests and an audit: for each suppressed id, the [min,max] the published figures allow (LP over the relations, values >= 0).
 *  With minCell, the reader also knows each hidden cell's label: under minCell ("meno di N") or not. */
export function feasibleRanges(table: Table, suppressed: Set<string>, minCell?: number, labels?: Labels): Map<string, [number, number]> {
  const t = indexTable(table);
  const { lo, hi } = knownBounds(t, minCell, labels);
  const at = new Map(t.ids.map((id, i) => [id, i]));
  const sup = new Uint8Array(t.ids.length);
  for (const id of suppressed) {
    const i = at.get(id);
    if (i === undefined) throw new DisclosureTableError(`Suppressed id "${id}" is not a cell of the table.`);
    sup[i] = 1;
  }
  const models = new Map<number, Pick<Model, 'constraints' | 'variables'>>();
  const modelOf = (k: number): Pick<Model, 'constraints' | 'variables'> => {
    let model = models.get(k);
    if (model) return model;
    const constraints = new Map<string, Constraint>();
    const variables = new Map<string, Map<string, number>>();
    for (const r of t.compRows[k]) {
      const row = t.rows[r];
      let rhs = 0;
      let hidden = false;
      row.cells.forEach((c, j) => {
        if (!sup[c]) {
          rhs -= row.coefs[j] * t.value[c];
          return;
        }
        hidden = true;
        const key = `x${c}`;
        let v = variables.get(key);
        if (!v) variables.set(key, (v = new Map()));
        v.set(`r${r}`, row.coefs[j]);
      });
      if (hidden) constraints.set(`r${r}`, { equal: rhs });
    }
    if (minCell !== undefined || labels) {
      for (const [key, v] of variables) {
        const c = Number(key.slice(1));
        v.set(`b${c}`, 1);
        constraints.set(`b${c}`, hi[c] === Infinity ? { min: lo[c] } : { min: lo[c], max: hi[c] });
      }
    }
    model = { constraints, variables };
    models.set(k, model);
    return model;
  };
  const out = new Map<string, [number, number]>();
  for (let c = 0; c < t.ids.length; c++) {
    if (!sup[c]) continue;
    if (t.compRows[t.comp[c]].length === 0) {
      out.set(t.ids[c], [lo[c], hi[c]]); // in no relation: only its label says anything about it
      continue;
    }
    const base = modelOf(t.comp[c]);
    const variables = new Map(base.variables as Map<string, Map<string, number>>);
    const key = `x${c}`;
    // The objective reads the cell through its own row, so the shared coefficient maps stay untouched.
    variables.set(key, new Map([...(variables.get(key) ?? []), ['objective', 1]]));
    const bound = (direction: 'minimize' | 'maximize'): number => {
      const s = solve({ direction, objective: 'objective', constraints: base.constraints, variables });
      if (s.status === 'unbounded') return direction === 'maximize' ? Infinity : lo[c];
      if (s.status !== 'optimal') {
        throw new Error(`Range LP for "${t.ids[c]}" ended with status "${s.status}".`);
      }
      return s.result;
    };
    out.set(t.ids[c], [bound('minimize'), bound('maximize')]);
  }
  return out;
}

/** Parses NEED_MIN_CELL: default 5; throws a precise English Error for a non-integer or a value under 3 (Sistan code of conduct, art. 5). */
export function minCellFrom(env: string | undefined): number {
  if (env === undefined || env.trim() === '') return 5;
  const text = env.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`NEED_MIN_CELL must be a whole number of people, at least 3; got "${env}".`);
  }
  const value = Number(text);
  if (value < 3) {
    throw new Error(
      `NEED_MIN_CELL is ${value}, under 3: the Sistan code of conduct for statistical processing (art. 5) ` +
        'forbids publishing counts of fewer than 3 people. Set it to 3 or more, or leave it unset for 5.',
    );
  }
  return value;
}
