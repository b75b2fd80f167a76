// The fields of each webhook payload the bot reads, checked after the signature and before any handler runs.
import { z } from "zod";

// Shapes follow @octokit/webhooks-types (PushEvent, ReleaseEvent, PullRequestEvent, IssueCommentEvent), cut to
// what src/app/event-triggers.ts and src/app/bot.ts read; loose objects, so every other field passes through.
const repository = z.looseObject({ full_name: z.string() });
const paths = z.array(z.string());

const schemas: Readonly<Record<string, z.ZodType>> = {
  push: z.looseObject({
    ref: z.string(),
    before: z.string(),
    after: z.string(),
    created: z.boolean().optional(),
    deleted: z.boolean().optional(),
    forced: z.boolean().optional(),
    repository: repository.extend({ default_branch: z.string() }),
    commits: z.array(z.looseObject({ id: z.string(), added: paths, removed: paths, modified: paths })),
  }),
  release: z.looseObject({
    action: z.string(),
    repository,
    release: z.looseObject({ tag_name: z.string(), prerelease: z.boolean() }),
  }),
  pull_request: z.looseObject({
    action: z.string(),
    repository,
    pull_request: z.looseObject({
      number: z.number().int(),
      head: z.looseObject({ sha: z.string(), repo: z.looseObject({ full_name: z.string() }).nullable() }),
      base: z.looseObject({ ref: z.string(), sha: z.string() }),
    }),
  }),
  issue_comment: z.looseObject({
    action: z.string(),
    repository,
    issue: z.looseObject({ number: z.number().int() }),
    comment: z.looseObject({ body: z.string(), user: z.looseObject({ login: z.string(), type: z.string() }) }),
  }),
};

/** Events whose payload the bot reads; any other event is only looked at for its repository and installation. */
export const checkedEvents: readonly string[] = Object.keys(schemas);

/** Why `payload` cannot be handled as `event` (the first fields that are missing or of the wrong type), or undefined. */
export function payloadProblem(event: string, payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "the payload is not a JSON object";
  const schema = schemas[event];
  if (!schema) return undefined;
  const result = schema.safeParse(payload);
  if (result.success) return undefined;
  return result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(payload)"}: ${issue.message}`)
    .join("; ");
}
