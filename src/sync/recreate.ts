// The `/support-matrix-bot recreate` command: a maintainer hands a stopped pull request back to the bot.
import { deleteBranch } from "../github/bot-branch.js";
import type { GitHubClient } from "../github/github-client.js";
import { canWrite, closePullRequest, commentOnPullRequest, readPullRequestHead } from "../github/pull-request.js";
import { fullNameOf, sameRepository, type RepositoryRef } from "../github/repository.js";
import { parseState } from "./pull-request-state.js";

/** The command's line: nothing else on it, up to three spaces of indent (four make it a code block in Markdown). */
const COMMAND_LINE = /^ {0,3}\/support-matrix-bot[ \t]+recreate[ \t]*$/i;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Whether a comment asks to recreate: one of its lines is exactly the command, outside fenced and indented
 * code blocks and block quotes (where people quote the command to explain it, or quote someone else).
 * CommonMark: https://spec.commonmark.org/0.31.2/#fenced-code-blocks, #indented-code-blocks, #block-quotes.
 */
export function isRecreateCommand(body: string): boolean {
  let fence: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    const opening = FENCE.exec(line)?.[1];
    if (fence !== null) {
      // A fence closes with at least as many of the same character and nothing else on the line.
      if (opening && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = null;
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    if (COMMAND_LINE.test(line)) return true;
  }
  return false;
}

export type RecreateOutcome = "recreated" | "not-a-bot-pull-request" | "not-allowed";

/**
 * Closes the pull request and deletes its branch; the caller then reconciles, which opens a fresh one.
 * The commits stay reachable from the closed pull request, so nothing anyone pushed is lost.
 */
export async function recreatePullRequest(
  octokit: GitHubClient,
  docs: RepositoryRef,
  request: {
    readonly pullNumber: number;
    readonly by: string;
    readonly botBranches: readonly string[];
    /** The bot's login: only a pull request it opened is closed. */
    readonly botLogin: string;
    /** Whether a refusal may be answered with a comment (the caller rate-limits them); silent otherwise. */
    readonly mayComment?: boolean;
  },
): Promise<RecreateOutcome> {
  const pull = await readPullRequestHead(octokit, docs, request.pullNumber);
  const ours =
    pull.state === "open" &&
    request.botBranches.includes(pull.headRef) &&
    // Only a pull request the bot opened (and marked) is closed: a person's PR from a same-named branch is theirs.
    pull.author.toLowerCase() === request.botLogin.toLowerCase() &&
    parseState(pull.body) !== null &&
    pull.headRepository !== null &&
    sameRepository(pull.headRepository, fullNameOf(docs));
  if (!ours) return "not-a-bot-pull-request";
  if (!(await canWrite(octokit, docs, request.by))) {
    if (request.mayComment === false) return "not-allowed";
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
