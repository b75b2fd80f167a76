// What sets one job apart from the plain build of its image: board, Trusted Boot, FIPS, Kubernetes, unknown keys.
import type { Combination, MatrixValue } from "../workflow/matrix-types.js";
import { BOARD_NAMES, GENERIC_MODELS } from "./board-table.js";
import { compareNatural } from "./natural-order.js";

export interface Board {
  /** The `model` value as written, e.g. `rpi4`. */
  readonly model: string;
  /** Readable name, e.g. `Raspberry Pi 4`; unknown boards keep their model string. */
  readonly name: string;
}

export interface Kubernetes {
  /** `k3s`, `k0s`…; `null` when a `standard` job names no provider. */
  readonly provider: string | null;
  readonly version: string | null;
}

export interface Variant {
  readonly board: Board | null;
  readonly trustedBoot: boolean;
  readonly fips: boolean;
  readonly kubernetes: Kubernetes | null;
  /** Matrix keys the model does not understand, as `key=value`, sorted by key: shown, never dropped. */
  readonly extras: readonly string[];
  /** `generic`, or the features joined by ` + `, e.g. `Raspberry Pi 4 + FIPS`. Unique per distinct variant. */
  readonly label: string;
}

/** The matrix keys that name the image and the platform; everything else is a variant feature or an extra. */
export interface MatrixKeys {
  readonly imageKey: string;
  readonly platformKey: string;
}

export const GENERIC_LABEL = "generic";
const TRUSTED_BOOT_LABEL = "Trusted Boot (UKI)";
const FIPS_LABEL = "FIPS";

const FEATURE_KEYS = ["model", "trusted_boot", "fips", "kubernetes_provider", "kubernetes_version", "variant"];

export function matrixValueText(value: MatrixValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

type Flag = boolean | "unrecognized";

// Workflows write both `fips: true` and `trusted_boot: "true"`; anything else is shown rather than guessed.
function flagOf(value: MatrixValue | undefined): Flag {
  if (value === undefined || value === null || value === false || value === "false" || value === "") return false;
  if (value === true || value === "true") return true;
  return "unrecognized";
}

function textOf(value: MatrixValue | undefined): string | null {
  if (value === undefined || value === null || value === "") return null;
  return matrixValueText(value);
}

function boardOf(job: Combination): Board | null {
  const model = textOf(job.model);
  if (model === null || GENERIC_MODELS.includes(model)) return null;
  return { model, name: BOARD_NAMES[model] ?? model };
}

interface KubernetesReading {
  readonly kubernetes: Kubernetes | null;
  /** Keys that could not be read as Kubernetes and must show up as extras. */
  readonly leftover: readonly string[];
}

// Old workflows crossed `variant: [core]` with `kubernetes_provider: [k3s]`: only `standard` jobs ship Kubernetes.
function kubernetesOf(job: Combination): KubernetesReading {
  const provider = textOf(job.kubernetes_provider);
  const version = textOf(job.kubernetes_version);
  if ("variant" in job) {
    const variant = textOf(job.variant);
    if (variant === "standard") return { kubernetes: { provider, version }, leftover: [] };
    if (variant === "core") return { kubernetes: null, leftover: [] };
    return { kubernetes: null, leftover: ["variant", "kubernetes_provider", "kubernetes_version"] };
  }
  if (provider !== null) return { kubernetes: { provider, version }, leftover: [] };
  return { kubernetes: null, leftover: ["kubernetes_version"] };
}

function kubernetesLabel(kubernetes: Kubernetes): string {
  const detail = [kubernetes.provider, kubernetes.version].filter((part): part is string => part !== null);
  return detail.length === 0 ? "Kubernetes" : `Kubernetes (${detail.join(" ")})`;
}

// An unknown key is always shown, even empty; a known key only when its value could not be read.
function extrasOf(
  job: Combination,
  keys: MatrixKeys,
  leftover: readonly string[],
  flags: Readonly<Record<string, Flag>>,
): string[] {
  const shown = (key: string): boolean => {
    if (key === keys.imageKey || key === keys.platformKey) return false;
    if (!FEATURE_KEYS.includes(key)) return true;
    if (flags[key] === "unrecognized") return true;
    return leftover.includes(key) && textOf(job[key]) !== null;
  };
  return Object.keys(job)
    .filter(shown)
    .sort(compareNatural)
    .map((key) => `${key}=${matrixValueText(job[key] as MatrixValue)}`);
}

function labelOf(variant: Omit<Variant, "label">): string {
  const parts = [
    variant.board?.name,
    variant.trustedBoot ? TRUSTED_BOOT_LABEL : undefined,
    variant.fips ? FIPS_LABEL : undefined,
    variant.kubernetes ? kubernetesLabel(variant.kubernetes) : undefined,
    ...variant.extras,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? GENERIC_LABEL : parts.join(" + ");
}

export function variantOf(job: Combination, keys: MatrixKeys): Variant {
  const flags = { trusted_boot: flagOf(job.trusted_boot), fips: flagOf(job.fips) };
  const { kubernetes, leftover } = kubernetesOf(job);
  const features = {
    board: boardOf(job),
    trustedBoot: flags.trusted_boot === true,
    fips: flags.fips === true,
    kubernetes,
    extras: extrasOf(job, keys, leftover, flags),
  };
  return { ...features, label: labelOf(features) };
}

function isGeneric(variant: Variant): boolean {
  return variant.label === GENERIC_LABEL;
}

/** Generic first, then plain feature variants, then board variants; each group in natural label order. */
export function compareVariants(a: Variant, b: Variant): number {
  const group = (v: Variant): number => (isGeneric(v) ? 0 : v.board === null ? 1 : 2);
  return group(a) - group(b) || compareNatural(a.label, b.label);
}
