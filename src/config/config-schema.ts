// The zod schema of `.github/support-matrix-bot.yml` as written (snake_case), with its defaults and wording.
import { z } from "zod";
import { REPOSITORY_PATTERN } from "../repository-name.js";
import {
  branchNameProblem,
  jobIdProblem,
  jobNamePatternProblem,
  loginProblem,
  repositoryPathProblem,
  teamSlugProblem,
  workflowPathProblem,
} from "./config-values.js";
import { describeValue, quoteValue } from "./config-value-description.js";
import { DEFAULT_ROLES } from "../support-matrix/roles.js";

/** Messages say what was expected and what was found, in YAML words rather than JSON ones. */
function expecting(noun: string): z.core.$ZodErrorMap {
  return (issue) => {
    if (issue.code !== "invalid_type") return undefined;
    if (issue.input === undefined) return "required key is missing";
    const hint =
      noun === "a string" && (typeof issue.input === "number" || typeof issue.input === "boolean")
        ? ` (put it in quotes: "${String(issue.input)}")`
        : "";
    return `expected ${noun}, got ${describeValue(issue.input)}${hint}`;
  };
}

type Rule = (value: string) => string | null;

/** A string checked by one of the rules in config-values.ts, reported as `"value" is not a valid <what>: why`. */
function ruled(what: string, rule: Rule) {
  return z.string({ error: expecting("a string") }).superRefine((value, ctx) => {
    const problem = rule(value);
    if (problem !== null) {
      ctx.addIssue({ code: "custom", message: `${quoteValue(value)} is not a valid ${what}: ${problem}` });
    }
  });
}

function text() {
  return z.string({ error: expecting("a string") }).min(1, { error: "must not be empty" });
}

/** YAML 1.2 reads `yes`, `on` and `True`-like words as text, so show the word that was written. */
function flag() {
  return z.boolean({
    error: (issue) =>
      issue.input === undefined ? "required key is missing" : `expected true or false, got ${quoteValue(issue.input)}`,
  });
}

function choice<const T extends readonly [string, ...string[]]>(values: T) {
  const wanted = values.map((v) => `"${v}"`).join(" or ");
  return z.enum(values, {
    error: (issue) =>
      issue.input === undefined ? "required key is missing" : `expected ${wanted}, got ${quoteValue(issue.input)}`,
  });
}

function repository() {
  return z
    .string({ error: expecting('a repository "owner/name"') })
    .regex(new RegExp(REPOSITORY_PATTERN), {
      error: (issue) => `expected a repository "owner/name", got ${quoteValue(issue.input)}`,
    });
}

function listOf<T extends z.ZodType>(item: T, noun: string) {
  return z.array(item, { error: expecting(noun) });
}

function mapping<T extends z.core.$ZodLooseShape>(shape: T) {
  return z.strictObject(shape, { error: expecting("a mapping (key: value lines)") });
}

export const DEFAULT_WORKFLOW = ".github/workflows/test.yml";

/** A job id, or a pattern with `*` (e.g. `qemu-tests-*`): the `*` stands for any characters. */
function jobPattern() {
  return ruled("job id or pattern", (value) => jobIdProblem(value.replace(/\*/g, "x")));
}

const matrixSourceSchema = mapping({
  repository: repository().describe("The repository whose CI is the source of truth, `owner/name`."),
  workflow: ruled("workflow path", workflowPathProblem)
    .default(DEFAULT_WORKFLOW)
    .describe("Path of the workflow file in that repository, from its root, e.g. `.github/workflows/master.yaml`."),
  jobs: listOf(jobPattern(), "a list of job ids")
    .min(1, { error: "needs at least one job id" })
    .optional()
    .describe(
      "The jobs whose runs the table shows: ids or patterns with `*` (e.g. `qemu-tests-*`). A job may have a " +
        "`strategy.matrix`, call a reusable workflow with `with:` inputs, or both. Default: the one job whose matrix has an image key.",
    ),
  job_names: z
    .record(ruled("job id", jobIdProblem), ruled("job name pattern", jobNamePatternProblem), {
      error: expecting("a mapping (job id: name pattern lines)"),
    })
    .optional()
    .describe(
      "For a job whose matrix only a running workflow knows (`matrix: ${{ fromJson(needs.matrix.outputs.matrix) }}`): " +
        "the name GitHub shows for its jobs, with `{key}` where a value stands, e.g. `build ({arch}, {variant})`. " +
        "Its cells then come from the job names of the newest run, each `{key}` read by `roles`. " +
        "Without it, such a job is reported as not statically known.",
    ),
  job: ruled("job id", jobIdProblem)
    .optional()
    .describe("Older form of `jobs` with a single job id; kept so existing files work unchanged."),
  image_key: text()
    .optional()
    .describe("Older form of `roles.image` for this source only: the key that holds the container image."),
  platform_key: text()
    .optional()
    .describe("Older form of `roles.platform` for this source only: the key that holds the platform."),
});

