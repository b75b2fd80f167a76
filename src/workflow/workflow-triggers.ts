// A workflow's `on:` triggers, located, and the rule for whether any of them fires for a push to the default branch.
//
// GitHub's rules, from "Workflow syntax for GitHub Actions" (on.push.<branches|tags|branches-ignore|tags-ignore>,
// on.push.<paths|paths-ignore>, on.schedule):
// https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#onpushbranchestagsbranches-ignoretags-ignore
// - `on` is an event name, a list of names, or a mapping of names to their filters;
// - `branches` and `branches-ignore` (or `paths` and `paths-ignore`) together make GitHub reject the workflow;
// - "If you define only tags/tags-ignore or only branches/branches-ignore, the workflow won't run for events
//   affecting the undefined Git ref": a push filtered by tags alone never runs for a branch push;
// - with branch and path filters both set, both must be satisfied;
// - scheduled workflows run on the latest commit of the default branch.
import { isMap, isScalar, isSeq, type Node, type Pair } from "yaml";
import type { SourceLocation } from "../located-error.js";
import { compileFilterPattern, filterSelects, FilterPatternError, selectsEveryPath, selectsNoPath, type FilterPattern } from "./filter-pattern.js";
import type { WorkflowDocument } from "./workflow-document.js";

type YamlPair = Pair<Node, Node | null>;

