// The configuration used when the docs repository has no `.github/support-matrix-bot.yml`: today's Kairos setup.
import { type Config, deepFreeze, toConfig } from "./config.js";
import { configFileSchema } from "./config-schema.js";

/** Where the bot's configuration lives in the docs repository. */
export const CONFIG_PATH = ".github/support-matrix-bot.yml";

/** Derived from the schema's own defaults, so the two cannot drift apart. */
export const defaultConfig: Config = deepFreeze(toConfig(configFileSchema.parse({})));
