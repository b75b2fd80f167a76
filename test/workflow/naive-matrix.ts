// A deliberately naive matrix expander, written straight from GitHub's documented rules, to check the real one against.
//
// It materialises the whole product, works include entry by include entry (the docs' wording) instead of
// combination by combination (the real expander's order), and shares no code with src/workflow.
// Comparisons follow the docs' expression rules: loose equality, numbers from strings, strings ignoring case.
// The one undocumented detail, key order of a job created by an include entry, follows GitHub's
// MatrixBuilder.GetUnmatchedVectors: dimension keys first, then the others, each in entry order.

export type Plain = string | number | boolean | null | Plain[] | { [key: string]: Plain };
export type Row = Record<string, Plain>;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function asNumber(v: Plain): number {
  if (v === null) return 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return 0;
    return NUMBER.test(t) ? Number(t) : NaN;
  }
  return NaN;
}

export function looseEquals(a: Plain, b: Plain): boolean {
  const aObject = typeof a === "object" && a !== null;
  const bObject = typeof b === "object" && b !== null;
  if (aObject || bObject) return a === b;
  if (typeof a === "string" && typeof b === "string") return a.toLowerCase() === b.toLowerCase();
  if (a === null && b === null) return true;
  if (typeof a === typeof b && a !== null && b !== null) return a === b;
  return asNumber(a) === asNumber(b);
}

function findKey(row: Row, key: string): string | undefined {
  return Object.keys(row).find((k) => k.toLowerCase() === key.toLowerCase());
}

export function naiveExpand(matrix: Record<string, Plain>): Row[] {
  const include = (matrix.include ?? []) as Row[];
  const exclude = (matrix.exclude ?? []) as Row[];
  const dims = Object.entries(matrix).filter(([k]) => k !== "include" && k !== "exclude") as [string, Plain[]][];

  // Cross product: first key slowest.
  let product: Row[] = dims.length === 0 ? [] : [{}];
  for (const [key, values] of dims) {
    product = product.flatMap((row) => values.map((v) => ({ ...row, [key]: v })));
  }

  // Exclude: any partial match removes the combination.
  const originals = product.filter(
    (row) => !exclude.some((ex) => Object.entries(ex).every(([k, v]) => looseEquals(v, row[findKey(row, k) ?? k] ?? null))),
  );

  // Include, entry by entry: added where no original value would be overwritten.
  const isDim = (k: string) => dims.some(([d]) => d.toLowerCase() === k.toLowerCase());
  const rows = originals.map((row) => ({ ...row }));
  const created: Row[] = [];
  for (const entry of include) {
    let added = false;
    originals.forEach((original, i) => {
      const conflicts = Object.entries(entry).some(([k, v]) => isDim(k) && !looseEquals(v, original[findKey(original, k) as string] ?? null));
      if (conflicts) return;
      added = true;
      const row = rows[i] as Row;
      for (const [k, v] of Object.entries(entry)) {
        if (isDim(k)) continue;
        row[findKey(row, k) ?? k] = v;
      }
    });
    if (!added) {
      const entries = Object.entries(entry);
      created.push(Object.fromEntries([...entries.filter(([k]) => isDim(k)), ...entries.filter(([k]) => !isDim(k))]));
    }
  }
  return [...rows, ...created];
}
