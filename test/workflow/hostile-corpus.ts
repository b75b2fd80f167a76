// The hostile pull-request workflows of issue #12, generated: each once froze the preview for seconds to minutes.
import { workflowWithMatrix } from "./workflow-text.js";

export interface HostileWorkflow {
  readonly name: string;
  readonly text: string;
}

const images = ["opensuse/leap:15.6", "ubuntu:24.04", "alpine:3.21", "fedora:41"];

/** One include entry with 20,000 keys against 4 images (about 200 KB): a linear key search per key made it quadratic. */
export function wideInclude(keys = 20_000): HostileWorkflow {
  const entry = Array.from({ length: keys }, (_, i) => `k${i}: v`).join(", ");
  return { name: "wide-include.yml", text: workflowWithMatrix(`base_image: [${images.join(", ")}]\ninclude:\n  - {${entry}}`) };
}

/** Image names of 40,000 digits (and one non-digit) compared with a number: a backtracking decimal regex took 5 s each. */
export function digitRunExclude(names = 8, digits = 40_000): HostileWorkflow {
  const values = Array.from({ length: names }, (_, i) => `"${"1".repeat(digits)}${"abcdefgh"[i % 8]}"`);
  return { name: "digit-run.yml", text: workflowWithMatrix(`base_image: [${values.join(", ")}]\nexclude:\n  - base_image: 1`) };
}

/** One mapping of about 484 KB (`env` with 24,800 keys): unique-key checking by pairs took 11–13 s to parse. */
export function bigMapping(keys = 24_800): HostileWorkflow {
  const env = Array.from({ length: keys }, (_, i) => `  VARIABLE_${String(i).padStart(5, "0")}: v`).join("\n");
  return { name: "big-mapping.yml", text: `env:\n${env}\n${workflowWithMatrix("base_image: [alpine]")}` };
}

export function hostileCorpus(): HostileWorkflow[] {
  return [wideInclude(), digitRunExclude(), bigMapping()];
}
