// What each matrix key or `with:` input means for the table: the image, the platform, a board, a variant, a test suite, or nothing.

import { matchesNamePattern } from "../workflow/name-pattern.js";

/** The part of the table a key feeds. `ignore`: the key says nothing a reader needs (job names, registries). */
export type Role = "image" | "platform" | "board" | "variant" | "kubernetes" | "flag" | "suite" | "ignore";

/** Key names (or `*` globs) per role, matched ignoring case as GitHub matches matrix keys. */
export interface Roles {
  /** The container image the job builds or tests, e.g. `base_image`. */
  readonly image: readonly string[];
  /** `arch`, `platform`: becomes the table's columns. */
  readonly platform: readonly string[];
  /** The board, e.g. `model: rpi4`; `generic` means none. */
  readonly board: readonly string[];
  /** Kairos' core/standard flavour, e.g. `variant: standard`. */
  readonly variant: readonly string[];
  /** The Kubernetes distribution, provider or version a standard image ships, e.g. `kubernetes_distro: k3s`. */
  readonly kubernetes: readonly string[];
  /** Yes/no features shown by their label when true, e.g. `trusted_boot`, `fips`. */
  readonly flag: readonly string[];
  /** The test suite a job runs against the image, e.g. `test: acceptance`. */
  readonly suite: readonly string[];
  /** Keys that say nothing a reader needs. */
  readonly ignore: readonly string[];
}

/** The order keys are looked up in: the first role whose list matches the key wins. */
export const ROLE_ORDER: readonly Role[] = [
  "image",
  "platform",
  "board",
  "variant",
  "kubernetes",
  "flag",
  "suite",
  "ignore",
];

/**
 * Covers kairos-init's test.yml and the kairos monorepo's master.yaml and pr.yaml (their build-iso
 * matrices and the `with:` inputs of _build-iso.yaml, reusable-qemu-test.yaml and _uki-test.yaml)
 * with no configuration at all.
 */
export const DEFAULT_ROLES: Roles = {
  image: ["base_image"],
  platform: ["arch", "platform"],
  board: ["model"],
  variant: ["variant", "flavor"],
  kubernetes: ["kubernetes_distro", "kubernetes_provider", "kubernetes_version"],
  flag: ["trusted_boot", "fips", "secureboot"],
  suite: ["test"],
  ignore: [
    "name",
    "iso",
    "registry_*",
    "release",
    "release-matcher",
    "kairos_init_image",
    "kcrypt_challenger_image",
    "container_image_prefix",
    "single_efi_cmdline",
    "raw",
    "grype",
    "sbom",
    "cleanup",
    "runner",
    "push_images",
    "ref",
  ],
};

/** The role of a key, or null when no role lists it (such a key is reported, never shown as `key=value`). */
export function roleOf(roles: Roles, key: string): Role | null {
  for (const role of ROLE_ORDER) {
    if (roles[role].some((pattern) => matchesNamePattern(pattern, key))) return role;
  }
  return null;
}

/** Whether a key's value is needed to place a job in the table (ignored and unknown keys are not). */
export function isPlacingRole(role: Role | null): role is Exclude<Role, "ignore"> {
  return role !== null && role !== "ignore";
}
