// Names a job's platform the way the docs show it and orders platforms: amd64, arm64, riscv64, then the rest.
import { compareNatural } from "./natural-order.js";

const LEADING_PLATFORMS = ["amd64", "arm64", "riscv64"];

/** Early workflows wrote `linux/amd64`; the docs only ever mean Linux, so the OS prefix is dropped. */
export function normalizePlatform(platform: string): string {
  return platform.startsWith("linux/") ? platform.slice("linux/".length) : platform;
}

export function comparePlatforms(a: string, b: string): number {
  const rank = (p: string): number => {
    const index = LEADING_PLATFORMS.indexOf(p);
    return index < 0 ? LEADING_PLATFORMS.length : index;
  };
  return rank(a) - rank(b) || compareNatural(a, b);
}
