// The JSON Schema of the config file (for editors and docs/config.schema.json), derived from the zod schema.
import { z } from "zod";
import { configFileSchema } from "./config-schema.js";
import type { KeyPathSegment } from "./yaml-location.js";

interface JsonSchemaNode {
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchemaNode>>;
  readonly items?: JsonSchemaNode;
}

let cached: Record<string, unknown> | null = null;

/**
 * Where docs/config.schema.json is published, and its `$id`: the raw file on the main branch. Main, not a
 * release tag: no release is tagged yet (a tag URL would not resolve), the main branch is what
 * kairos-io's bot runs, and an `$id` is an identity that must not change with every release. Someone who
 * pins a release can point the editor at that tag's copy of the same file.
 */
export const CONFIG_SCHEMA_URL = "https://raw.githubusercontent.com/kairos-io/support-matrix-bot/main/docs/config.schema.json";

/** The schema of what maintainers write: keys with defaults are optional, as in the file. */
export function configJsonSchema(): Record<string, unknown> {
  if (cached === null) {
    const { $schema, ...rest } = z.toJSONSchema(configFileSchema, { io: "input", target: "draft-2020-12" });
    cached = { $schema, $id: CONFIG_SCHEMA_URL, ...rest };
  }
  return cached;
}

/** The exact text of docs/config.schema.json. */
export function renderConfigJsonSchema(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

function childAt(node: JsonSchemaNode | undefined, segment: KeyPathSegment): JsonSchemaNode | undefined {
  if (node === undefined) return undefined;
  return typeof segment === "number" ? node.items : node.properties?.[segment];
}

/** The keys allowed in the mapping at `path` (list indices step into the list's items). */
export function knownKeysAt(path: readonly KeyPathSegment[]): string[] {
  let node: JsonSchemaNode | undefined = configJsonSchema();
  for (const segment of path) node = childAt(node, segment);
  return Object.keys(node?.properties ?? {});
}

/** Every key as the reference writes it: `pull_request.labels`, `sources[].image_key`. */
export function schemaKeyPaths(): string[] {
  const paths: string[] = [];
  const visit = (node: JsonSchemaNode, prefix: string): void => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      paths.push(path);
      visit(child, path);
      if (child.items) visit(child.items, `${path}[]`);
    }
  };
  visit(configJsonSchema() as JsonSchemaNode, "");
  return paths;
}
