// What sets one build apart from the plain build of its image: its board, its core/standard flavour, its flags.
import { compareNatural } from "./natural-order.js";
import type { JobReading } from "./job-reading.js";
import { type Labels, labelOf } from "./labels.js";

export interface Board {
  /** The board value as written, e.g. `rpi4`. */
  readonly model: string;
  /** Readable name, e.g. `Raspberry Pi 4`; an unlabelled board keeps its value. */
  readonly name: string;
}

export interface Variant {
  readonly board: Board | null;
  /** `core`, `standard`, `standard (k3s)`; null when the workflow says nothing about it. */
  readonly flavour: string | null;
  /** Labels of the flags that are on, in `roles.flag` order, e.g. `Trusted Boot (UKI)`, `FIPS`. */
  readonly flags: readonly string[];
  /** `generic`, or the parts joined by ` + `, e.g. `Raspberry Pi 4 + FIPS`. Unique per distinct variant. */
  readonly label: string;
}

export const GENERIC_LABEL = "generic";
export const CORE = "core";
export const STANDARD = "standard";

// Old kairos-init workflows crossed `variant: [core]` with `kubernetes_provider: [k3s]`: only standard ships Kubernetes.
function flavourOf(job: JobReading, labels: Labels): string | null {
  const kubernetes = job.kubernetes.length > 0 ? ` (${job.kubernetes.join(" ")})` : "";
  if (job.variant !== null) {
    if (job.variant.toLowerCase() === CORE) return CORE;
    if (job.variant.toLowerCase() === STANDARD) return `${STANDARD}${kubernetes}`;
    return `${labelOf(labels, job.variant)}${kubernetes}`;
  }
  if (kubernetes !== "") return `${STANDARD}${kubernetes}`;
  return job.hasFlavourKeys ? CORE : null;
}

/** The parts a label shows; `core` goes without saying on a board, where it is the default. */
export function variantParts(variant: Pick<Variant, "board" | "flavour" | "flags">, hiddenFlags: readonly string[] = []): string[] {
  const flavour = variant.flavour === CORE && variant.board !== null ? null : variant.flavour;
  return [variant.board?.name, flavour, ...variant.flags.filter((f) => !hiddenFlags.includes(f))].filter(
    (part): part is string => part !== null && part !== undefined,
  );
}

export function variantOf(job: JobReading, labels: Labels): Variant {
  const features = {
    board: job.board === null ? null : { model: job.board, name: labelOf(labels, job.board) },
    flavour: flavourOf(job, labels),
    flags: job.flags,
  };
  const parts = variantParts(features);
  return { ...features, label: parts.length === 0 ? GENERIC_LABEL : parts.join(" + ") };
}

export function isGeneric(variant: Variant): boolean {
  return variant.label === GENERIC_LABEL;
}

/** Generic first, then plain feature variants, then board variants; each group in natural label order. */
export function compareVariants(a: Variant, b: Variant): number {
  const group = (v: Variant): number => (isGeneric(v) ? 0 : v.board === null ? 1 : 2);
  return group(a) - group(b) || compareNatural(a.label, b.label);
}
