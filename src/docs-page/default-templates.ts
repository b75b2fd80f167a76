// Reads the templates shipped with the package; the only file access in docs-page, kept apart from rendering.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateSource } from "./template-source.js";

export const DEFAULT_TEMPLATE_FILES = {
  testedMatrix: "tested-matrix.md.hbs",
  releaseChangelog: "release-changelog.md.hbs",
  pullRequestBody: "pull-request-body.md.hbs",
} as const;

export type DefaultTemplateName = keyof typeof DEFAULT_TEMPLATE_FILES;

// src/docs-page/*.ts (tsx, vitest) and dist/docs-page/*.js (built) both sit two levels below the package root.
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function defaultTemplatePath(name: DefaultTemplateName): string {
  return join(packageRoot, "templates", DEFAULT_TEMPLATE_FILES[name]);
}

export async function loadDefaultTemplate(name: DefaultTemplateName): Promise<TemplateSource> {
  const file = `templates/${DEFAULT_TEMPLATE_FILES[name]}`;
  return { file, text: await readFile(defaultTemplatePath(name), "utf8") };
}
