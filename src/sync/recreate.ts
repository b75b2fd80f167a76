// The `/support-matrix-bot recreate` command: a maintainer hands a stopped pull request back to the bot.
import { deleteBranch } from "../github/bot-branch.js";
import type { GitHubClient } from "../github/github-client.js";
import { canWrite, closePullRequest, commentOnPullRequest, readPullRequestHead } from "../github/pull-request.js";
import { fullNameOf, sameRepository, type RepositoryRef } from "../github/repository.js";

export const RECREATE_COMMAND = /^\s*\/support-matrix-bot\s+recreate\b/i;

export type RecreateOutcome = "recreated" | "not-a-bot-pull-request" | "not-allowed";

/**
 * Closes the pull request and deletes its branch; the caller then reconciles, which opens a fresh one.
 * The commits stay reachable from the closed pull request, so nothing anyone pushed is lost.
 */
export async function recreatePullRequest(
  octokit: GitHubClient,
  docs: RepositoryRef,
  request: { readonly pullNumber: number; readonly by: string; readonly botBranches: readonly string[] },
): Promise<RecreateOutcome> {
  const pull = await readPullRequestHead(octokit, docs, request.pullNumber);
  const ours =
    pull.state === "open" &&
    request.botBranches.includes(pull.headRef) &&
    pull.headRepository !== null &&
    sameRepository(pull.headRepository, fullNameOf(docs));
  if (!ours) return "not-a-bot-pull-request";
  if (!(await canWrite(octokit, docs, request.by))) {
    await commentOnPullRequest(
      octokit,
      docs,
      request.pullNumber,
      `@${request.by} \`/support-matrix-bot recreate\` needs write access to this repository; nothing was changed.`,
    );
    return "not-allowed";
  }
  await closePullRequest(
    octokit,
    docs,
    request.pullNumber,
    `Closed at @${request.by}'s request (\`/support-matrix-bot recreate\`): support-matrix-bot opens a fresh pull request ` +
      "from the current sources. The commits of this one stay visible here.",
  );
  await deleteBranch(octokit, docs, pull.headRef);
  return "recreated";
}
