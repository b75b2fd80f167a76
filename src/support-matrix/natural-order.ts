// Orders strings the way readers count: digit runs by value (10 after 9), text by code point, no locale.

const RUNS = /\d+|\D+/g;

function compareDigitRuns(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, "");
  const y = b.replace(/^0+(?=\d)/, "");
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Ascending natural order; equal-looking strings (`09` vs `9`) still get a stable, total order. */
export function compareNatural(a: string, b: string): number {
  const xs = a.match(RUNS) ?? [];
  const ys = b.match(RUNS) ?? [];
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const x = xs[i] as string;
    const y = ys[i] as string;
    const bothDigits = /^\d/.test(x) && /^\d/.test(y);
    const order = bothDigits ? compareDigitRuns(x, y) : compareCodePoints(x, y);
    if (order !== 0) return order;
  }
  if (xs.length !== ys.length) return xs.length < ys.length ? -1 : 1;
  return compareCodePoints(a, b);
}

/** Natural order ignoring case first, so `openSUSE` sits between `Oracle`-less neighbours as readers expect. */
export function compareNaturalCaseless(a: string, b: string): number {
  return compareNatural(a.toLowerCase(), b.toLowerCase()) || compareNatural(a, b);
}
