// Writes docs/config.schema.json from the zod schema: run `npx tsx scripts/config-schema.ts` after changing it.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderConfigJsonSchema } from "../src/config/config-json-schema.js";

const target = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "config.schema.json");
writeFileSync(target, renderConfigJsonSchema());
console.log(`wrote ${target}`);