function keyList(defaults: readonly string[], what: string) {
  return listOf(text(), "a list of keys")
    .default([...defaults])
    .describe(`${what} Matrix keys or \`with:\` inputs; \`*\` matches any characters; case is ignored.`);
}

const rolesSchema = mapping({
  image: keyList(DEFAULT_ROLES.image, "Keys holding the container image (one table row per image)."),
  platform: keyList(DEFAULT_ROLES.platform, "Keys holding the platform (one table column per platform)."),
  board: keyList(DEFAULT_ROLES.board, "Keys holding the board, e.g. `model: rpi4` (`generic` means none)."),
  variant: keyList(DEFAULT_ROLES.variant, "Keys holding Kairos' core or standard flavour."),
  kubernetes: keyList(DEFAULT_ROLES.kubernetes, "Keys holding the Kubernetes distribution, provider or version of a standard image."),
  flag: keyList(DEFAULT_ROLES.flag, "Yes/no keys shown by their label when true, e.g. `trusted_boot`."),
  suite: keyList(DEFAULT_ROLES.suite, "Keys holding the test suite a job runs against an image."),
  ignore: keyList(DEFAULT_ROLES.ignore, "Keys that say nothing readers need (job names, registries)."),
})
  .prefault({})
  .describe(
    "What each matrix key or `with:` input means. A key in no list is never shown in the table; `lint` and the pull request body name it.",
  );

const componentSchema = mapping({
  repository: repository().describe("The component's repository, `owner/name`; its latest release is shown."),
  name: text()
    .optional()
    .describe("What readers see in the changelog table. Default: the repository name, e.g. `kairos-init`."),
});

function pullRequestSchema(defaults: { branch: string; title: string }) {
  return mapping({
    branch: ruled("branch name", branchNameProblem)
      .default(defaults.branch)
      .describe(
        "The bot's branch in the docs repository; only the bot should push to it. Never the default branch, a protected branch, or an existing branch the bot did not make.",
      ),
    title: text().default(defaults.title).describe("The pull request title."),
    labels: listOf(text(), "a list of strings").default([]).describe("Labels added to the pull request."),
    assignees: listOf(ruled("GitHub login", loginProblem), "a list of strings")
      .default([])
      .describe("GitHub logins assigned to the pull request."),
    reviewers: listOf(ruled("GitHub login", loginProblem), "a list of strings")
      .default([])
      .describe("GitHub logins asked for review."),
    team_reviewers: listOf(ruled("team slug", teamSlugProblem), "a list of strings")
      .default([])
      .describe("Team slugs (without the organization) asked for review."),
    draft: flag().default(false).describe("Open the pull request as a draft."),
    signoff: flag().default(true).describe("Add a `Signed-off-by` trailer to the bot's commits (DCO)."),
  }).prefault({});
}

/**
 * What Kairos CI runs today: since kairos-init was archived (2026-08-19) and merged into kairos-io/kairos,
 * master.yaml builds the images (`build-iso`, `build-iso-arm`) and the `qemu-tests-*` jobs test them.
 */
export const DEFAULT_SOURCE = {
  repository: "kairos-io/kairos",
  workflow: ".github/workflows/master.yaml",
  jobs: ["build-iso", "build-iso-arm", "qemu-tests-*"],
} as const;

export const DEFAULT_COMPONENTS = [
  { repository: "kairos-io/kairos", name: "Kairos core and standard (k3s and k0s support)" },
  { repository: "kairos-io/provider-kairos", name: "Kairos' provider" },
  { repository: "kairos-io/immucore", name: "Immucore" },
  { repository: "kairos-io/AuroraBoot", name: "AuroraBoot" },
  { repository: "kairos-io/osbuilder", name: "OSBuilder" },
] as const;

