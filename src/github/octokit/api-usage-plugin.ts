// Exposes an instance's request accounting as `octokit.apiUsage`, so a reconcile can log what it spent.
import type { Octokit, OctokitOptions } from "@octokit/core";
import type { ApiUsage } from "./api-usage.js";
import { clientStateOf } from "./client-state.js";

export function apiUsagePlugin(_octokit: Octokit, options: OctokitOptions): { apiUsage: ApiUsage } {
  return { apiUsage: clientStateOf(options).usage };
}
