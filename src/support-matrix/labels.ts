// Pure data: what readers see for a value the workflows write (a board, an image repository, a flag key), and how to look it up.

/** Value (or, for a yes/no flag, the key) → words for readers. Matched exactly, then ignoring case. */
export type Labels = Readonly<Record<string, string>>;

/** `model` values meaning "no particular board". */
export const GENERIC_MODELS: readonly string[] = ["generic", ""];

/** Boards of kairos-init and the kairos monorepo, Hadron's Trusted Boot image, and the flags Kairos CI sets. */
export const DEFAULT_LABELS: Labels = {
  rpi3: "Raspberry Pi 3",
  rpi4: "Raspberry Pi 4",
  rpi5: "Raspberry Pi 5",
  "nvidia-jetson-agx-orin": "NVIDIA Jetson AGX Orin",
  "nvidia-jetson-orin-nx": "NVIDIA Jetson Orin NX",
  "nvidia-jetson-orin-nano": "NVIDIA Jetson Orin Nano",
  "ghcr.io/kairos-io/hadron-trusted": "Hadron (Trusted Boot)",
  trusted_boot: "Trusted Boot (UKI)",
  fips: "FIPS",
  secureboot: "Secure Boot",
};

/** The label for a value, or null when none is configured. */
export function findLabel(labels: Labels, value: string): string | null {
  if (Object.hasOwn(labels, value)) return labels[value] ?? null;
  const folded = value.toLowerCase();
  const key = Object.keys(labels).find((k) => k.toLowerCase() === folded);
  return key === undefined ? null : (labels[key] ?? null);
}

/** The label, or the value itself: an unlabelled value is shown as written, never dropped. */
export function labelOf(labels: Labels, value: string): string {
  return findLabel(labels, value) ?? value;
}
