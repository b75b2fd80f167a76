// The configuration of the bot: schema, defaults, validation with located errors, and their report.
export type {
  Config,
  CoverageLossConclusion,
  MatrixSource,
  PreviewSettings,
  PullRequestSettings,
  ReleasePullRequestMode,
  ReleaseSettings,
  ResultSettings,
  SourceFields,
  TemplatePaths,
} from "./config.js";
export { toSource } from "./config.js";
export { ConfigError, formatKeyPath } from "./config-error.js";
export { CONFIGURATION_REFERENCE_URL, renderConfigErrorReport, type ConfigErrorReportOptions } from "./config-error-report.js";
export { CONFIG_SCHEMA_URL, configJsonSchema, renderConfigJsonSchema } from "./config-json-schema.js";
export { configLoadError, type ConfigRepository } from "./config-load-error.js";
export { CONFIG_PATH, defaultConfig } from "./default-config.js";
export { locateConfigKey, parseConfig, parseConfigText, type ConfigContext, type ConfigOrigin, type ConfigResult } from "./parse-config.js";