/** Each reconcile reads this many runs' jobs at most: the no-flapping window must stay cheap. */
export const MAX_FAILING_AFTER = 10;

export const DEFAULT_MATRIX_BRANCH = "support-matrix-bot/tested-matrix";
export const DEFAULT_RELEASE_BRANCH = "support-matrix-bot/release-changelog";

/** The whole file. Every key is optional: an empty or missing file means the Kairos defaults. */
export const configFileSchema = mapping({
  _extends: z
    .string({ error: expecting("a string") })
    .optional()
    .describe("Read by Probot before the bot sees the file: `repo`, `owner/repo` or `owner/repo:path.yml` to inherit."),
  sources: listOf(matrixSourceSchema, "a list of sources")
    .min(1, { error: "needs at least one source" })
    .prefault([{ ...DEFAULT_SOURCE, jobs: [...DEFAULT_SOURCE.jobs] }])
    .describe(
      "The jobs whose runs say what is tested. Default: kairos-io/kairos `.github/workflows/master.yaml`, jobs `build-iso`, `build-iso-arm` and `qemu-tests-*`.",
    ),
  roles: rolesSchema,
  labels: z
    .record(text(), text(), { error: expecting("a mapping (value: label lines)") })
    .default({})
    .describe(
      "What readers see for a value: a board (`rpi3: Raspberry Pi 3`), an image repository " +
        "(`ghcr.io/kairos-io/hadron-trusted: Hadron (Trusted Boot)`), or a flag key (`fips: FIPS`). Added to the built-in labels.",
    ),
  page: ruled("path", repositoryPathProblem)
    .default("docs/reference/image_matrix.md")
    .describe("The page in the docs repository that the bot keeps true."),
  templates: mapping({
    tested_matrix: ruled("path", repositoryPathProblem)
      .optional()
      .describe("Handlebars template in the docs repository for the tested-matrix block."),
    release_changelog: ruled("path", repositoryPathProblem)
      .optional()
      .describe("Handlebars template in the docs repository for the release changelog block."),
    pull_request_body: ruled("path", repositoryPathProblem)
      .optional()
      .describe("Handlebars template in the docs repository for the pull request body."),
  })
    .prefault({})
    .describe("Template overrides; a missing key means the bot's built-in template."),
  components: listOf(componentSchema, "a list of components")
    .min(1, { error: "needs at least one component" })
    .prefault(DEFAULT_COMPONENTS.map((c) => ({ ...c })))
    .describe("The rows of the release changelog table, in order."),
  releases: mapping({
    include_prereleases: flag().default(false).describe("Also consider pre-releases (rc, beta, alpha)."),
    pull_request: choice(["separate", "shared"])
      .default("separate")
      .describe("`separate`: release updates get their own branch and pull request; `shared`: they ride in the matrix one."),
  })
    .prefault({})
    .describe("How component releases are picked and proposed."),
  pull_request: pullRequestSchema({
    branch: DEFAULT_MATRIX_BRANCH,
    title: "docs: update the image support matrix from Kairos CI",
  }).describe("The pull request for tested-matrix changes (and release changes when `releases.pull_request` is `shared`)."),
  release_pull_request: pullRequestSchema({
    branch: DEFAULT_RELEASE_BRANCH,
    title: "docs: update the release changelog to the latest Kairos releases",
  }).describe("The pull request for release changelog changes when `releases.pull_request` is `separate`."),
  results: mapping({
    failing_after: z
      .number({ error: expecting("a whole number") })
      .int({ error: "must be a whole number" })
      .min(1, { error: "must be at least 1" })
      .max(MAX_FAILING_AFTER, { error: `must be at most ${MAX_FAILING_AFTER}` })
      .default(2)
      .describe("A cell shows failing only after its jobs failed in this many consecutive completed runs."),
  })
    .prefault({})
    .describe("How CI results of the default branch show in the cells."),
  preview: mapping({
    enabled: flag().default(true).describe("Post a check run on source pull requests that previews the page change."),
    conclusion_on_coverage_loss: choice(["neutral", "failure"])
      .default("neutral")
      .describe("The check conclusion when a pull request stops testing an image the page lists."),
  })
    .prefault({})
    .describe("The preview check run on pull requests of the sources."),
}).meta({
  title: "support-matrix-bot configuration",
  description: "The file .github/support-matrix-bot.yml in the docs repository. Every key is optional.",
});

export type ConfigFile = z.output<typeof configFileSchema>;
