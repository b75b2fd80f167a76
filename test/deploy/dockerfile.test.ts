// Checks the Dockerfile and .dockerignore build an image that starts, stays healthy, runs unprivileged and carries no secrets, without needing a Docker engine.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../fixtures.js";
import {
  copyOperands,
  declaredNames,
  environment,
  healthcheckCommand,
  parseDockerfile,
  words,
  workdirAt,
  type Instruction,
  type Stage,
} from "./dockerfile-syntax.js";
import { isExcluded, parseDockerignore } from "./dockerignore.js";

const dockerfile = parseDockerfile(readFileSync(join(projectRoot, "Dockerfile"), "utf8"));
const ignoreRules = parseDockerignore(readFileSync(join(projectRoot, ".dockerignore"), "utf8"));
const runtime = dockerfile.stages.at(-1) as Stage;

/** Paths the running app opens, relative to the package root (= WORKDIR, where Probot reads app.yml). */
const RUNTIME_PATHS = ["dist", "templates", "snapshot", "app.yml", "package.json", "package-lock.json"];
const SECRET_NAME = /PRIVATE_KEY|WEBHOOK_SECRET|TOKEN|SECRET|PASSWORD|CLIENT_SECRET/i;

function all(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

function last(stage: Stage, keyword: string): Instruction | undefined {
  return all(stage, keyword).at(-1);
}

/** The stage a `COPY --from=` names, by alias or index. */
function stageNamed(ref: string): Stage | undefined {
  return dockerfile.stages.find((s) => s.name === ref.toLowerCase() || String(s.index) === ref);
}

/** Each shell command of a RUN, split on `&&` and `;`, as word lists. */
function commands(run: Instruction): string[][] {
  const text = run.exec ? run.exec.join(" ") : run.rest;
  return text.split(/&&|;|\|\|/).map((c) => words(c.trim()));
}

function runsNpm(stage: Stage, subcommand: string[]): { run: Instruction; args: string[] } | undefined {
  for (const run of all(stage, "RUN")) {
    for (const args of commands(run)) {
      if (args[0] === "npm" && subcommand.every((s, i) => args[i + 1] === s)) return { run, args };
    }
  }
  return undefined;
}

function isDirectorySource(source: string, from: string | undefined): boolean {
  // A missing context file is reported by the .dockerignore test; here it counts as a file.
  if (from === undefined) return existsSync(join(projectRoot, source)) && statSync(join(projectRoot, source)).isDirectory();
  // Another stage's files cannot be inspected without building; a name without an extension is a folder.
  return !/\.[A-Za-z0-9]+$/.test(basename(source));
}

/** Where each copied source lands in the image (Docker copies a folder's contents, not the folder). */
function landingPaths(stage: Stage, copy: Instruction): { source: string; from: string | undefined; target: string }[] {
  const { sources, destination } = copyOperands(copy);
  const from = copy.flags.from;
  const dest = posix.resolve(workdirAt(stage, copy), destination);
  const intoFolder = destination.endsWith("/") || sources.length > 1;
  return sources.map((source) => ({
    source,
    from,
    target: isDirectorySource(source, from) || !intoFolder ? dest : posix.join(dest, posix.basename(source)),
  }));
}

function contextFiles(path: string): string[] {
  const full = join(projectRoot, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((entry) => contextFiles(posix.join(path, entry)));
}

describe("the Dockerfile parser these checks rely on", () => {
  it("joins continuation lines, drops comments inside them and names stages", () => {
    const parsed = parseDockerfile(
      ["FROM node:24-bookworm-slim AS Build", "RUN npm ci \\", "  # a comment", "  --ignore-scripts", "FROM scratch"].join("\n"),
    );
    expect(parsed.stages.map((s) => s.name)).toEqual(["build", null]);
    expect(parsed.stages[0]?.instructions[1]?.rest).toBe("npm ci --ignore-scripts");
  });

  it("tells exec form from shell form and reads flags", () => {
    const parsed = parseDockerfile('FROM a\nCOPY --from=build /app/dist ./dist\nCMD ["node", "x.js"]\nCMD node x.js');
    const [, copy, exec, shell] = parsed.stages[0]?.instructions ?? [];
    expect(copy?.flags.from).toBe("build");
    expect(exec?.exec).toEqual(["node", "x.js"]);
    expect(shell?.exec).toBeNull();
  });
});

describe("Dockerfile", () => {
  it("builds in one stage and runs in a separate, later stage", () => {
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.name, "name the final stage so `--target` and the tests can find it").not.toBeNull();
  });

  it("runs on Node 24 LTS (Node 20 is end of life)", () => {
    expect(runtime.base).toMatch(/^(docker\.io\/(library\/)?)?node:24(?:[.-][^@\s]*)?(?:@sha256:[0-9a-f]{64})?$/);
  });

  it("compiles TypeScript in a build stage, without letting `prepare` run tsc before the sources are there", () => {
    const builder = dockerfile.stages.slice(0, -1).find((s) => runsNpm(s, ["run", "build"]));
    expect(builder, "no stage before the runtime runs `npm run build`").toBeDefined();
    const stage = builder as Stage;
    const copied = all(stage, "COPY").flatMap((c) => copyOperands(c).sources.map((s) => s.replace(/^\.\//, "")));
    expect(copied).toEqual(expect.arrayContaining(["src", "tsconfig.json", "tsconfig.build.json"]));
    const install = runsNpm(stage, ["ci"]);
    expect(install, "the build stage must install from the lock file with `npm ci`").toBeDefined();
    const srcCopy = all(stage, "COPY").find((c) => copyOperands(c).sources.some((s) => s.replace(/^\.\//, "") === "src"));
    if (install && srcCopy && install.run.line < srcCopy.line) {
      expect(install.args, "`npm ci` before `COPY src` runs `prepare` (tsc) on no sources").toContain("--ignore-scripts");
    }
  });

  it("installs only production dependencies in the runtime stage, from the lock file, without lifecycle scripts", () => {
    const install = runsNpm(runtime, ["ci"]);
    expect(install, "the runtime stage must run `npm ci --omit=dev --ignore-scripts`").toBeDefined();
    expect(install?.args).toEqual(expect.arrayContaining(["--omit=dev", "--ignore-scripts"]));
    expect(runsNpm(runtime, ["install"]), "`npm install` ignores the lock file").toBeUndefined();
  });

  it("copies every file the app reads at run time into the package root, and dist from the build stage", () => {
    const workdir = workdirAt(runtime, runtime.instructions.at(-1) as Instruction);
    const landed = all(runtime, "COPY").flatMap((c) => landingPaths(runtime, c));
    for (const path of RUNTIME_PATHS) {
      const copy = landed.find((l) => l.target === posix.join(workdir, path));
      expect(copy, `${path} is not copied to ${posix.join(workdir, path)}`).toBeDefined();
      if (path === "dist") {
        const builder = stageNamed(copy?.from ?? "");
        expect(builder, "dist must come from the stage that compiled it").toBeDefined();
        expect(runsNpm(builder as Stage, ["run", "build"])).toBeDefined();
        // tsconfig.build.json's outDir, under the build stage's WORKDIR.
        const outDir = (JSON.parse(readFileSync(join(projectRoot, "tsconfig.build.json"), "utf8")) as {
          compilerOptions: { outDir: string };
        }).compilerOptions.outDir;
        const buildWorkdir = workdirAt(builder as Stage, (builder as Stage).instructions.at(-1) as Instruction);
        expect(copy?.source).toBe(posix.join(buildWorkdir, outDir));
      }
    }
  });

  it("keeps sources, tests and the whole build context out of the runtime image", () => {
    const sources = all(runtime, "COPY")
      .filter((c) => c.flags.from === undefined)
      .flatMap((c) => copyOperands(c).sources.map((s) => posix.normalize(s)));
    for (const unwanted of [".", "src", "test", "node_modules"]) expect(sources).not.toContain(unwanted);
    expect(all(runtime, "ADD"), "ADD can fetch URLs and unpack archives; COPY says what it does").toEqual([]);
  });

  it("starts node on dist/app/main.js in exec form, so node receives SIGTERM itself", () => {
    const cmd = last(runtime, "CMD");
    expect(cmd?.exec, "shell-form CMD makes /bin/sh PID 1, which does not forward SIGTERM").not.toBeNull();
    expect(cmd?.exec?.[0]).toBe("node");
    expect(cmd?.exec).toContain("dist/app/main.js");
    const entrypoint = last(runtime, "ENTRYPOINT");
    if (entrypoint) expect(entrypoint.exec, "a shell-form ENTRYPOINT swallows SIGTERM").not.toBeNull();
    const stop = last(runtime, "STOPSIGNAL");
    if (stop) expect(stop.rest).toBe("SIGTERM");
    // tsc maps src/app/main.ts to dist/app/main.js; without it the container exits with ERR_MODULE_NOT_FOUND.
    expect(existsSync(join(projectRoot, "src/app/main.ts")), "src/app/main.ts (the server entry) does not exist").toBe(true);
  });

  it("runs as a numeric non-root user, which Kubernetes' runAsNonRoot can verify", () => {
    const user = last(runtime, "USER")?.rest.split(":")[0];
    expect(user, "no USER: the app would run as root").toBeDefined();
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).toBeGreaterThan(0);
  });

  it("pins every base image by digest and keeps its tag beside it", () => {
    for (const stage of dockerfile.stages) {
      if (stageNamed(stage.base)) continue; // FROM an earlier stage
      expect(stage.base, `stage ${stage.name ?? stage.index}`).toMatch(/^[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}$/);
    }
  });

  it("has a HEALTHCHECK on /healthz that works without curl or wget (absent from slim images)", () => {
    const check = last(runtime, "HEALTHCHECK");
    expect(check, "no HEALTHCHECK").toBeDefined();
    const command = healthcheckCommand(check as Instruction);
    expect(command, "HEALTHCHECK NONE").not.toBeNull();
    const argv = command?.exec ?? words(command?.shell ?? "");
    expect(argv[0]).toBe("node");
    expect(argv.join(" ")).toContain("/healthz");
  });

  it("listens where it says: EXPOSE, PORT and the health check agree on 3000", () => {
    expect(all(runtime, "EXPOSE").flatMap((e) => words(e.rest))).toContain("3000");
    const port = environment(runtime).get("PORT") ?? "3000";
    expect(port).toBe("3000");
    const check = healthcheckCommand(last(runtime, "HEALTHCHECK") as Instruction);
    expect((check?.exec ?? []).join(" ")).toMatch(/3000|process\.env\.PORT/);
  });

  it("sets production mode and JSON logs", () => {
    const env = environment(runtime);
    expect(env.get("NODE_ENV")).toBe("production");
    expect(env.get("LOG_FORMAT")).toBe("json");
  });

  it("bakes no secret into any layer: no secret-named ENV or ARG, no key or .env file copied", () => {
    const declarations = [...dockerfile.preamble, ...dockerfile.stages.flatMap((s) => s.instructions)].filter(
      (i) => i.keyword === "ENV" || i.keyword === "ARG",
    );
    for (const declaration of declarations) {
      for (const name of declaredNames(declaration)) {
        expect(name, `line ${declaration.line} declares ${name}`).not.toMatch(SECRET_NAME);
      }
    }
    const copied = dockerfile.stages.flatMap((s) => [...all(s, "COPY"), ...all(s, "ADD")]).flatMap((c) => copyOperands(c).sources);
    for (const source of copied) expect(source).not.toMatch(/\.pem$|(^|\/)\.env|(^|\/)\.npmrc$/);
  });

  it("carries OCI labels naming its source, licence and purpose", () => {
    const labels = new Map(
      all(runtime, "LABEL").flatMap((l) => words(l.rest).map((w) => [w.split("=")[0], w.slice(w.indexOf("=") + 1)] as const)),
    );
    const license = (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { license: string }).license;
    expect(labels.get("org.opencontainers.image.licenses")).toBe(license);
    expect(labels.get("org.opencontainers.image.source")).toMatch(/^https:\/\/github\.com\//);
    expect(labels.get("org.opencontainers.image.description")?.length).toBeGreaterThan(10);
  });
});

describe(".dockerignore", () => {
  it("follows Docker's matching rules in the cases it relies on", () => {
    const rules = parseDockerignore("*\n!src/\n**/*.pem");
    expect(isExcluded(rules, "README.md")).toBe(true);
    expect(isExcluded(rules, "src/app/main.ts")).toBe(false);
    expect(isExcluded(rules, "src/app/key.pem")).toBe(true);
  });

  it("keeps dependencies, build output, git history, keys and env files out of the build context", () => {
    for (const path of [
      "node_modules/probot/package.json",
      "dist/app/main.js",
      "coverage/index.html",
      ".git/HEAD",
      ".env",
      ".env.local",
      ".npmrc",
      "private-key.pem",
      "src/app/private-key.pem",
      "templates/.env",
      "test/config/config.test.ts",
    ]) {
      expect(isExcluded(ignoreRules, path), `${path} would be sent to the builder`).toBe(true);
    }
  });

  it("lets through every file the Dockerfile copies from the context, and each of them exists", () => {
    const sources = dockerfile.stages
      .flatMap((s) => all(s, "COPY"))
      .filter((c) => c.flags.from === undefined)
      .flatMap((c) => copyOperands(c).sources.map((s) => posix.normalize(s)));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect(existsSync(join(projectRoot, source)), `COPY ${source}: not in the checkout, docker build fails`).toBe(true);
      for (const file of contextFiles(source)) {
        if (/\.pem$|(^|\/)\.env/.test(file)) continue;
        expect(isExcluded(ignoreRules, file), `${file} is copied but .dockerignore drops it`).toBe(false);
      }
    }
  });
});