const FILTER_KEYS = ["branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** One filter list as written: its patterns, or null when they are not plain strings (an expression, a mapping). */
export interface FilterList {
  readonly patterns: readonly string[] | null;
  readonly location: SourceLocation;
}

export interface EventTrigger {
  readonly event: string;
  readonly location: SourceLocation;
  readonly filters: Partial<Record<FilterKey, FilterList>>;
}

export interface Triggers {
  /** The `on` key. */
  readonly location: SourceLocation;
  /** Null when `on` has a shape this reader does not know: then nothing is said about it. */
  readonly events: readonly EventTrigger[] | null;
}

function filterList(document: WorkflowDocument, node: Node | null): FilterList {
  const resolved = document.resolve(node);
  const location = document.locate(node);
  const text = (item: Node | null): string | null => {
    const scalar = document.resolve(item);
    return isScalar(scalar) && typeof scalar.value === "string" && !scalar.value.includes("${{") ? scalar.value : null;
  };
  if (isScalar(resolved)) {
    const one = text(resolved);
    return { patterns: one === null ? null : [one], location };
  }
  if (!isSeq(resolved)) return { patterns: null, location };
  const patterns = (resolved.items as Node[]).map(text);
  return { patterns: patterns.every((p): p is string => p !== null) ? patterns : null, location };
}

function eventOf(document: WorkflowDocument, pair: YamlPair): EventTrigger | null {
  const key = document.resolve(pair.key);
  if (!isScalar(key) || typeof key.value !== "string") return null;
  const filters: Partial<Record<FilterKey, FilterList>> = {};
  const body = document.resolve(pair.value);
  if (isMap(body)) {
    for (const name of FILTER_KEYS) {
      const filter = document.pair(body, name);
      if (filter) filters[name] = filterList(document, filter.value);
    }
  }
  return { event: key.value, location: document.locate(pair.key), filters };
}

/** Reads `on`; null when the workflow has none. Never throws: an odd `on` must not hide the jobs, it is just not judged. */
export function readTriggers(document: WorkflowDocument, onPair: YamlPair | undefined): Triggers | null {
  if (!onPair) return null;
  const location = document.locate(onPair.key);
  const on = document.resolve(onPair.value);
  const named = (node: Node | null): EventTrigger | null => {
    const scalar = document.resolve(node);
    return isScalar(scalar) && typeof scalar.value === "string" ? { event: scalar.value, location: document.locate(node), filters: {} } : null;
  };
  let events: (EventTrigger | null)[] | null = null;
  if (isScalar(on)) events = [named(on)];
  else if (isSeq(on)) events = (on.items as Node[]).map(named);
  else if (isMap(on)) events = (on.items as YamlPair[]).map((pair) => eventOf(document, pair));
  const known = events?.every((e): e is EventTrigger => e !== null) ? events : null;
  return { location, events: known };
}

/** Why one trigger does not fire for a push to the default branch, at the filter that stops it. */
export interface TriggerProblem {
  readonly location: SourceLocation;
  readonly detail: string;
}

function shown(list: FilterList): string {
  return `[${(list.patterns ?? []).join(", ")}]`;
}

function compiled(list: FilterList | undefined): FilterPattern[] | null {
  if (!list?.patterns) return null;
  try {
    return list.patterns.map(compileFilterPattern);
  } catch (error) {
    if (error instanceof FilterPatternError) return null;
    throw error;
  }
}

/** "fires", or why not; an unreadable filter or an unknown default branch counts as "fires": nothing is claimed. */
function branchFilterProblem(trigger: EventTrigger, defaultBranch: string | null): TriggerProblem | "fires" {
  const { branches, "branches-ignore": ignore, tags, "tags-ignore": tagsIgnore } = trigger.filters;
  if (branches && ignore) {
    return { location: ignore.location, detail: `GitHub rejects ${trigger.event} with both branches and branches-ignore` };
  }
  const tagFilter = tags ?? tagsIgnore;
  if (!branches && !ignore && tagFilter && trigger.event === "push") {
    return { location: tagFilter.location, detail: `${trigger.event} names only ${tags ? "tags" : "tags-ignore"}, so no branch push starts it` };
  }
  if (defaultBranch === null) return "fires";
  const include = compiled(branches);
  if (branches && include && !filterSelects(include, defaultBranch)) {
    return { location: branches.location, detail: `${trigger.event} branches ${shown(branches)} does not match ${defaultBranch}` };
  }
  const exclude = compiled(ignore);
  if (ignore && exclude && filterSelects(exclude, defaultBranch)) {
    return { location: ignore.location, detail: `${trigger.event} branches-ignore ${shown(ignore)} excludes ${defaultBranch}` };
  }
  return "fires";
}

/** Paths only stop a push when that is certain whatever a commit changes; otherwise nothing is said. */
function pathFilterProblem(trigger: EventTrigger): TriggerProblem | "fires" {
  const { paths, "paths-ignore": ignore } = trigger.filters;
  if (paths && ignore) return { location: ignore.location, detail: `GitHub rejects ${trigger.event} with both paths and paths-ignore` };
  const include = compiled(paths);
  if (paths && include && selectsNoPath(include)) {
    return { location: paths.location, detail: `${trigger.event} paths ${shown(paths)} can match no file` };
  }
  const exclude = compiled(ignore);
  if (ignore && exclude && selectsEveryPath(exclude)) {
    return { location: ignore.location, detail: `${trigger.event} paths-ignore ${shown(ignore)} ignores every file` };
  }
  return "fires";
}

function triggerProblem(trigger: EventTrigger, defaultBranch: string | null): TriggerProblem | "fires" | "other event" {
  switch (trigger.event) {
    case "schedule":
      return "fires";
    case "push": {
      const branch = branchFilterProblem(trigger, defaultBranch);
      return branch === "fires" ? pathFilterProblem(trigger) : branch;
    }
    // It runs after another workflow's run, on the default branch; its `branches` name that run's branch.
    case "workflow_run":
      return branchFilterProblem(trigger, defaultBranch);
    default:
      return "other event";
  }
}

function eventsOnly(events: readonly EventTrigger[]): string {
  const names = [...new Set(events.map((e) => e.event))];
  if (names.length === 0) return "its `on:` names no event, so GitHub never runs it";
  if (names.length === 1 && names[0] === "workflow_call") return "it runs only when another workflow calls it (workflow_call): configure the calling job instead";
  if (names.length === 1 && names[0] === "workflow_dispatch") return "it runs only when someone starts it by hand (workflow_dispatch)";
  if (names.every((n) => n === "workflow_call" || n === "workflow_dispatch")) {
    return "it runs only when called by another workflow or started by hand (workflow_call, workflow_dispatch)";
  }
  return `its triggers (${names.join(", ")}) never fire for a push`;
}

/**
 * Why GitHub never runs the workflow for a push to `defaultBranch` (null: unknown, then only what holds for any
 * branch is judged), or an empty list when some trigger fires or may fire. `schedule` counts as firing. A file
 * without `on:` is no workflow GitHub accepts at all; that is for a workflow validator to say, not judged here.
 */
export function pushTriggerProblems(triggers: Triggers | null, defaultBranch: string | null): TriggerProblem[] {
  const events = triggers?.events;
  if (!triggers || !events) return [];
  const problems: TriggerProblem[] = [];
  for (const trigger of events) {
    const outcome = triggerProblem(trigger, defaultBranch);
    if (outcome === "fires") return [];
    if (outcome !== "other event") problems.push(outcome);
  }
  if (problems.length > 0) return problems;
  return [{ location: triggers.location, detail: eventsOnly(events) }];
}
