// A sheet's data validation, kept as Excel keeps it: rectangles of cells, each
// with its rule (the file format's sqref ranges), not a record per cell. A list
// over a column to the end of the sheet (1,048,576 rows, as Proforma's drop-downs
// reach) costs one rectangle. Rectangles never overlap: setting a range replaces
// what its cells had. Cells are also reachable one by one ("row,col"), as tests
// set and inspect them.
// (Types of its own, structurally those of index.ts: index.ts imports this, and no import goes back.)

export interface FakeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface Entry<V> {
  range: FakeRange;
  validation: V;
}

function overlaps(a: FakeRange, b: FakeRange): boolean {
  return !(a.bottom < b.top || a.top > b.bottom || a.right < b.left || a.left > b.right);
}

function intersection(a: FakeRange, b: FakeRange): FakeRange {
  return {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
}

/** The cells of `range` outside `hole`: the bands above and below it, and its sides. */
function minus(range: FakeRange, hole: FakeRange): FakeRange[] {
  if (!overlaps(range, hole)) return [range];
  const top = Math.max(range.top, hole.top);
  const bottom = Math.min(range.bottom, hole.bottom);
  const out: FakeRange[] = [];
  if (range.top < top) out.push({ ...range, bottom: top - 1 });
  if (range.left < hole.left) out.push({ top, bottom, left: range.left, right: hole.left - 1 });
  if (range.right > hole.right) out.push({ top, bottom, left: hole.right + 1, right: range.right });
  if (range.bottom > bottom) out.push({ ...range, top: bottom + 1 });
  return out;
}

const area = (r: FakeRange): number => (r.bottom - r.top + 1) * (r.right - r.left + 1);

const cellRange = (key: string): FakeRange => {
  const [row, col] = key.split(',').map(Number);
  return { top: row, left: col, bottom: row, right: col };
};

export class ValidationStore<V> {
  private entries: Array<Entry<V>> = [];

  /** How many cells hold validation (as a record per cell would count them). */
  get size(): number {
    return this.entries.reduce((n, e) => n + area(e.range), 0);
  }

  /** The validation of each rectangle. */
  *values(): IterableIterator<V> {
    for (const e of this.entries) yield e.validation;
  }

  /** The validation of one cell ("row,col"). */
  get(key: string): V | undefined {
    const cell = cellRange(key);
    return this.entries.find((e) => overlaps(e.range, cell))?.validation;
  }

  set(key: string, validation: V): this {
    this.setRange(cellRange(key), () => validation);
    return this;
  }

  delete(key: string): boolean {
    const had = this.get(key) !== undefined;
    this.clearRange(cellRange(key));
    return had;
  }

  /** The parts of `range` that have validation, each with its own (never overlapping). */
  parts(range: FakeRange): Array<Entry<V>> {
    return this.entries
      .filter((e) => overlaps(e.range, range))
      .map((e) => ({ range: intersection(e.range, range), validation: e.validation }));
  }

  clearRange(range: FakeRange): void {
    this.entries = this.entries.flatMap((e) =>
      minus(e.range, range).map((piece) => ({ range: piece, validation: e.validation })),
    );
  }

  /** Every cell of `range` takes what `make` gives from the validation it had (undefined: none). */
  setRange(range: FakeRange, make: (existing: V | undefined) => V): void {
    const had = this.parts(range);
    let free: FakeRange[] = [range];
    for (const part of had) free = free.flatMap((piece) => minus(piece, part.range));
    this.clearRange(range);
    for (const part of had) this.entries.push({ range: part.range, validation: make(part.validation) });
    for (const piece of free) this.entries.push({ range: piece, validation: make(undefined) });
  }

  /** Only the cells of `range` that have validation change, to what `change` makes of theirs. */
  updateRange(range: FakeRange, change: (existing: V) => V): void {
    const had = this.parts(range);
    this.clearRange(range);
    for (const part of had) this.entries.push({ range: part.range, validation: change(part.validation) });
  }

  /** How many cells of `range` have validation, and the different rules among them. */
  coverage(range: FakeRange): { cells: number; validations: V[] } {
    const parts = this.parts(range);
    const distinct = new Map<string, V>();
    for (const p of parts) distinct.set(JSON.stringify(p.validation), p.validation);
    return { cells: parts.reduce((n, p) => n + area(p.range), 0), validations: [...distinct.values()] };
  }

  /**
   * The cells of `range` with validation as rectangles, as Excel's special cells give them:
   * vertical runs per column, joined across columns with the same runs; top row first.
   */
  areas(range: FakeRange): FakeRange[] {
    const parts = this.parts(range).map((p) => p.range);
    const columns = new Set<number>();
    for (const p of parts) for (let c = p.left; c <= p.right; c++) columns.add(c);
    const out: FakeRange[] = [];
    let open: FakeRange[] = [];
    let previousCol = -2;
    let previousKey = '';
    for (const c of [...columns].sort((a, b) => a - b)) {
      const spans = parts
        .filter((p) => p.left <= c && c <= p.right)
        .map((p): [number, number] => [p.top, p.bottom])
        .sort((a, b) => a[0] - b[0]);
      const runs: Array<[number, number]> = [];
      for (const [top, bottom] of spans) {
        const last = runs[runs.length - 1];
        if (last && last[1] >= top - 1) last[1] = Math.max(last[1], bottom);
        else runs.push([top, bottom]);
      }
      const key = runs.map((run) => run.join('-')).join(',');
      if (c === previousCol + 1 && key === previousKey) for (const a of open) a.right = c;
      else {
        out.push(...open);
        open = runs.map(([top, bottom]) => ({ top, bottom, left: c, right: c }));
      }
      previousCol = c;
      previousKey = key;
    }
    out.push(...open);
    return out.sort((a, b) => a.top - b.top || a.left - b.left);
  }
}
