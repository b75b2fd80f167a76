// Reads one job run's values by role: which image, platform, board, flavour, flags and suite it is about.
import type { Combination, MatrixValue } from "../workflow/matrix-types.js";
import { type Labels, labelOf } from "./labels.js";
import { normalizePlatform } from "./platform-order.js";
import { roleOf, type Roles } from "./roles.js";
import { matchesNamePattern } from "../workflow/name-pattern.js";

export interface JobReading {
  /** The image reference as written, or null when the run names none. */
  readonly image: string | null;
  /** `amd64`, `arm64`… (`linux/` dropped), or null. */
  readonly platform: string | null;
  /** The board value as written (`rpi4`), or null for none or `generic`. */
  readonly board: string | null;
  /** The core/standard value as written, or null. */
  readonly variant: string | null;
  /** Non-empty Kubernetes values (distribution, provider, version) in key order. */
  readonly kubernetes: readonly string[];
  /** Whether any variant or Kubernetes key is present, even empty: then no Kubernetes means `core`. */
  readonly hasFlavourKeys: boolean;
  /** Labels of the flags that are on (and `label value` for a flag with a value that is not yes/no), in `roles.flag` order. */
  readonly flags: readonly string[];
  /** The test suite, or null when the run builds rather than tests. */
  readonly suite: string | null;
  /** Keys no role names: never shown, reported instead. */
  readonly unassigned: readonly string[];
}

export function matrixValueText(value: MatrixValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function textOf(value: MatrixValue | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  return matrixValueText(value);
}

// Workflows write both `fips: true` and `trusted_boot: "true"`; a value that is neither yes nor no is shown with it.
function flagText(key: string, value: MatrixValue | undefined, labels: Labels): string | null {
  if (value === undefined || value === null || value === false || value === "" || value === "false") return null;
  const label = labelOf(labels, key);
  return value === true || value === "true" ? label : `${label} ${matrixValueText(value)}`;
}

export function readJob(values: Combination, roles: Roles, labels: Labels): JobReading {
  let image: string | null = null;
  let platform: string | null = null;
  let board: string | null = null;
  let variant: string | null = null;
  let suite: string | null = null;
  let hasFlavourKeys = false;
  const kubernetes: string[] = [];
  const flags: { text: string; rank: number }[] = [];
  const unassigned: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const role = roleOf(roles, key);
    const text = textOf(value);
    switch (role) {
      case "image":
        image ??= text;
        break;
      case "platform":
        platform ??= text === null ? null : normalizePlatform(text);
        break;
      case "board":
        board ??= text === null || text.toLowerCase() === "generic" ? null : text;
        break;
      case "variant":
        hasFlavourKeys = true;
        variant ??= text;
        break;
      case "kubernetes":
        hasFlavourKeys = true;
        if (text !== null) kubernetes.push(text);
        break;
      case "flag": {
        const flag = flagText(key, value, labels);
        if (flag !== null) flags.push({ text: flag, rank: roles.flag.findIndex((pattern) => matchesNamePattern(pattern, key)) });
        break;
      }
      case "suite":
        suite ??= text;
        break;
      case "ignore":
        break;
      default:
        unassigned.push(key);
    }
  }
  return { image, platform, board, variant, kubernetes, hasFlavourKeys, flags: flags.sort((a, b) => a.rank - b.rank).map((f) => f.text), suite, unassigned };
}
