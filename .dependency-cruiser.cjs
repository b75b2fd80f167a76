// The direction dependencies point in (docs/design.md, "Layout"), checked by test/architecture/dependency-direction.test.ts.
// Every import counts: `import`, `import type`, `export … from` and `import()`.
const PURE = "^src/(workflow|support-matrix|releases|docs-page)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "pure-core-stays-pure",
      comment: "workflow, support-matrix, releases and docs-page are pure: no GitHub I/O, orchestration, wiring or config.",
      severity: "error",
      from: { path: PURE },
      to: { path: "^src/(github|sync|app|config|cli)/" },
    },
    {
      name: "pure-core-has-no-github-client",
      comment: "The pure core talks to no GitHub library and no network.",
      severity: "error",
      from: { path: PURE },
      to: { path: "(^|/)node_modules/(probot|@octokit/[^/]+)/|^(node:)?(http|https|net|child_process)$" },
    },
    {
      name: "github-stays-out-of-sync",
      comment: "github/ makes GitHub calls; sync/ orchestrates them, so github/ never imports sync/.",
      severity: "error",
      from: { path: "^src/github/" },
      to: { path: "^src/sync/" },
    },
    {
      name: "config-stands-alone",
      comment: "config/ reads the docs repository's file; it knows nothing of GitHub, orchestration or the CLI.",
      severity: "error",
      from: { path: "^src/config/" },
      to: { path: "^src/(github|sync|app|cli)/" },
    },
    {
      name: "shell-never-reaches-up-into-app",
      comment: "app/ wires sync/, github/ and config/ together; none of them imports app/.",
      severity: "error",
      from: { path: "^src/(sync|github|config|cli)/" },
      to: { path: "^src/app/" },
    },
    {
      name: "src-never-imports-tests",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench|scripts)/" },
    },
  ],
  options: {
    // Type-only imports count: they tie the folders together as much as a value import does.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
  },
};
