// The shapes a strategy.matrix takes once read: values keep their YAML scalar types.

/** A matrix value as YAML gave it: `fips: true` stays a boolean, `go-version: 1.24` a number. */
export type MatrixValue =
  | string
  | number
  | boolean
  | null
  | readonly MatrixValue[]
  | { readonly [key: string]: MatrixValue };

/** One job's matrix context, keys in the order GitHub would show them. */
export type Combination = Readonly<Record<string, MatrixValue>>;
