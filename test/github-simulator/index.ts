// Public surface of the GitHub simulator used by end-to-end tests, the offline demo and the API-call benchmark.
export { createGitHubSimulator } from "./simulator.js";
export type { GitHubSimulator, SimulatorOptions, SimulatedAppCredentials, WebhookFeed } from "./simulator.js";
export type { CreateRepoOptions, PushOptions, PushResult, RepoInfo, CommitSpec, AuthorSpec, RefOptions } from "./repo-actions.js";
export type { OpenPullRequestOptions, MergeResult, CommentOptions } from "./pull-actions.js";
export type { CreateReleaseOptions, ReleaseResult, ReleaseSelector } from "./release-actions.js";
export type { ReleaseEdit } from "./releases.js";
export type { CallRecord } from "./call-log.js";
export { CallLog } from "./call-log.js";
export type { FaultRule, FaultRuleOptions, Hold, HeldRequest, RandomFaultOptions, RequestMatcher } from "./faults.js";
export { secondaryRateLimitMessage } from "./faults.js";
export type { WaitOptions } from "./change-feed.js";
export type { CommitView, PullView, IssueView, CommentView, StatusView, CheckRunView, ReleaseView, PersonView } from "./inspection.js";
export { deliverWebhook, signatures } from "./webhook-delivery.js";
export type { WebhookDelivery, WebhookResult } from "./webhook-delivery.js";
export { zeroSha } from "./payloads.js";
export { pushCommitLimit } from "./world.js";
export type { EmittedWebhook, Permission, AccessLevel } from "./world.js";
